import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WaypointAllowedNamespaces } from './waypoint-allowed-namespaces';
import { WaypointTrafficType } from './waypoint-traffic-type';
import { isDns1123Label, isLabelValue, toDns1123Label } from '../analysis/validators/names';
import { MeshService } from '../mesh/mesh-service';
import {
  addGuardedLabels,
  GATEWAY_API_VERSION,
  HBONE_PORT,
  metadataTarget,
  namespaceOfObject,
  objectTarget,
  REVISION_LABEL,
  USE_WAYPOINT_LABEL,
  USE_WAYPOINT_NAMESPACE_LABEL,
  WAYPOINT_FOR_LABEL,
  WAYPOINT_GATEWAY_CLASS,
  LabelTarget,
} from '../private/enrollment-labels';
import { RenderContext } from '../private/render-context';
import { PolicyTargetReference } from '../security/policy-target';
import { Principal } from '../security/principal';

/** Properties of a {@link Waypoint}. */
export interface WaypointProps {
  /**
   * Name of the Gateway; Istio names the waypoint's Deployment, Service and service account after
   * it. `none` is reserved (it is the `istio.io/use-waypoint` value that opts out of waypoints).
   * @default - the construct id in lower case
   */
  readonly name?: string;

  /**
   * Namespace of the waypoint.
   * @default - the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Which traffic the waypoint handles (`istio.io/waypoint-for`). A Service can only use a
   * waypoint that handles service traffic, a pod one that handles workload traffic.
   * @default WaypointTrafficType.SERVICE
   */
  readonly trafficType?: WaypointTrafficType;

  /**
   * Namespaces whose resources may use the waypoint.
   * @default WaypointAllowedNamespaces.same() - only the waypoint's own namespace
   */
  readonly allowedNamespaces?: WaypointAllowedNamespaces;

  /**
   * Control-plane revision that manages the waypoint (`istio.io/rev` on the Gateway).
   * @default - the default revision
   */
  readonly revision?: string;
}

/** What uses a waypoint, for the traffic-type check. */
enum Consumer { NAMESPACE = 'namespace', SERVICE = 'service', WORKLOAD = 'workload' }

/**
 * An Istio waypoint proxy for ambient mode: a Kubernetes Gateway API `Gateway` of class
 * `istio-waypoint` with one HBONE listener on port 15008. Istio deploys and runs the proxy; the
 * resources that should send their traffic through it say so with the `istio.io/use-waypoint`
 * label: a namespace (`NamespaceEnrollment` with `waypoint`), a Service (`addMeshService`,
 * `addService`, `addServiceObject`) or a pod (`WorkloadEnrollment` with `waypoint`).
 *
 * The Gateway API CRDs must be installed in the cluster; this is not an Istio CRD.
 *
 * @example
 * const waypoint = new Waypoint(chart, 'waypoint');                 // handles service traffic
 * new NamespaceEnrollment(chart, 'shop-ns', { mode: DataplaneMode.ambient(), waypoint });
 * waypoint.addMeshService(reviews);                                 // or per service
 */
export class Waypoint extends Construct {
  /** Name of the Gateway (and of the waypoint's Deployment, Service and service account). */
  public readonly name: string;
  /** Namespace of the waypoint. */
  public readonly namespace: string;
  /** Which traffic the waypoint handles. */
  public readonly trafficType: WaypointTrafficType;
  /** Namespaces whose resources may use the waypoint. */
  public readonly allowedNamespaces: WaypointAllowedNamespaces;
  /** Control-plane revision, when one is set. */
  public readonly revision?: string;
  /** The emitted Gateway object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: WaypointProps = {}) {
    super(scope, id);
    const where = this.node.path;
    this.name = props.name ?? toDns1123Label(id);
    if (!isDns1123Label(this.name)) {
      throw new Error(`${where}: name '${this.name}' is not a valid waypoint name: Istio names a Service after it, so use at most 63 lower-case letters, digits and '-', e.g. name: '${toDns1123Label(this.name)}'.`);
    }
    if (this.name === 'none') {
      throw new Error(`${where}: name 'none' is reserved: istio.io/use-waypoint: none means "use no waypoint". Choose another name, e.g. 'waypoint'.`);
    }
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
    if (!isDns1123Label(this.namespace)) {
      throw new Error(`${where}: namespace '${this.namespace}' is not a valid Kubernetes namespace name; use lower-case letters, digits and '-'.`);
    }
    this.trafficType = props.trafficType ?? WaypointTrafficType.SERVICE;
    if (!Object.values(WaypointTrafficType).includes(this.trafficType)) {
      throw new Error(`${where}: trafficType is ${JSON.stringify(this.trafficType)}; use WaypointTrafficType.SERVICE, WORKLOAD, ALL or NONE.`);
    }
    this.allowedNamespaces = props.allowedNamespaces ?? WaypointAllowedNamespaces.same();
    if (!(this.allowedNamespaces instanceof WaypointAllowedNamespaces)) {
      throw new Error(`${where}: allowedNamespaces must be a WaypointAllowedNamespaces, e.g. WaypointAllowedNamespaces.all().`);
    }
    if (props.revision !== undefined && (props.revision === '' || !isLabelValue(props.revision))) {
      throw new Error(`${where}: revision ${JSON.stringify(props.revision)} is not a valid label value; write the revision name as installed, e.g. '1-30-3'.`);
    }
    this.revision = props.revision;

    const labels: Record<string, string> = { [WAYPOINT_FOR_LABEL]: this.trafficType };
    if (this.revision !== undefined) labels[REVISION_LABEL] = this.revision;
    const listener: any = { name: 'mesh', port: HBONE_PORT, protocol: 'HBONE' };
    const allowedRoutes = this.allowedNamespaces._render(RenderContext.of(this.node.path).child('allowedNamespaces'));
    if (allowedRoutes) listener.allowedRoutes = allowedRoutes;

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: GATEWAY_API_VERSION,
      kind: 'Gateway',
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: { gatewayClassName: WAYPOINT_GATEWAY_CLASS, listeners: [listener] },
    });
  }

  /**
   * A reference to the waypoint's Gateway, for the `targetRefs` of a policy that should apply
   * at the waypoint (AuthorizationPolicy, RequestAuthentication, Telemetry). Waypoints ignore
   * policies that select workloads; the policy must be in the waypoint's namespace.
   */
  public get targetReference(): PolicyTargetReference {
    return { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: this.name };
  }

