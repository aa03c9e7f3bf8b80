import { Construct, IConstruct } from 'constructs';
import { IstioApiVersion } from './istio-api-version';
import { RoutingApi } from './routing-api';
import { SynthAnalysis } from './synth-analysis';
import { didYouMean, unknownRuleIds } from '../analysis/analysis-run';
import { CrdFileError, CrdSchemas } from '../analysis/crd';
import { Diagnostic } from '../analysis/diagnostic';
import { MeshConfigFileError, MeshConfigSetting, readMeshConfigFile } from '../analysis/mesh-config-file';
import { isDns1123Subdomain, namespaceNameFix, namespaceNameProblem } from '../analysis/validators/names';
import { duplicateObjectErrors } from '../private/object-identity';
import { currentSynth, passesOncePerSynth } from '../private/synth-tracking';

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
   * The API mesh services' routes and gateways are written in, unless one says otherwise: Istio's
   * (VirtualService, DestinationRule subsets, Istio Gateway) or the Kubernetes Gateway API
   * (HTTPRoute/GRPCRoute attached to Services and Gateways, per-version Services, Gateways of
   * class `istio`).
   * @default RoutingApi.ISTIO
   */
  readonly routingApi?: RoutingApi;

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

  /**
   * Mesh config file of the cluster (MeshConfig YAML: the `data.mesh` of the `istio` ConfigMap,
   * e.g. `kubectl -n istio-system get cm istio -o jsonpath='{.data.mesh}'`), read as
   * `istioctl analyze --meshConfigFile` and `cdk8s-istio lint --mesh-config` read it: applied over
   * Istio's defaults, it gives the synth-time analysis the outbound traffic policy, default
   * providers, extension providers and proxy defaults the cluster runs with. Its `rootNamespace`
   * and `trustDomain` are this Mesh's unless `rootNamespace`/`trustDomain` are set. A relative
   * path is resolved against the current folder; the file is read when the Mesh is created.
   * @default - Istio's default mesh config
   */
  readonly meshConfigFile?: string;

  /**
   * Have cdk8s resolve dependencies and run validations once per `app.synth()` instead of once
   * more for every chart. cdk8s prepares the whole app again before writing each chart, so an
   * app with a chart per namespace spends time in proportion to charts × constructs, much of a
   * large mesh's synth; nothing changes between two charts of one synth, so the repeats find
   * nothing new. With this on, the first chart is written by cdk8s as usual and later charts of
   * the same synth skip the repeats (the manifests and their order are the same). It applies to
   * the whole app this Mesh belongs to, only while it synthesizes; `Testing.synth()` and a
   * chart's own `toJson()` are not affected. Turn it off if a construct of the app relies on
   * being validated once per chart.
   * @default true
   */
  readonly validateOncePerSynth?: boolean;
}

const MESH_SYMBOL = Symbol.for('cdk8s-istio.Mesh');

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
  /** The API routes and gateways are written in, unless a construct says otherwise. */
  public readonly routingApi: RoutingApi;
  /**
   * CRD file the analysis checks against.
   * @default - the built-in schemas
   */
  public readonly crdFile?: string;
  /**
   * Mesh config file the analysis reads.
   * @default - Istio's default mesh config
   */
  public readonly meshConfigFile?: string;

  private readonly analysis: SynthAnalysis;

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

    let meshConfig: MeshConfigSetting | undefined;
    if (props.meshConfigFile !== undefined) {
      this.meshConfigFile = props.meshConfigFile;
      try {
        meshConfig = readMeshConfigFile(props.meshConfigFile);
      } catch (e) {
        if (!(e instanceof MeshConfigFileError)) throw e;
        throw new Error(`${this.node.path}: meshConfigFile cannot be used: ${e.message}; pass the path of a MeshConfig YAML file (relative to the folder cdk8s runs in), or leave the prop out.`);
      }
    }
    const fromFile = (field: string): string | undefined => {
      const v = meshConfig?.config[field];
      return typeof v === 'string' && v !== '' ? v : undefined;
    };
    // Principals are `<trustDomain>/ns/<ns>/sa/<sa>`: a trust domain with a space or a slash
    // makes every principal derived from it match no caller.
    if (props.trustDomain !== undefined && !/^[A-Za-z0-9._-]+$/.test(props.trustDomain)) {
      throw new Error(
        `${this.node.path}: trustDomain ${JSON.stringify(props.trustDomain)} is not a trust domain (letters, digits, '.', '-' and '_', as in a SPIFFE ID); ` +
        "write the mesh's trust domain, e.g. 'cluster.local', or leave the prop out.",
      );
    }
    if (props.clusterDomain !== undefined && !isDns1123Subdomain(props.clusterDomain)) {
      throw new Error(
        `${this.node.path}: clusterDomain ${JSON.stringify(props.clusterDomain)} is not a DNS domain (lower-case labels of letters, digits and '-', separated by single dots); ` +
        "write the cluster's DNS domain, e.g. 'cluster.local', or leave the prop out.",
      );
    }
    this.trustDomain = props.trustDomain ?? fromFile('trustDomain') ?? 'cluster.local';
    const rootProblem = props.rootNamespace !== undefined ? namespaceNameProblem(props.rootNamespace) : undefined;
    if (rootProblem) {
      throw new Error(`${this.node.path}: rootNamespace ${rootProblem}; ${namespaceNameFix(props.rootNamespace)} (istio-system), as the mesh-wide policies go there.`);
    }
    this.rootNamespace = props.rootNamespace ?? fromFile('rootNamespace') ?? 'istio-system';
    this.clusterDomain = props.clusterDomain ?? 'cluster.local';
    this.apiVersion = props.apiVersion ?? IstioApiVersion.V1;
    this.routingApi = props.routingApi ?? RoutingApi.ISTIO;
    let crds: CrdSchemas | undefined;
    if (props.crdFile !== undefined) {
      this.crdFile = props.crdFile;
      try {
        crds = CrdSchemas.fromFile(props.crdFile);
      } catch (e) {
        if (!(e instanceof CrdFileError)) throw e;
        throw new Error(`${this.node.path}: crdFile cannot be used: ${e.message}`);
      }
    }

    // A misspelt id would silently skip nothing: warn as `lint --ignore` does.
    for (const unknown of unknownRuleIds(props.ignoreRules ?? [])) {
      process.stderr.write(`cdk8s-istio: warning: ${this.node.path}: ignoreRules: no rule has the id '${unknown.id}'.${didYouMean(unknown)}\n`);
    }

    this.analysis = new SynthAnalysis(this.node.root, {
      enabled: props.analyze ?? true,
      failOnWarnings: props.failOnWarnings ?? false,
      ignoreRules: props.ignoreRules ?? [],
      clusterDomain: this.clusterDomain,
      rootNamespace: this.rootNamespace,
      trustDomain: this.trustDomain,
      meshConfig,
      crds,
    });
    this.node.addValidation({ validate: () => this.analysis.validate() });
    // Checked even with analyze: false: two objects of one identity are never what was meant.
    // Once per synth, like the analysis: cdk8s may run validations again for every chart.
    let identities: { synth: number; errors: string[] } | undefined;
    this.node.addValidation({
      validate: () => {
        const synth = currentSynth(this.node.root);
        if (synth !== undefined && identities?.synth === synth) return identities.errors;
        const errors = duplicateObjectErrors(this.node.root);
        if (synth !== undefined) identities = { synth, errors };
        return errors;
      },
    });
    passesOncePerSynth(this.node.root, props.validateOncePerSynth ?? true);
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
    return this.analysis.run().diagnostics;
  }
}
