import { isLabelValue } from '../analysis/validators/names';
import { DATAPLANE_MODE_LABEL, INJECTION_LABEL, REVISION_LABEL, SIDECAR_INJECT_LABEL } from '../private/enrollment-labels';

/**
 * How the pods of a namespace or a workload join the mesh, and so which label Istio reads:
 *
 * | mode | on a Namespace | on a pod template |
 * | --- | --- | --- |
 * | `sidecar()` | `istio-injection: enabled` | `sidecar.istio.io/inject: "true"` |
 * | `sidecarRevision('canary')` | `istio.io/rev: canary` | `istio.io/rev: canary` |
 * | `ambient()` | `istio.io/dataplane-mode: ambient` | `istio.io/dataplane-mode: ambient` |
 * | `none()` | `istio-injection: disabled` | `sidecar.istio.io/inject: "false"` and `istio.io/dataplane-mode: none` |
 *
 * Only one mode applies to an object: Istio takes `istio-injection` over `istio.io/rev`, and
 * ignores `istio.io/dataplane-mode` next to either, so the enrollment constructs refuse an object
 * that already carries a label of another mode.
 */
export class DataplaneMode {
  /**
   * Sidecar proxies injected by the default revision of the control plane.
   */
  public static sidecar(): DataplaneMode {
    return new DataplaneMode('sidecar', undefined, { [INJECTION_LABEL]: 'enabled' }, { [SIDECAR_INJECT_LABEL]: 'true' });
  }

  /**
   * Sidecar proxies injected by one revision of the control plane (a canary upgrade, or a
   * revision tag such as `prod-stable`).
   * @param revision the revision or revision tag, e.g. `1-30-3` or `canary`
   */
  public static sidecarRevision(revision: string): DataplaneMode {
    if (typeof revision !== 'string' || revision === '' || !isLabelValue(revision)) {
      throw new Error(`DataplaneMode.sidecarRevision(): revision ${JSON.stringify(revision)} is not a valid label value; write the revision name as installed, e.g. '1-30-3' or 'canary'.`);
    }
    return new DataplaneMode('sidecar-revision', revision, { [REVISION_LABEL]: revision }, { [REVISION_LABEL]: revision });
  }

  /**
   * Ambient mode: no sidecar; the node's ztunnel carries the pods' traffic (mTLS, L4 policy),
   * and waypoints add L7 processing where enrolled.
   */
  public static ambient(): DataplaneMode {
    return new DataplaneMode('ambient', undefined, { [DATAPLANE_MODE_LABEL]: 'ambient' }, { [DATAPLANE_MODE_LABEL]: 'ambient' });
  }

  /**
   * Explicitly out of the mesh: no sidecar is injected and ztunnel does not capture the traffic.
   * On a namespace this is `istio-injection: disabled`, which is also how `istioctl analyze`
   * expects a namespace to say it is left out on purpose.
   */
  public static none(): DataplaneMode {
    return new DataplaneMode('none', undefined, { [INJECTION_LABEL]: 'disabled' }, { [SIDECAR_INJECT_LABEL]: 'false', [DATAPLANE_MODE_LABEL]: 'none' });
  }

  /** The mode: `sidecar`, `sidecar-revision`, `ambient` or `none`. */
  public readonly mode: string;
  /** The control-plane revision, for `sidecarRevision`. */
  public readonly revision?: string;
  private readonly namespaceLabels: Record<string, string>;
  private readonly podLabels: Record<string, string>;

  private constructor(mode: string, revision: string | undefined, namespaceLabels: Record<string, string>, podLabels: Record<string, string>) {
    this.mode = mode;
    this.revision = revision;
    this.namespaceLabels = namespaceLabels;
    this.podLabels = podLabels;
  }

  /**
   * The labels this mode writes on a Namespace.
   * @internal
   */
  public _namespaceLabels(): Record<string, string> {
    return { ...this.namespaceLabels };
  }

  /**
   * The labels this mode writes on a pod template.
   * @internal
   */
  public _podLabels(): Record<string, string> {
    return { ...this.podLabels };
  }

  /** E.g. `sidecar`, `sidecar-revision(canary)`. */
  public toString(): string {
    return this.revision === undefined ? this.mode : `${this.mode}(${this.revision})`;
  }
}
