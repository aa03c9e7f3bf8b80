import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CustomTag } from './custom-tag';
import { IstioMetric } from './istio-metric';
import { TagOverride } from './tag-override';
import { Waypoint } from './waypoint';
import { WorkloadMode } from './workload-mode';
import { IstioApiVersion } from '../mesh/istio-api-version';
import { Mesh } from '../mesh/mesh';
import { checkDuration, checkNoEmptyStrings, shownNumber } from '../private/checks';
import { policyName, policyNamespace, renderTargetRefs } from '../private/policy-placement';
import { RenderContext } from '../private/render-context';
import { PolicyTargetReference } from '../security/policy-target';
import { WorkloadSelector } from '../security/workload-selector';

/** Access logging settings of a {@link Telemetry}. */
export interface AccessLoggingOptions {
  /**
   * Names of the access log providers (MeshConfig `extensionProviders`, e.g. `envoy` or an
   * OpenTelemetry provider) these settings apply to.
   * @default - the mesh config's `defaultProviders.accessLogging`, which is empty unless set at install time
   */
  readonly providers?: string[];

  /**
   * A CEL expression choosing which requests or connections are logged, e.g.
   * `response.code >= 400`.
   * @default - every request is logged
   */
  readonly filter?: string;

  /**
   * `true` turns access logging off for the providers; `false` turns it back on where a parent
   * Telemetry (mesh or namespace) turned it off.
   * @default - inherited: on, unless a parent turns it off
   */
  readonly disabled?: boolean;

  /**
   * Direction of the traffic to log.
   * @default WorkloadMode.CLIENT_AND_SERVER
   */
  readonly mode?: WorkloadMode;
}

/** Tracing settings of a {@link Telemetry}. */
export interface TracingOptions {
  /**
   * Name of the tracing provider (MeshConfig `extensionProviders`, e.g. `zipkin` or `otel`).
   * Istio reports spans to one provider per tracing setting.
   * @default - the mesh config's `defaultProviders.tracing`
   */
  readonly provider?: string;

  /**
   * Percentage of requests traced when the caller has not decided already, from 0 to 100 in
   * steps of 0.01.
   * @default - inherited; 0 (Istio's default) when no level sets it
   */
  readonly randomSamplingPercentage?: number;

  /**
   * `true` stops reporting spans (trace context is still propagated); `false` turns reporting
   * back on where a parent turned it off.
   * @default - inherited: spans are reported
   */
  readonly disableSpanReporting?: boolean;

  /**
   * Tags added to every span, by tag name. They replace the custom tags of parent levels as a
   * whole.
   * @default - inherited from the parent levels
   */
  readonly customTags?: { [name: string]: CustomTag };

  /**
   * Direction of the traffic to trace.
   * @default WorkloadMode.CLIENT_AND_SERVER
   */
  readonly mode?: WorkloadMode;
}

/** One override of metric generation: which metrics, and what to change. */
export interface MetricOverride {
  /**
   * A standard Istio metric. Set at most one of `metric` and `customMetric`.
   * @default - every metric (unless `customMetric` is set)
   */
  readonly metric?: IstioMetric;

  /**
   * A metric by name, for metrics that are not Istio's standard ones.
   * @default - see `metric`
   */
  readonly customMetric?: string;

  /**
   * Whether the override applies to client-side metrics, server-side metrics, or both.
   * @default WorkloadMode.CLIENT_AND_SERVER
   */
  readonly mode?: WorkloadMode;

  /**
   * `true` stops generating the selected metrics; `false` turns them back on where a parent
   * turned them off.
   * @default - inherited: generated
   */
  readonly disabled?: boolean;

  /**
   * Changes to tags (dimensions) of the selected metrics, by tag name.
   * @default - no tag changes
   */
  readonly tagOverrides?: { [tag: string]: TagOverride };
}

/** Metrics settings of a {@link Telemetry}. */
export interface MetricsOptions {
  /**
   * Names of the metrics providers (e.g. `prometheus`) these settings apply to.
   * @default - the mesh config's `defaultProviders.metrics` (`prometheus` in a default install)
   */
  readonly providers?: string[];

  /**
   * Overrides, applied in order after those of parent levels: put general ones first.
   * @default - none
   */
  readonly overrides?: MetricOverride[];

  /**
   * How often metrics of long-lived (TCP) connections are reported; at least 1 ms.
   * @default - Istio's default, 5 seconds
   */
  readonly reportingInterval?: Duration;
}

