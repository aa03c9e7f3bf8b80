/**
 * What the library knows about a synth in progress, and the one change it makes to how cdk8s
 * synthesizes. Internal.
 *
 * cdk8s prepares the whole app twice for every chart it writes: `App.synth()` resolves the
 * dependencies of every construct and runs every construct's validations, then each chart's
 * `toJson()` (through the internal `App._synthChart`) does both again over the whole app. An app
 * with a chart per namespace pays charts × constructs, which grows with the square of its size and
 * is much of what a synth of a large mesh costs (docs/benchmarks.md). Within one synth no user code
 * runs between two charts, so the repeats find what the first pass found.
 *
 * So the library wraps two methods, once per process, on the prototypes (jsii languages call them
 * there too):
 * - `App.prototype.synth`/`synthYaml` mark the app while they run, so that the Mesh can analyse
 *   once per synth and hand each object's rendered manifest back, and undo that when it ends;
 * - `Chart.prototype.toJson`, only inside a marked synth of an app whose Mesh allows it
 *   (`MeshProps.validateOncePerSynth`): the first chart is written by cdk8s's own `toJson()`,
 *   which repeats the passes once more; every later chart is written from its objects in
 *   dependency order without repeating them. Outside a synth (`Testing.synth`, a direct
 *   `chart.toJson()`) cdk8s runs unchanged.
 */
import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

/** On an App: how many `synth()`/`synthYaml()` calls are running now. */
const SYNTH_DEPTH = Symbol.for('cdk8s-istio.synthDepth');
/** On an App: number of the current (or last) outermost synth. */
const SYNTH_SEQ = Symbol.for('cdk8s-istio.synthSeq');
/** On App.prototype: the synth methods are wrapped. */
const SYNTH_TRACKED = Symbol.for('cdk8s-istio.synthTracked');
/** On an App: what to undo when the outermost synth ends. */
const SYNTH_END = Symbol.for('cdk8s-istio.synthEnd');
/** On an App: the per-chart passes are not to be repeated within a synth (its Mesh's setting). */
const ONCE_PER_SYNTH = Symbol.for('cdk8s-istio.passesOncePerSynth');
/** On an App: the synth in which a chart's `toJson()` last ran cdk8s's passes. */
const PASSES_RAN = Symbol.for('cdk8s-istio.passesRan');

/**
 * Makes `App.synth()` and `App.synthYaml()` mark the app while they run (depth and a sequence
 * number per outermost synth), run the registered undo steps when the outermost one ends, and
 * lets `Chart.toJson()` skip cdk8s's repeated passes for apps that allow it.
 */
export function trackSynths(): void {
  const proto = App.prototype as any;
  if (proto[SYNTH_TRACKED]) return;
  proto[SYNTH_TRACKED] = true;
  for (const method of ['synth', 'synthYaml']) {
    const original = proto[method] as (...args: unknown[]) => unknown;
    proto[method] = function (this: any, ...args: unknown[]): unknown {
      const depth: number = this[SYNTH_DEPTH] ?? 0;
      if (depth === 0) this[SYNTH_SEQ] = (this[SYNTH_SEQ] ?? 0) + 1;
      this[SYNTH_DEPTH] = depth + 1;
      try {
        return original.apply(this, args);
      } finally {
        this[SYNTH_DEPTH] = depth;
        if (depth === 0) {
          const undo: Array<() => void> = this[SYNTH_END] ?? [];
          this[SYNTH_END] = undefined;
          undo.forEach((f) => f());
        }
      }
    };
  }
  wrapChartToJson();
}

/**
 * Lets later charts of one synth skip the passes cdk8s repeats per chart. Installed only when
 * `Chart.prototype.toJson` is the one this was written against (it hands the chart to
 * `App._synthChart`, which runs the passes and then writes the chart's objects in dependency
 * order): another cdk8s that writes charts differently keeps its own behaviour.
 */
function wrapChartToJson(): void {
  const proto = Chart.prototype as any;
  const original = proto.toJson as (this: Chart) => any[];
  if (typeof original !== 'function' || typeof (App as any)._synthChart !== 'function' || !/\b_synthChart\b/.test(String(original))) return;
  proto.toJson = function (this: Chart): any[] {
    const root = this.node.root as any;
    const seq = currentSynth(root);
    if (seq === undefined || !root[ONCE_PER_SYNTH]) return original.call(this);
    if (root[PASSES_RAN] === seq) return chartObjects(this).map((o) => o.toJson());
    const objects = original.call(this);
    root[PASSES_RAN] = seq;
    return objects;
  };
}

/**
 * The ApiObjects a chart writes, in the order cdk8s writes them: a topological order of the
 * chart's constructs by their dependencies, each object in its closest chart only.
 */
function chartObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

/** Whether the per-chart passes of cdk8s run once per synth for the app of `root`. */
export function passesOncePerSynth(root: IConstruct, once: boolean): void {
  (root as any)[ONCE_PER_SYNTH] = once;
}

/** The number of the synth running now on `root`, or undefined outside a synth. */
export function currentSynth(root: IConstruct): number | undefined {
  const r = root as any;
  return (r[SYNTH_DEPTH] ?? 0) > 0 ? r[SYNTH_SEQ] : undefined;
}

/** Runs `undo` when the synth running now on `root` ends. */
export function onSynthEnd(root: IConstruct, undo: () => void): void {
  ((root as any)[SYNTH_END] ??= []).push(undo);
}
