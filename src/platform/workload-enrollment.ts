import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DataplaneMode } from './dataplane-mode';
import { Waypoint } from './waypoint';
import { shownValue } from '../private/checks';
import {
  addGuardedLabels,
  DATAPLANE_MODE_LABEL,
  LabelTarget,
  metadataTarget,
  podTemplateObjectTarget,
  REVISION_LABEL,
  SIDECAR_INJECT_LABEL,
  USE_WAYPOINT_LABEL,
  USE_WAYPOINT_NAMESPACE_LABEL,
} from '../private/enrollment-labels';

/** Properties of a {@link WorkloadEnrollment}. */
export interface WorkloadEnrollmentProps {
  /**
   * A cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, Job, Pod…): its pod template is
   * labelled. Set exactly one of `workload` and `workloadObject`.
   * @default - see `workloadObject`
   */
  readonly workload?: kplus.AbstractPod;

  /**
   * A plain `ApiObject` Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, Argo Rollout or Pod: its
   * pod template is labelled with a JSON patch.
   * @default - see `workload`
   */
  readonly workloadObject?: ApiObject;

  /**
   * How the workload's pods join the mesh: `DataplaneMode.sidecar()`
   * (`sidecar.istio.io/inject: "true"`), `sidecarRevision(rev)` (`istio.io/rev`), `ambient()`
   * (`istio.io/dataplane-mode: ambient`) or `none()`. `none()` keeps the pods out whatever the
   * namespace says; a pod cannot opt in where its namespace is labelled
   * `istio-injection: disabled`, since Istio's injector then skips the whole namespace.
   * @default - no label: the namespace decides
   */
  readonly mode?: DataplaneMode;

  /**
   * A waypoint that the traffic addressed to the pods' own IPs goes through
   * (`istio.io/use-waypoint` on the pods). The waypoint must handle workload traffic.
   * @default - the namespace's waypoint, if any
   */
  readonly waypoint?: Waypoint;

  /**
   * Keep the pods' traffic away from any waypoint the namespace uses
   * (`istio.io/use-waypoint: none`).
   * @default false
   */
  readonly skipWaypoint?: boolean;
}

const ADVICE =
  'A pod joins the mesh one way (sidecar.istio.io/inject, istio.io/rev or istio.io/dataplane-mode); ' +
  'remove the other label from the pod template, or enroll the workload with the mode it already has.';

/**
 * Enrolls one workload in the mesh, or keeps it out of a mesh-enabled namespace: labels its
 * **pod template** (not the Deployment's own metadata, which Istio never reads) with
 * `sidecar.istio.io/inject`, `istio.io/rev` or `istio.io/dataplane-mode`, and with
 * `istio.io/use-waypoint` for a waypoint of its own.
 *
 * @example
 * new WorkloadEnrollment(chart, 'legacy-out', { workload: legacy, mode: DataplaneMode.none() });
 * new WorkloadEnrollment(chart, 'api-canary', { workload: api, mode: DataplaneMode.sidecarRevision('canary') });
 */
export class WorkloadEnrollment extends Construct {
  /** How the pods join the mesh, when this enrollment sets it. */
  public readonly mode?: DataplaneMode;
  /** The waypoint the pods use, if any. */
  public readonly waypoint?: Waypoint;

  constructor(scope: Construct, id: string, props: WorkloadEnrollmentProps) {
    super(scope, id);
    const where = this.node.path;
    props = props ?? {};
    const target = this.resolveTarget(props);
    if (props.mode !== undefined && !(props.mode instanceof DataplaneMode)) {
      throw new Error(`${where}: mode is ${shownValue(props.mode)}, not a DataplaneMode; use e.g. DataplaneMode.sidecar(), DataplaneMode.ambient() or DataplaneMode.none().`);
    }
    if (props.waypoint !== undefined && !(props.waypoint instanceof Waypoint)) {
      throw new Error(`${where}: waypoint is ${shownValue(props.waypoint)}, not a Waypoint; pass e.g. new Waypoint(chart, 'reviews-waypoint', { trafficType: WaypointTrafficType.WORKLOAD }).`);
    }
    if (props.skipWaypoint !== undefined && typeof props.skipWaypoint !== 'boolean') {
      throw new Error(`${where}: skipWaypoint is ${shownValue(props.skipWaypoint)}; write skipWaypoint: true, or leave it out.`);
    }
    if (props.mode === undefined && props.waypoint === undefined && !props.skipWaypoint) {
      throw new Error(`${where}: nothing to enroll; set mode (e.g. DataplaneMode.sidecar()), waypoint or skipWaypoint.`);
    }
    if (props.waypoint !== undefined && props.skipWaypoint) {
      throw new Error(`${where}: skipWaypoint is true next to waypoint ${props.waypoint.namespace}/${props.waypoint.name}; they contradict each other, so set one of them.`);
    }
    if (props.waypoint !== undefined && props.mode?.mode === 'none') {
      throw new Error(`${where}: mode none() keeps the pods out of the mesh, so they cannot use waypoint ${props.waypoint.namespace}/${props.waypoint.name}; remove one of them.`);
    }
    this.mode = props.mode;
    this.waypoint = props.waypoint;

    if (this.mode) {
      addGuardedLabels(`${where}: mode`, target, this.mode._podLabels(), [SIDECAR_INJECT_LABEL, REVISION_LABEL, DATAPLANE_MODE_LABEL], ADVICE);
    }
    if (this.waypoint) {
      this.waypoint._enroll(`${where}: waypoint`, target, 'workload');
    }
    if (props.skipWaypoint) {
      addGuardedLabels(`${where}: skipWaypoint`, target, { [USE_WAYPOINT_LABEL]: 'none' }, [USE_WAYPOINT_LABEL, USE_WAYPOINT_NAMESPACE_LABEL],
        'Remove the other waypoint label, or leave out skipWaypoint.');
    }
  }

  private resolveTarget(props: WorkloadEnrollmentProps): LabelTarget {
    const where = this.node.path;
    if ((props.workload === undefined) === (props.workloadObject === undefined)) {
      throw new Error(`${where}: set exactly one of workload (a cdk8s-plus workload) and workloadObject (a plain ApiObject workload).`);
    }
    if (props.workload !== undefined) {
      const w = props.workload;
      if (!(w instanceof kplus.AbstractPod)) {
        throw new Error(`${where}: workload is ${shownValue(w)}, not a cdk8s-plus workload; pass a Deployment, StatefulSet, DaemonSet, Job or Pod of cdk8s-plus, or a plain ApiObject as workloadObject.`);
      }
      const namespace = w.metadata.namespace ?? Chart.of(w).namespace ?? 'default';
      const description = w.kind === 'Pod' ? `Pod ${w.node.path}` : `the pod template of ${w.kind} ${w.node.path}`;
      return metadataTarget(description, namespace, w.podMetadata);
    }
    if (!(props.workloadObject instanceof ApiObject)) {
      throw new Error(`${where}: workloadObject is ${shownValue(props.workloadObject)}, not an ApiObject; pass a cdk8s-plus workload as workload, or a plain ApiObject workload as workloadObject.`);
    }
    return podTemplateObjectTarget(`${where}: workloadObject`, props.workloadObject);
  }
}