/** Properties of a {@link Telemetry}. */
export interface TelemetryProps {
  /**
   * Name of the Telemetry object.
   * @default - the construct id in lower case
   */
  readonly name?: string;

  /**
   * Namespace of the Telemetry. Without a selector it configures every workload of this
   * namespace.
   * @default - the namespace of the selected workload or waypoint, else the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Make this the mesh-wide Telemetry: it goes to the mesh's root namespace
   * (`Mesh.rootNamespace`) and has no selector.
   * @default false
   */
  readonly meshWide?: boolean;

  /**
   * The workloads configured: a MeshService's pods, a cdk8s-plus workload's, or pods by labels.
   * @default - every workload of the namespace
   */
  readonly selector?: WorkloadSelector;

  /**
   * Resources the Telemetry is attached to instead of a selector, e.g. a Gateway API Gateway.
   * @default - none
   */
  readonly targetRefs?: PolicyTargetReference[];

  /**
   * Configure a waypoint (waypoints ignore selectors): attaches the Telemetry to the waypoint's
   * Gateway and puts it in the waypoint's namespace.
   * @default - none
   */
  readonly waypoint?: Waypoint;

  /**
   * Access logging settings; more with `addAccessLogging`.
   * @default - inherited
   */
  readonly accessLogging?: AccessLoggingOptions[];

  /**
   * Tracing settings; more with `addTracing`.
   * @default - inherited
   */
  readonly tracing?: TracingOptions[];

  /**
   * Metrics settings; more with `addMetrics`.
   * @default - inherited
   */
  readonly metrics?: MetricsOptions[];
}

/**
 * An Istio Telemetry: access logs, traces and metrics of the mesh (`meshWide`), of a namespace
 * (no selector) or of workloads (`selector`). Settings not given are inherited from the level
 * above (workload → namespace → mesh).
 *
 * Emitted as `telemetry.istio.io/v1`, or `v1alpha1` when the mesh uses `IstioApiVersion.V1BETA1`
 * (Telemetry has no v1beta1).
 *
 * @example
 * new Telemetry(app, 'mesh-defaults', {
 *   meshWide: true,
 *   accessLogging: [{ providers: ['envoy'], filter: 'response.code >= 400' }],
 *   tracing: [{ randomSamplingPercentage: 1, customTags: { cluster: CustomTag.literal('eu-1') } }],
 * });
 * new Telemetry(chart, 'reviews-metrics', {
 *   selector: WorkloadSelector.fromMeshService(reviews),
 *   metrics: [{ providers: ['prometheus'], overrides: [{ metric: IstioMetric.REQUEST_COUNT, tagOverrides: { request_host: TagOverride.upsert('request.host') } }] }],
 * });
 */
export class Telemetry extends Construct {
  /** Name of the Telemetry object. */
  public readonly name: string;
  /** Namespace of the Telemetry object. */
  public readonly namespace: string;
  /** The workloads configured, when the Telemetry has a selector. */
  public readonly selector?: WorkloadSelector;
  /** The mesh the Telemetry belongs to. */
  public readonly mesh: Mesh;
  /** The emitted Telemetry object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  private readonly targetRefs?: PolicyTargetReference[];
  private readonly accessLogs: any[] = [];
  private readonly traces: any[] = [];
  private readonly metricSettings: any[] = [];

  constructor(scope: Construct, id: string, props: TelemetryProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.mesh = Mesh.of(this);
    this.name = policyName(this, props.name);

    let targetRefs = props.targetRefs ? [...props.targetRefs] : undefined;
    let namespace = props.namespace;
    if (props.waypoint !== undefined) {
      const wp = props.waypoint;
      if (!(wp instanceof Waypoint)) {
        throw new Error(`${where}: waypoint must be a Waypoint construct.`);
      }
      if (props.selector || props.targetRefs || props.meshWide) {
        throw new Error(`${where}: waypoint attaches the Telemetry to waypoint ${wp.namespace}/${wp.name}; remove selector, targetRefs and meshWide (a waypoint ignores selectors).`);
      }
      if (namespace !== undefined && namespace !== wp.namespace) {
        throw new Error(`${where}: namespace is '${namespace}' but waypoint ${wp.name} is in '${wp.namespace}'; a Telemetry attaches only to a Gateway of its own namespace. Remove namespace.`);
      }
      namespace = wp.namespace;
      targetRefs = [wp.targetReference];
    }
    this.namespace = policyNamespace(this, this.mesh, { ...props, namespace, targetRefs }, { selectorInRoot: false });
    this.selector = props.selector;
    this.targetRefs = targetRefs;
    renderTargetRefs(RenderContext.of(where).child('targetRefs'), this.targetRefs);

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: `telemetry.istio.io/${this.mesh.apiVersion === IstioApiVersion.V1 ? 'v1' : 'v1alpha1'}`,
      kind: 'Telemetry',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    (props.accessLogging ?? []).forEach((o, i) => this.accessLogs.push(this.accessLogging(o, `accessLogging[${i}]`)));
    (props.tracing ?? []).forEach((o, i) => this.traces.push(this.tracing(o, `tracing[${i}]`)));
    (props.metrics ?? []).forEach((o, i) => this.metricSettings.push(this.metricsEntry(o, `metrics[${i}]`)));
  }

  /** Adds access logging settings (e.g. one per provider). */
  public addAccessLogging(options: AccessLoggingOptions): void {
    this.accessLogs.push(this.accessLogging(options ?? {}, `addAccessLogging() #${this.accessLogs.length + 1}`));
  }

