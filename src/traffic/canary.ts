import { HttpRoute } from './http-route';
import type { ServiceVersion } from '../mesh/service-version';

/** Options of a canary release. */
export interface CanaryOptions {
  /** The version serving traffic today. */
  readonly stable: ServiceVersion;
  /** The version being rolled out. */
  readonly candidate: ServiceVersion;
  /**
   * Percentage of traffic the candidate receives at first.
   * @default 0
   */
  readonly weight?: number;
}

/**
 * A canary release on a service's default route: a percentage of traffic goes to the candidate
 * version and the rest to the stable one. The manifests reflect the last call made.
 */
export class Canary {
  /** The version serving traffic today. */
  public readonly stable: ServiceVersion;
  /** The version being rolled out. */
  public readonly candidate: ServiceVersion;
  private _weight = 0;
  private _controller?: string;

  /**
   * The default route the canary splits. Set its timeout, retries or mirrors here
   * (`canary.route.updateRetries(...)`); the canary only changes its destinations.
   */
  public readonly route: HttpRoute;

  /** @internal */
  constructor(private readonly where: string, route: HttpRoute, options: CanaryOptions) {
    this.route = route;
    if (options.stable === options.candidate) {
      throw new Error(`${where}: canary stable and candidate are the same version '${options.stable.name}'; pick two versions.`);
    }
    if (options.stable.meshService !== options.candidate.meshService) {
      throw new Error(
        `${where}: canary stable is ${options.stable._reference} and candidate is ${options.candidate._reference}, which belong to different services; ` +
        `a canary splits one service's versions: pass two versions of ${where}.`,
      );
    }
    this.stable = options.stable;
    this.candidate = options.candidate;
    this.updateWeight(options.weight ?? 0);
  }

  /** Percentage of traffic the candidate receives now. */
  public get weight(): number {
    return this._weight;
  }

  /** Sends `percent` (0-100) of traffic to the candidate, the rest to the stable version. */
  public updateWeight(percent: number): void {
    this.checkNotHandedOff('updateWeight()');
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
      throw new Error(`${this.where}: canary weight is ${percent}; write a whole percentage from 0 to 100.`);
    }
    this._weight = percent;
    this.route.replaceDestinations([
      { version: this.stable, weight: 100 - percent },
      { version: this.candidate, weight: percent },
    ]);
  }

  /** Moves `percent` more (or, when negative, less) traffic to the candidate. */
  public shift(percent: number): void {
    this.checkNotHandedOff('shift()');
    const next = this._weight + percent;
    if (next < 0 || next > 100) {
      throw new Error(`${this.where}: shifting the canary by ${percent} from ${this._weight}% gives ${next}%; the candidate's share must stay within 0-100.`);
    }
    this.updateWeight(next);
  }

  /** Sends all traffic to the candidate. */
  public promote(): void {
    this.checkNotHandedOff('promote()');
    this._weight = 100;
    this.route.replaceDestinations([{ version: this.candidate }]);
  }

  /** Sends all traffic back to the stable version. */
  public rollback(): void {
    this.checkNotHandedOff('rollback()');
    this._weight = 0;
    this.route.replaceDestinations([{ version: this.stable }]);
  }

  /**
   * The controller the weights were handed to (Argo Rollouts, Flagger), if any.
   * @default - none: the library writes the weights
   */
  public get controller(): string | undefined {
    return this._controller;
  }

  /**
   * Hands the weights over to a progressive-delivery controller: the route keeps both versions,
   * all traffic on the stable one, and the controller moves the weights from there on.
   * @internal
   */
  public _handOff(controller: string): void {
    if (this._controller !== undefined) {
      throw new Error(`${this.where}: the canary's weights already belong to ${this._controller}; hand a canary to one controller only.`);
    }
    this.updateWeight(0);
    this._controller = controller;
  }

  private checkNotHandedOff(method: string): void {
    if (this._controller !== undefined) {
      throw new Error(`${this.where}: canary ${method} cannot be used: the canary's weights belong to ${this._controller}, which moves them step by step; change its steps instead.`);
    }
  }
}
