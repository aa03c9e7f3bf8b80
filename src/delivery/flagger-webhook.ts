import { Duration } from 'cdk8s';
import { FlaggerWebhookType } from './flagger-webhook-type';
import { controllerDuration } from '../private/controller-durations';
import { RenderContext } from '../private/render-context';

/** Options of a Flagger load test (a `rollout` webhook to flagger-loadtester). */
export interface FlaggerLoadTestOptions {
  /**
   * The load generator command the tester runs, e.g. `hey -z 1m -q 10 -c 2 http://reviews-canary.shop:9080/`.
   */
  readonly command: string;

  /**
   * URL of the load tester.
   * @default 'http://flagger-loadtester.test/' (the address in Flagger's install guide)
   */
  readonly url?: string;

  /**
   * How long Flagger waits for the tester to answer.
   * @default - Flagger's default (10s)
   */
  readonly timeout?: Duration;

  /**
   * Name of the webhook.
   * @default 'load-test'
   */
  readonly name?: string;
}

/** Options of a webhook. */
export interface FlaggerWebhookOptions {
  /** Name of the webhook, unique in the analysis. */
  readonly name: string;
  /** URL Flagger posts the canary's state to. */
  readonly url: string;
  /**
   * How long Flagger waits for an answer.
   * @default - Flagger's default (10s)
   */
  readonly timeout?: Duration;
  /**
   * Key/value pairs posted with the call (`metadata`).
   * @default - none
   */
  readonly metadata?: { [key: string]: string };
}

/**
 * A webhook Flagger calls during the canary analysis (`analysis.webhooks[]`): a load test, a
 * gate, or a notification.
 */
export class FlaggerWebhook {
  /**
   * A load test: Flagger asks flagger-loadtester to run `command` at each analysis iteration, so
   * that the canary gets traffic to measure.
   */
  public static loadTest(options: FlaggerLoadTestOptions): FlaggerWebhook {
    const ctx = RenderContext.of('FlaggerWebhook.loadTest()');
    if (typeof options.command !== 'string' || options.command.trim() === '') {
      ctx.child('command').fail(`is '${options.command}'`, "write the load generator's command, e.g. 'hey -z 1m -q 10 -c 2 http://reviews-canary.shop:9080/'.");
    }
    return FlaggerWebhook.of(FlaggerWebhookType.ROLLOUT, {
      name: options.name ?? 'load-test',
      url: options.url ?? 'http://flagger-loadtester.test/',
      timeout: options.timeout,
      metadata: { type: 'cmd', cmd: options.command },
    });
  }

  /** A webhook of any type. */
  public static of(type: FlaggerWebhookType, options: FlaggerWebhookOptions): FlaggerWebhook {
    const ctx = RenderContext.of(`FlaggerWebhook '${options.name}'`);
    if (typeof options.name !== 'string' || options.name.trim() === '') {
      RenderContext.of('FlaggerWebhook').child('name').fail(`is '${options.name}'`, "name the webhook, e.g. 'load-test'.");
    }
    let url: URL | undefined;
    try {
      url = new URL(options.url);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      ctx.child('url').fail(`is '${options.url}'`, "write an http(s) URL, e.g. 'http://flagger-loadtester.test/'.");
    }
    if (Object.keys(options.metadata ?? {}).includes('')) ctx.child('metadata').fail('has an empty key', "name each entry, e.g. { cmd: '...' }.");
    const json: Record<string, any> = { name: options.name, type: type.value, url: options.url };
    if (options.timeout !== undefined) json.timeout = controllerDuration(ctx.child('timeout'), options.timeout);
    if (options.metadata !== undefined && Object.keys(options.metadata).length > 0) json.metadata = { ...options.metadata };
    return new FlaggerWebhook(options.name, json);
  }

  /** Name of the webhook. */
  public readonly name: string;

  private constructor(name: string, private readonly json: Record<string, any>) {
    this.name = name;
  }

  /**
   * The webhook as written in the Canary.
   * @internal
   */
  public _toJson(): Record<string, any> {
    return JSON.parse(JSON.stringify(this.json));
  }
}
