import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { MtlsMode } from './mtls-mode';
import { WorkloadSelector } from './workload-selector';
import { Mesh } from '../mesh/mesh';
import { checkPort } from '../private/checks';
import { policyName, policyNamespace } from '../private/policy-placement';
import { RenderContext } from '../private/render-context';

/** The mutual TLS mode of one port of a workload. */
export interface PortMtls {
  /**
   * The port, as the workload's container (target) port: Istio keys port-level settings by the
   * port the traffic arrives on at the pod, not by the Service port.
   */
  readonly port: number;
  /** The mode on that port. */
  readonly mode: MtlsMode;
}

/** Properties of a {@link PeerAuthentication}. */
export interface PeerAuthenticationProps {
  /**
   * Mutual TLS mode of the selected workloads (or of the namespace, or of the mesh).
   * @default MtlsMode.UNSET - inherited from the parent policy (workload → namespace → mesh); PERMISSIVE when none sets one
   */
  readonly mode?: MtlsMode;

  /**
   * The workloads the policy applies to. Without a selector the policy applies to the whole
   * namespace (or, with `meshWide`, to the mesh).
   * @default - every workload of the namespace
   */
  readonly selector?: WorkloadSelector;

  /**
   * Make this the mesh-wide policy: it goes to the mesh's root namespace
   * (`Mesh.rootNamespace`) and has no selector. A mesh has at most one.
   * @default false
   */
  readonly meshWide?: boolean;

  /**
   * Namespace of the policy (and, without a selector, the namespace it applies to).
   * @default - the namespace of the selected workload, else the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Per-port modes overriding `mode`, by container port. Needs a `selector`; when the selector
   * is a workload, each port must be one of its container ports.
   * @default - no port-level override
   */
  readonly portLevelMtls?: PortMtls[];

  /**
   * Name of the PeerAuthentication object.
   * @default - the construct id in lower case
   */
  readonly name?: string;
}

/**
 * An Istio PeerAuthentication: whether workloads accept plain-text traffic or require mutual
 * TLS. Scoped to the mesh (`meshWide`), a namespace (no selector) or workloads (`selector`);
 * the most specific policy wins, and port-level modes override the workload's mode.
 *
 * @example
 * new PeerAuthentication(chart, 'strict', { mode: MtlsMode.STRICT });            // namespace-wide
 * new PeerAuthentication(app, 'mesh-mtls', { meshWide: true, mode: MtlsMode.STRICT });
 * new PeerAuthentication(chart, 'metrics', {
 *   selector: WorkloadSelector.fromMeshService(backend),
 *   mode: MtlsMode.STRICT,
 *   portLevelMtls: [{ port: 9100, mode: MtlsMode.PERMISSIVE }],
 * });
 */
export class PeerAuthentication extends Construct {
  /** Name of the PeerAuthentication object. */
  public readonly name: string;
  /** Namespace of the PeerAuthentication object. */
  public readonly namespace: string;
  /** The workloads the policy applies to, if it has a selector. */
  public readonly selector?: WorkloadSelector;
  /** The mutual TLS mode set for the workloads, if any. */
  public readonly mode?: MtlsMode;
  /** The mesh the policy belongs to. */
  public readonly mesh: Mesh;
  /** The emitted PeerAuthentication object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  private readonly portModes = new Map<number, MtlsMode>();

  constructor(scope: Construct, id: string, props: PeerAuthenticationProps = {}) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    this.name = policyName(this, props.name);
    this.namespace = policyNamespace(this, this.mesh, props, { selectorInRoot: false });
    if (props.mode !== undefined) this.checkMode('mode', props.mode);
    this.mode = props.mode;
    this.selector = props.selector;

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.mesh.securityApiVersion,
      kind: 'PeerAuthentication',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    (props.portLevelMtls ?? []).forEach((p, i) => this.addPort(p?.port, p?.mode, `portLevelMtls[${i}]`));
  }

  /**
   * Overrides the mode on one port of the selected workloads.
   * @param port the container (target) port
   * @param mode the mode on that port
   */
  public addPortMtls(port: number, mode: MtlsMode): void {
    this.addPort(port, mode, `addPortMtls(${port})`);
  }

  /** The port-level modes, by container port. */
  public get portLevelMtls(): PortMtls[] {
    return [...this.portModes.entries()].map(([port, mode]) => ({ port, mode }));
  }

  private addPort(port: number, mode: MtlsMode, prop: string): void {
    const where = this.node.path;
    if (!this.selector) {
      throw new Error(`${where}: ${prop}: port-level modes need a selector (Istio ignores them on namespace- and mesh-wide policies); set selector, e.g. WorkloadSelector.fromWorkload(deployment).`);
    }
    checkPort(RenderContext.of(where).child(`${prop}.port`), port);
    this.checkMode(`${prop}.mode`, mode);
    const known = this.selector._containerPorts();
    if (known !== undefined && !known.includes(port)) {
      throw new Error(
        `${where}: ${prop}: port ${port} is not a container port of ${this.selector._description} ` +
        `(${known.length > 0 ? `its container ports: ${known.join(', ')}` : 'it declares no container port'}). ` +
        'Port-level modes are keyed by the container (target) port, not the Service port; use one of those, or add the port to the container.',
      );
    }
    if (this.portModes.has(port)) {
      throw new Error(`${where}: ${prop}: port ${port} already has mode ${this.portModes.get(port)}; set each port once.`);
    }
    this.portModes.set(port, mode);
  }

  private checkMode(prop: string, mode: MtlsMode): void {
    if (!Object.values(MtlsMode).includes(mode)) {
      throw new Error(`${this.node.path}: ${prop} is ${JSON.stringify(mode)}; use MtlsMode.STRICT, PERMISSIVE, DISABLE or UNSET.`);
    }
  }

  private renderSpec(): any {
    const spec: any = {};
    if (this.selector) spec.selector = this.selector._render(RenderContext.of(this.node.path).child('selector'));
    if (this.mode !== undefined) spec.mtls = { mode: this.mode };
    if (this.portModes.size > 0) {
      const ports = [...this.portModes.entries()].sort(([a], [b]) => a - b);
      spec.portLevelMtls = Object.fromEntries(ports.map(([port, mode]) => [String(port), { mode }]));
    }
    return spec;
  }
}