  /** Adds tracing settings (e.g. one for CLIENT and one for SERVER traffic). */
  public addTracing(options: TracingOptions): void {
    this.traces.push(this.tracing(options ?? {}, `addTracing() #${this.traces.length + 1}`));
  }

  /** Adds metrics settings (e.g. one per provider). */
  public addMetrics(options: MetricsOptions): void {
    this.metricSettings.push(this.metricsEntry(options ?? {}, `addMetrics() #${this.metricSettings.length + 1}`));
  }

  private accessLogging(o: AccessLoggingOptions, prop: string): any {
    const out: any = {};
    const providers = this.providers(o.providers, `${prop}.providers`);
    if (providers) out.providers = providers;
    if (o.mode !== undefined) out.match = { mode: this.mode(o.mode, `${prop}.mode`) };
    if (o.disabled !== undefined) out.disabled = this.bool(o.disabled, `${prop}.disabled`);
    if (o.filter !== undefined) {
      if (typeof o.filter !== 'string' || o.filter.trim() === '') {
        throw new Error(`${this.node.path}: ${prop}.filter is ${JSON.stringify(o.filter)}; write a CEL expression such as 'response.code >= 400', or leave filter out to log every request.`);
      }
      out.filter = { expression: o.filter };
    }
    return out;
  }

