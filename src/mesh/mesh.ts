import { ApiObject, App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { IstioApiVersion } from './istio-api-version';
import { CrdFileError, CrdSchemas } from '../analysis/crd';
import { Diagnostic, formatDiagnostic, Severity } from '../analysis/diagnostic';
import { analyzeSources } from '../analysis/engine';
import { ManifestSource } from '../analysis/manifest';

/**
 * Settings of the mesh an app deploys into.
 */
export interface MeshProps {
  /**
   * Trust domain of the mesh: the first part of every workload's SPIFFE identity
   * (`<trustDomain>/ns/<namespace>/sa/<serviceAccount>`).
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;

  /**
   * Istio's root namespace: mesh-wide policies live there.
   * @default 'istio-system'
   */
  readonly rootNamespace?: string;

  /**
   * Kubernetes cluster DNS domain, used to write fully qualified host names.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Version of Istio's APIs to emit. Use `V1BETA1` for clusters older than Istio 1.22.
   * @default IstioApiVersion.V1
   */
  readonly apiVersion?: IstioApiVersion;

  /**
   * Run the analysis engine over every object of the app when it is synthesized.
   * Errors fail the synth; warnings and infos are printed.
   * @default true
   */
  readonly analyze?: boolean;

  /**
   * Fail the synth on warnings too, not only on errors.
   * @default false
   */
  readonly failOnWarnings?: boolean;

  /**
   * Rule ids the synth-time analysis skips, e.g. `['virtualservice-weights-not-100']`.
   * To skip a rule for one object only, annotate it with `cdk8s-istio.io/ignore-rules`.
   * @default - every rule runs
   */
  readonly ignoreRules?: string[];

  /**
   * CustomResourceDefinition file of the Istio version the cluster runs (YAML, e.g.
   * `kubectl get crd -l app=istio-pilot -o yaml`, or `manifests/charts/base/files/crd-all.gen.yaml`
   * of the Istio release). The synth-time analysis then checks fields against these CRDs' schemas
   * instead of the built-in ones (Istio 1.30), and runs their CEL validation rules
   * (`schema-cel-validation`), as `cdk8s-istio lint --crds FILE` does. A relative path is resolved
   * against the current folder; the file is read when the Mesh is created.
   * @default - the built-in schemas, without CEL rules
   */
  readonly crdFile?: string;
}

const MESH_SYMBOL = Symbol.for('cdk8s-istio.Mesh');
/** On an App: how many `synth()`/`synthYaml()` calls are running now. */
const SYNTH_DEPTH = Symbol.for('cdk8s-istio.synthDepth');
/** On an App: number of the current (or last) outermost synth. */
const SYNTH_SEQ = Symbol.for('cdk8s-istio.synthSeq');
const SYNTH_TRACKED = Symbol.for('cdk8s-istio.synthTracked');
/** On an App: what to undo when the outermost synth ends. */
const SYNTH_END = Symbol.for('cdk8s-istio.synthEnd');

/**
 * Makes `App.synth()` and `App.synthYaml()` mark the app while they run. cdk8s validates the whole
 * app again for every chart it writes (each chart's `toJson()` does), so an analysis per
 * validation would cost charts × objects renders. No user code runs inside a synth, so the
 * manifests cannot change: one analysis serves every chart of the same synth.
 * Installed once, on the prototype (jsii languages call prototype methods).
 */
function trackSynths(): void {
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
}

/**
 * Until the synth running now ends, each object's `toJson()` returns the manifest the analysis
 * rendered, so cdk8s writes it instead of rendering every object a second time. Nothing can change
 * an object in between (no user code runs inside a synth). Objects with an own `toJson` (a jsii
 * override) are left alone.
 */
function reuseRenders(app: any, objects: ApiObject[], sources: ManifestSource[]): void {
  const patched: ApiObject[] = [];
  objects.forEach((apiObject, i) => {
    if (Object.prototype.hasOwnProperty.call(apiObject, 'toJson')) return;
    const manifest = sources[i].manifest;
    Object.defineProperty(apiObject, 'toJson', { value: () => manifest, configurable: true, writable: true });
    patched.push(apiObject);
  });
  (app[SYNTH_END] ??= []).push(() => patched.forEach((o) => delete (o as any).toJson));
}

/**
 * The Istio mesh an app deploys into: its trust domain, root namespace and API version, and the
 * synth-time analysis of every object in the app.
 *
 * There is one per app. Create it first under the `App` to change its settings; mesh constructs
 * create a default one when none exists.
 */
export class Mesh extends Construct {
  /**
   * Returns the mesh of the app `scope` belongs to, creating one with default settings when the
   * app has none yet.
   */
  public static of(scope: IConstruct): Mesh {
    const root = scope.node.root;
    const existing = (root as any)[MESH_SYMBOL] as Mesh | undefined;
    return existing ?? new Mesh(root, 'IstioMesh');
  }

  /** Trust domain of workload identities. */
  public readonly trustDomain: string;
  /** Namespace of mesh-wide policies. */
  public readonly rootNamespace: string;
  /** Kubernetes cluster DNS domain. */
  public readonly clusterDomain: string;
  /** Version of Istio's APIs this mesh emits. */
  public readonly apiVersion: IstioApiVersion;
  /**
   * CRD file the analysis checks against.
   * @default - the built-in schemas
   */
  public readonly crdFile?: string;

  private readonly runAnalysis: boolean;
  private readonly failOnWarnings: boolean;
  private readonly ignoreRules: string[];
  private readonly crds?: CrdSchemas;
  private lastAnalysis?: { key: string; diagnostics: Diagnostic[] };
  private synthAnalysis?: { seq: number; diagnostics: Diagnostic[] };

  constructor(scope: Construct, id: string, props: MeshProps = {}) {
    super(scope, id);
    const root = this.node.root as any;
    if (root[MESH_SYMBOL]) {
      throw new Error(
        `${this.node.path}: this app already has a Mesh (${(root[MESH_SYMBOL] as Mesh).node.path}). ` +
        'An app has one mesh: create `new Mesh(app, ...)` once, before any MeshService, or use `Mesh.of(scope)`.',
      );
    }
    root[MESH_SYMBOL] = this;
    trackSynths();

    this.trustDomain = props.trustDomain ?? 'cluster.local';
    this.rootNamespace = props.rootNamespace ?? 'istio-system';
    this.clusterDomain = props.clusterDomain ?? 'cluster.local';
    this.apiVersion = props.apiVersion ?? IstioApiVersion.V1;
    this.runAnalysis = props.analyze ?? true;
    this.failOnWarnings = props.failOnWarnings ?? false;
    this.ignoreRules = props.ignoreRules ?? [];
    if (props.crdFile !== undefined) {
      this.crdFile = props.crdFile;
      try {
        this.crds = CrdSchemas.fromFile(props.crdFile);
      } catch (e) {
        if (!(e instanceof CrdFileError)) throw e;
        throw new Error(`${this.node.path}: crdFile cannot be used: ${e.message}`);
      }
    }

    this.node.addValidation({ validate: () => this.validateApp() });
  }

  /** `apiVersion` of networking objects (VirtualService, DestinationRule, Gateway, …). */
  public get networkingApiVersion(): string {
    return `networking.istio.io/${this.apiVersion}`;
  }

  /** `apiVersion` of security objects (PeerAuthentication, AuthorizationPolicy, …). */
  public get securityApiVersion(): string {
    return `security.istio.io/${this.apiVersion}`;
  }

  /**
   * Fully qualified host of a Kubernetes Service: `<name>.<namespace>.svc.<clusterDomain>`.
   */
  public serviceHost(name: string, namespace: string): string {
    return `${name}.${namespace}.svc.${this.clusterDomain}`;
  }

  /**
   * Runs the analysis engine over every API object in the app, as synth does, and returns the
   * diagnostics (errors first). Use it in tests or to print a report.
   */
  public analyze(): Diagnostic[] {
    return this.analyzeRendered().diagnostics;
  }

  /**
   * Renders every ApiObject and analyses them. cdk8s validates the whole app again for each chart
   * it writes: inside one `App.synth()` the first analysis serves them all; elsewhere (a chart's
   * `toJson()`, `analyze()`) the previous result is reused while the rendered manifests are unchanged.
   */
  private analyzeRendered(): { diagnostics: Diagnostic[]; fresh: boolean } {
    const root = this.node.root as any;
    const synthSeq: number | undefined = (root[SYNTH_DEPTH] ?? 0) > 0 ? root[SYNTH_SEQ] : undefined;
    if (synthSeq !== undefined && this.synthAnalysis?.seq === synthSeq) {
      return { diagnostics: this.synthAnalysis.diagnostics, fresh: false };
    }
    const sources: ManifestSource[] = [];
    const objects: ApiObject[] = [];
    for (const c of this.node.root.node.findAll()) {
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
    const key = JSON.stringify(sources);
    if (this.lastAnalysis && this.lastAnalysis.key === key) {
      return { diagnostics: this.lastAnalysis.diagnostics, fresh: false };
    }
    const diagnostics = this.runEngine(sources);
    this.lastAnalysis = { key, diagnostics };
    return { diagnostics, fresh: true };
  }

  private runEngine(sources: ManifestSource[]): Diagnostic[] {
    return analyzeSources(sources, {
      ignoreRules: this.ignoreRules,
      clusterDomain: this.clusterDomain,
      rootNamespace: this.rootNamespace,
      ...(this.crds ? { crds: this.crds } : {}),
    });
  }

  private validateApp(): string[] {
    if (!this.runAnalysis) return [];
    const { diagnostics, fresh } = this.analyzeRendered();
    const failing = diagnostics.filter((d) => d.severity === Severity.ERROR || (this.failOnWarnings && d.severity === Severity.WARNING));
    const printed = diagnostics.filter((d) => !failing.includes(d));
    for (const d of fresh ? printed : []) {
      process.stderr.write(`cdk8s-istio: ${formatDiagnostic(d)}\n`);
    }
    return failing.map(formatDiagnostic);
  }
}
