/**
 * The synth-time analysis of a `Mesh`: renders every ApiObject of the app, runs the analysis
 * engine over the manifests, fails the synth on errors and prints the rest. Internal: `Mesh`
 * holds one and registers `validate()` as a construct validation.
 *
 * Why it caches per synth: cdk8s may validate the whole app again for every chart it writes, so an
 * analysis per validation would render and analyse charts × objects manifests. The app is marked
 * while it synthesizes (`private/synth-tracking.ts`), so that one analysis serves every chart of
 * that synth, and each object's `toJson()` returns the manifest the analysis already rendered
 * until the synth ends. No user code runs inside a synth, so the manifests cannot change in
 * between.
 */
import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { analyzeSources, failingDiagnostics } from '../analysis/analysis-run';
import { CrdSchemas } from '../analysis/crd';
import { Diagnostic, formatDiagnostic, Severity } from '../analysis/diagnostic';
import { ManifestSource } from '../analysis/manifest';
import { MeshConfigSetting } from '../analysis/mesh-config-file';
import { currentSynth, onSynthEnd, trackSynths } from '../private/synth-tracking';

/**
 * Until the synth running now ends, each object's `toJson()` returns the manifest the analysis
 * rendered, so cdk8s writes it instead of rendering every object a second time. Objects with an
 * own `toJson` (a jsii override) are left alone.
 */
function reuseRenders(root: any, objects: ApiObject[], sources: ManifestSource[]): void {
  const patched: ApiObject[] = [];
  objects.forEach((apiObject, i) => {
    if (Object.prototype.hasOwnProperty.call(apiObject, 'toJson')) return;
    const manifest = sources[i].manifest;
    Object.defineProperty(apiObject, 'toJson', { value: () => manifest, configurable: true, writable: true });
    patched.push(apiObject);
  });
  onSynthEnd(root, () => patched.forEach((o) => delete (o as any).toJson));
}

/** What the analysis of one app runs with. */
export interface SynthAnalysisOptions {
  /** Run at synth at all (`Mesh` prop `analyze`). */
  readonly enabled: boolean;
  /** Fail the synth on warnings too. */
  readonly failOnWarnings: boolean;
  /** Rule ids to skip. */
  readonly ignoreRules: string[];
  /** Cluster DNS domain, for host names. */
  readonly clusterDomain: string;
  /** Istio's root namespace. */
  readonly rootNamespace: string;
  /** Trust domain of workload identities. */
  readonly trustDomain: string;
  /** Mesh config read from `Mesh` `meshConfigFile`, when given. */
  readonly meshConfig?: MeshConfigSetting;
  /** CRD schemas to check fields against, instead of the built-in ones. */
  readonly crds?: CrdSchemas;
}

/** The analysis of every ApiObject under one app root, cached per synth and per rendering. */
export class SynthAnalysis {
  private lastAnalysis?: { key: string; diagnostics: Diagnostic[] };
  private synthAnalysis?: { seq: number; diagnostics: Diagnostic[] };
  /** Number of objects the engine analysed last. */
  private lastObjectCount = 0;

  constructor(private readonly root: IConstruct, private readonly options: SynthAnalysisOptions) {
    trackSynths();
  }

  /**
   * Renders every ApiObject and analyses them. Inside one `App.synth()` the first analysis serves
   * every chart; elsewhere (a chart's `toJson()`, `Mesh.analyze()`) the previous result is reused
   * while the rendered manifests are unchanged. `fresh` tells whether the engine ran now.
   */
  public run(): { diagnostics: Diagnostic[]; fresh: boolean } {
    const root = this.root as any;
    const synthSeq = currentSynth(root);
    if (synthSeq !== undefined && this.synthAnalysis?.seq === synthSeq) {
      return { diagnostics: this.synthAnalysis.diagnostics, fresh: false };
    }
    const sources: ManifestSource[] = [];
    const objects: ApiObject[] = [];
    for (const c of this.root.node.findAll()) {
      if (!(c instanceof ApiObject)) continue;
      sources.push({ manifest: c.toJson(), constructPath: c.node.path });
      objects.push(c);
    }
    if (synthSeq !== undefined) {
      const diagnostics = this.runEngine(sources);
      this.synthAnalysis = { seq: synthSeq, diagnostics };
      reuseRenders(root, objects, sources);
      return { diagnostics, fresh: true };
    }
    const key = renderingKey(sources);
    if (this.lastAnalysis && this.lastAnalysis.key === key) {
      return { diagnostics: this.lastAnalysis.diagnostics, fresh: false };
    }
    const diagnostics = this.runEngine(sources);
    this.lastAnalysis = { key, diagnostics };
    return { diagnostics, fresh: true };
  }

  /**
   * The construct validation: the failing diagnostics as messages (errors, and warnings with
   * `failOnWarnings`); the others are printed to stderr, once per fresh analysis.
   */
  public validate(): string[] {
    if (!this.options.enabled) return [];
    const { diagnostics, fresh } = this.run();
    const failing = failingDiagnostics(diagnostics, this.options.failOnWarnings ? Severity.WARNING : Severity.ERROR);
    const printed = diagnostics.filter((d) => !failing.includes(d));
    if (fresh) {
      for (const d of printed) process.stderr.write(`cdk8s-istio: ${formatDiagnostic(d)}\n`);
      // One line even when all is well, so that a pipeline log shows the analysis ran.
      process.stderr.write(`cdk8s-istio: ${analysisSummary(this.lastObjectCount, diagnostics)}\n`);
    }
    return failing.map(formatDiagnostic);
  }

  private runEngine(sources: ManifestSource[]): Diagnostic[] {
    this.lastObjectCount = sources.length;
    return analyzeSources(sources, {
      ignoreRules: this.options.ignoreRules,
      clusterDomain: this.options.clusterDomain,
      rootNamespace: this.options.rootNamespace,
      trustDomain: this.options.trustDomain,
      ...(this.options.meshConfig ? { meshConfig: this.options.meshConfig } : {}),
      ...(this.options.crds ? { crds: this.options.crds } : {}),
    });
  }
}

/**
 * A digest of every rendered manifest and its construct path, which tells whether the app changed
 * since the last analysis. A digest, not the JSON itself: keeping that would hold a second copy of
 * every manifest for as long as the app lives. Hashed object by object, so that no string of the
 * whole app is built either.
 */
function renderingKey(sources: readonly ManifestSource[]): string {
  const hash = createHash('sha256');
  for (const s of sources) {
    hash.update(s.constructPath ?? '');
    hash.update('\0');
    hash.update(JSON.stringify(s.manifest));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** `analysed 12 objects: 0 errors, 1 warning, 0 infos`: the line a synth prints. */
export function analysisSummary(objects: number, diagnostics: readonly Diagnostic[]): string {
  const count = (s: Severity, word: string) => {
    const n = diagnostics.filter((d) => d.severity === s).length;
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  return `analysed ${objects} object${objects === 1 ? '' : 's'}: ${count(Severity.ERROR, 'error')}, ${count(Severity.WARNING, 'warning')}, ${count(Severity.INFO, 'info')}`;
}
