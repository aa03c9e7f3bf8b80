import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DataplaneMode } from './dataplane-mode';
import { Waypoint } from './waypoint';
import { isDns1123Label } from '../analysis/validators/names';
import {
  addGuardedLabels,
  DATAPLANE_MODE_LABEL,
  INJECTION_LABEL,
  LabelTarget,
  metadataTarget,
  objectTarget,
  REVISION_LABEL,
} from '../private/enrollment-labels';

/** Properties of a {@link NamespaceEnrollment}. */
export interface NamespaceEnrollmentProps {
  /**
   * How the namespace's pods join the mesh: `DataplaneMode.sidecar()`,
   * `sidecarRevision('canary')`, `ambient()` or `none()`.
   */
  readonly mode: DataplaneMode;

  /**
   * A cdk8s-plus Namespace to label. Set at most one of `namespace`, `namespaceObject` and `name`.
   * @default - a Namespace is created (see `name`)
   */
  readonly namespace?: kplus.Namespace;

  /**
   * A plain `ApiObject` of kind Namespace to label.
   * @default - a Namespace is created (see `name`)
   */
  readonly namespaceObject?: ApiObject;

  /**
   * Name of the Namespace object to create, when neither `namespace` nor `namespaceObject` is
   * given. Pass the existing object instead when the app already defines this Namespace.
   * @default - the chart's namespace
   */
  readonly name?: string;

  /**
   * A waypoint that the traffic to every Service of the namespace goes through
   * (`istio.io/use-waypoint`); it takes effect in ambient mode.
   * @default - no waypoint
   */
  readonly waypoint?: Waypoint;
}

const ADVICE =
  'Istio reads one enrollment label per namespace: istio-injection wins over istio.io/rev, and either one makes it ignore istio.io/dataplane-mode. ' +
  'Remove the other label from the Namespace, or enroll it with the mode it already has.';

/**
 * Enrolls a namespace in the mesh by labelling its Namespace object with the label Istio reads:
 * `istio-injection: enabled` (sidecars from the default revision), `istio.io/rev: <revision>`
 * (sidecars from a revision), `istio.io/dataplane-mode: ambient`, or `istio-injection: disabled`
 * to keep it out on purpose. Only pods created after the label is applied are affected.
 *
 * Labels a cdk8s-plus Namespace, a plain Namespace ApiObject, or a Namespace it creates, and
 * refuses a namespace that already carries the label of another mode.
 *
 * @example
 * new NamespaceEnrollment(chart, 'mesh', { mode: DataplaneMode.sidecar() }); // creates Namespace <chart ns>
 * new NamespaceEnrollment(chart, 'ambient', { namespace: ns, mode: DataplaneMode.ambient(), waypoint });
 */
export class NamespaceEnrollment extends Construct {
  /** Name of the enrolled namespace. */
  public readonly namespaceName: string;
  /** How its pods join the mesh. */
  public readonly mode: DataplaneMode;
  /** The Namespace object this construct created, when it created one. */
  public readonly createdNamespace?: ApiObject;

  private readonly target: LabelTarget;
  private _waypoint?: Waypoint;

  constructor(scope: Construct, id: string, props: NamespaceEnrollmentProps) {
    super(scope, id);
    const where = this.node.path;
    if (!props || !(props.mode instanceof DataplaneMode)) {
      throw new Error(`${where}: mode must be a DataplaneMode, e.g. DataplaneMode.sidecar() or DataplaneMode.ambient().`);
    }
    this.mode = props.mode;
    const given = [props.namespace, props.namespaceObject, props.name].filter((v) => v !== undefined).length;
    if (given > 1) {
      throw new Error(`${where}: set only one of namespace, namespaceObject and name; they all say which Namespace to label.`);
    }

    if (props.namespace !== undefined) {
      const ns = props.namespace;
      this.namespaceName = ns.name;
      this.target = metadataTarget(`Namespace ${ns.name} (${ns.node.path})`, ns.name, ns.metadata);
    } else if (props.namespaceObject !== undefined) {
      const obj = props.namespaceObject;
      if (!(obj instanceof ApiObject) || obj.kind !== 'Namespace') {
        throw new Error(`${where}: namespaceObject must be an ApiObject of kind Namespace (got ${obj instanceof ApiObject ? obj.kind : typeof obj}); pass the Namespace, or use name to create one.`);
      }
      this.namespaceName = obj.name;
      this.target = objectTarget(`Namespace ${obj.name} (${obj.node.path})`, obj.name, obj);
    } else {
      const name = props.name ?? Chart.of(this).namespace;
      if (name === undefined) {
        throw new Error(`${where}: the chart has no namespace, so there is no namespace to enroll; set name: 'shop' (or pass the Namespace as namespace or namespaceObject).`);
      }
      if (!isDns1123Label(name)) {
        throw new Error(`${where}: name '${name}' is not a valid Kubernetes namespace name; use lower-case letters, digits and '-'.`);
      }
      this.namespaceName = name;
      const created = new ApiObject(this, 'Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      // A Namespace is cluster-scoped: drop the namespace the chart gives every object.
      if (created.metadata.namespace !== undefined) created.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      this.createdNamespace = created;
      this.target = objectTarget(`Namespace ${name} (${created.node.path})`, name, created);
    }

    addGuardedLabels(where, this.target, this.mode._namespaceLabels(), [INJECTION_LABEL, REVISION_LABEL, DATAPLANE_MODE_LABEL], ADVICE);
    if (props.waypoint !== undefined) this.useWaypoint(props.waypoint);
  }

  /**
   * Sends the traffic addressed to the namespace's Services through a waypoint
   * (`istio.io/use-waypoint`, plus `istio.io/use-waypoint-namespace` when the waypoint is in
   * another namespace). A Service or pod with its own label takes precedence.
   */
  public useWaypoint(waypoint: Waypoint): void {
    if (!(waypoint instanceof Waypoint)) {
      throw new Error(`${this.node.path}: waypoint must be a Waypoint, e.g. new Waypoint(chart, 'waypoint').`);
    }
    waypoint._enroll(`${this.node.path}: waypoint`, this.target, 'namespace');
    this._waypoint = waypoint;
  }

  /** The waypoint the namespace uses, if any. */
  public get waypoint(): Waypoint | undefined {
    return this._waypoint;
  }
}