  /**
   * The waypoint's identity (its service account is named after the Gateway), e.g. to allow only
   * traffic that went through the waypoint in an AuthorizationPolicy.
   */
  public get principal(): Principal {
    return Principal.fromName(this.namespace, this.name);
  }

  /**
   * Sends the traffic addressed to a mesh service's Service through this waypoint
   * (`istio.io/use-waypoint` on the Service the MeshService creates).
   */
  public addMeshService(service: MeshService): void {
    const call = `${this.node.path}: addMeshService(${service?.node?.path})`;
    const obj = service?.serviceObject;
    if (!obj) {
      throw new Error(
        `${call}: this MeshService adopts a Service or a host, so it emits no Service to label. ` +
        'Label the adopted Service instead: waypoint.addService(service) or waypoint.addServiceObject(apiObject).',
      );
    }
    this.label(call, objectTarget(`Service ${obj.node.path}`, service.namespace, obj), Consumer.SERVICE);
  }

  /** Sends the traffic addressed to a cdk8s-plus Service through this waypoint. */
  public addService(service: kplus.Service): void {
    const namespace = service.metadata.namespace ?? Chart.of(service).namespace ?? 'default';
    this.label(`${this.node.path}: addService(${service.node.path})`, metadataTarget(`Service ${service.node.path}`, namespace, service.metadata), Consumer.SERVICE);
  }

  /**
   * Sends the traffic addressed to a plain `ApiObject` Service or ServiceEntry through this
   * waypoint.
   */
  public addServiceObject(obj: ApiObject): void {
    const call = `${this.node.path}: addServiceObject(${obj?.node?.path})`;
    if (!(obj instanceof ApiObject) || (obj.kind !== 'Service' && obj.kind !== 'ServiceEntry')) {
      throw new Error(`${call}: pass a Service or ServiceEntry ApiObject (got ${obj instanceof ApiObject ? obj.kind : typeof obj}); for pods use WorkloadEnrollment with waypoint.`);
    }
    this.label(call, objectTarget(`${obj.kind} ${obj.node.path}`, namespaceOfObject(obj), obj), Consumer.SERVICE);
  }

  /**
   * Labels a namespace, Service or pod template to use this waypoint, after checking that the
   * waypoint can serve it. Used by the enrollment constructs.
   * @param where construct path and prop of the caller, for errors
   * @internal
   */
  public _enroll(where: string, target: LabelTarget, consumer: string): void {
    this.label(where, target, consumer as Consumer);
  }

  private label(at: string, target: LabelTarget, consumer: Consumer): void {
    if (consumer === Consumer.SERVICE && this.trafficType === WaypointTrafficType.WORKLOAD) {
      throw new Error(
        `${at}: waypoint ${this.namespace}/${this.name} handles only workload traffic (istio.io/waypoint-for: workload), so ${target.description} would bypass it. ` +
        'Create the waypoint with trafficType: WaypointTrafficType.SERVICE or ALL.',
      );
    }
    if (consumer === Consumer.WORKLOAD && this.trafficType === WaypointTrafficType.SERVICE) {
      throw new Error(
        `${at}: waypoint ${this.namespace}/${this.name} handles only service traffic (istio.io/waypoint-for: service, the default), so ${target.description} would bypass it. ` +
        'Create the waypoint with trafficType: WaypointTrafficType.WORKLOAD or ALL, or send the traffic through it by Service (addMeshService).',
      );
    }
    if (this.allowedNamespaces._allows(target.namespace, this.namespace) === false) {
      throw new Error(
        `${at}: ${target.description} is in namespace '${target.namespace}', which waypoint ${this.namespace}/${this.name} does not accept (allowedNamespaces: ${this.allowedNamespaces.from}); ` +
        `Istio would route around the waypoint. Create the waypoint with allowedNamespaces: WaypointAllowedNamespaces.all() or .named([..., '${target.namespace}']).`,
      );
    }
    const wanted: Record<string, string> = { [USE_WAYPOINT_LABEL]: this.name };
    if (target.namespace !== this.namespace) wanted[USE_WAYPOINT_NAMESPACE_LABEL] = this.namespace;
    addGuardedLabels(at, target, wanted, [USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL],
      'A resource uses one waypoint; remove the other label, or use that waypoint.');
  }
}
