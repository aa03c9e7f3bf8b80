/** When Flagger calls a webhook during a canary analysis (`analysis.webhooks[].type`). */
export class FlaggerWebhookType {
  /** Before the canary is scaled up; the rollout waits until the hook answers 2xx (manual gating). */
  public static readonly CONFIRM_ROLLOUT = new FlaggerWebhookType('confirm-rollout');
  /** Before traffic goes to the canary; failures count toward the threshold. */
  public static readonly PRE_ROLLOUT = new FlaggerWebhookType('pre-rollout');
  /** At each analysis iteration, before the metric checks (load tests). */
  public static readonly ROLLOUT = new FlaggerWebhookType('rollout');
  /** Before each weight increase; the increase waits until the hook answers 2xx. */
  public static readonly CONFIRM_TRAFFIC_INCREASE = new FlaggerWebhookType('confirm-traffic-increase');
  /** Before promotion; promotion waits until the hook answers 2xx. */
  public static readonly CONFIRM_PROMOTION = new FlaggerWebhookType('confirm-promotion');
  /** After promotion or rollback; a failure is only logged. */
  public static readonly POST_ROLLOUT = new FlaggerWebhookType('post-rollout');
  /** While the canary progresses or waits; a 2xx answer rolls the canary back. */
  public static readonly ROLLBACK = new FlaggerWebhookType('rollback');
  /** On every event Flagger records for the canary. */
  public static readonly EVENT = new FlaggerWebhookType('event');

  /** The value written to `type`. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}
