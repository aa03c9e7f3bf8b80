/**
 * What Argo Rollouts does with a Deployment a Rollout references (`workloadRef.scaleDown`).
 */
export class RolloutScaleDown {
  /** Leave the Deployment running: scale it down yourself once the Rollout is healthy. */
  public static readonly NEVER = new RolloutScaleDown('never');
  /** Scale the Deployment to zero once the Rollout is healthy. */
  public static readonly ON_SUCCESS = new RolloutScaleDown('onsuccess');
  /** Scale the Deployment down step by step as the Rollout's pods become ready. */
  public static readonly PROGRESSIVELY = new RolloutScaleDown('progressively');

  /** The value written to `workloadRef.scaleDown`. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}