  private tracing(o: TracingOptions, prop: string): any {
    const where = this.node.path;
    const out: any = {};
    if (o.mode !== undefined) out.match = { mode: this.mode(o.mode, `${prop}.mode`) };
    if (o.provider !== undefined) {
      if (typeof o.provider !== 'string' || o.provider.trim() === '') {
        RenderContext.of(where).child(`${prop}.provider`).fail(`is ${JSON.stringify(o.provider)}; write the name of a tracing provider of the mesh config, e.g. 'zipkin', or leave it out for the default one.`);
      }
      out.providers = [{ name: o.provider }];
    }
    if (o.randomSamplingPercentage !== undefined) {
      const p = o.randomSamplingPercentage;
      if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) {
        RenderContext.of(where).child(`${prop}.randomSamplingPercentage`).fail(`is ${shownNumber(p)}; Istio takes a percentage from 0 to 100, e.g. 1 for 1% of requests.`);
      }
      out.randomSamplingPercentage = p;
    }
    if (o.disableSpanReporting !== undefined) out.disableSpanReporting = this.bool(o.disableSpanReporting, `${prop}.disableSpanReporting`);
    if (o.customTags !== undefined) {
      const tags: any = {};
      for (const [name, tag] of Object.entries(o.customTags)) {
        if (name.trim() === '') {
          RenderContext.of(where).child(`${prop}.customTags`).fail('has an empty tag name; name every tag, e.g. { cluster: CustomTag.literal(\'eu-1\') }.');
        }
        if (!(tag instanceof CustomTag)) {
          RenderContext.of(where).child(`${prop}.customTags.${name}`).fail('must be a CustomTag, e.g. CustomTag.header(\'x-user-tier\').');
        }
        tags[name] = tag._render(RenderContext.of(where).child(`${prop}.customTags.${name}`));
      }
      out.customTags = tags;
    }
    return out;
  }

  private metricsEntry(o: MetricsOptions, prop: string): any {
    const out: any = {};
    const providers = this.providers(o.providers, `${prop}.providers`);
    if (providers) out.providers = providers;
    if (o.overrides !== undefined) out.overrides = o.overrides.map((ov, i) => this.override(ov ?? {}, `${prop}.overrides[${i}]`));
    if (o.reportingInterval !== undefined) out.reportingInterval = checkDuration(RenderContext.of(this.node.path).child(`${prop}.reportingInterval`), o.reportingInterval);
    return out;
  }

  private override(o: MetricOverride, prop: string): any {
    const where = this.node.path;
    const out: any = {};
    if (o.metric !== undefined && o.customMetric !== undefined) {
      RenderContext.of(where).child(prop).fail(`sets both metric (${o.metric}) and customMetric ('${o.customMetric}'); an override selects one metric, or every metric when neither is set. Use two overrides.`);
    }
    const match: any = {};
    if (o.metric !== undefined) {
      if (!Object.values(IstioMetric).includes(o.metric)) {
        RenderContext.of(where).child(`${prop}.metric`).fail(`is ${JSON.stringify(o.metric)}; use an IstioMetric such as IstioMetric.REQUEST_COUNT, or customMetric for another metric.`);
      }
      match.metric = o.metric;
    }
    if (o.customMetric !== undefined) {
      if (typeof o.customMetric !== 'string' || o.customMetric.trim() === '') {
        RenderContext.of(where).child(`${prop}.customMetric`).fail(`is ${JSON.stringify(o.customMetric)}; write the metric's name, or leave it out to select every metric.`);
      }
      match.customMetric = o.customMetric;
    }
    if (o.mode !== undefined) match.mode = this.mode(o.mode, `${prop}.mode`);
    if (Object.keys(match).length > 0) out.match = match;
    if (o.disabled !== undefined) out.disabled = this.bool(o.disabled, `${prop}.disabled`);
    if (o.tagOverrides !== undefined) {
      const tags: any = {};
      for (const [name, op] of Object.entries(o.tagOverrides)) {
        if (name.trim() === '') {
          RenderContext.of(where).child(`${prop}.tagOverrides`).fail('has an empty tag name; name the tag, e.g. { request_host: TagOverride.upsert(\'request.host\') }.');
        }
        if (!(op instanceof TagOverride)) {
          RenderContext.of(where).child(`${prop}.tagOverrides.${name}`).fail('must be a TagOverride, e.g. TagOverride.remove() or TagOverride.upsert(\'request.host\').');
        }
        tags[name] = op._render(RenderContext.of(where).child(`${prop}.tagOverrides.${name}`));
      }
      out.tagOverrides = tags;
    }
    return out;
  }

  private providers(names: string[] | undefined, prop: string): any[] | undefined {
    if (names === undefined) return undefined;
    checkNoEmptyStrings(RenderContext.of(this.node.path).child(prop), names);
    return names.map((name) => ({ name }));
  }

  private mode(mode: WorkloadMode, prop: string): WorkloadMode {
    if (!Object.values(WorkloadMode).includes(mode)) {
      throw new Error(`${this.node.path}: ${prop} is ${JSON.stringify(mode)}; use WorkloadMode.CLIENT, SERVER or CLIENT_AND_SERVER.`);
    }
    return mode;
  }

  private bool(value: boolean, prop: string): boolean {
    if (typeof value !== 'boolean') {
      throw new Error(`${this.node.path}: ${prop} is ${JSON.stringify(value)}; write true or false.`);
    }
    return value;
  }

  private renderSpec(): any {
    const ctx = RenderContext.of(this.node.path);
    const spec: any = {};
    if (this.selector) spec.selector = this.selector._render(ctx.child('selector'));
    const targetRefs = renderTargetRefs(ctx.child('targetRefs'), this.targetRefs);
    if (targetRefs) spec.targetRefs = targetRefs;
    if (this.accessLogs.length > 0) spec.accessLogging = this.accessLogs.map((e) => ({ ...e }));
    if (this.traces.length > 0) spec.tracing = this.traces.map((e) => ({ ...e }));
    if (this.metricSettings.length > 0) spec.metrics = this.metricSettings.map((e) => ({ ...e }));
    return spec;
  }
}
