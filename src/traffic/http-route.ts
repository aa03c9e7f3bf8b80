import { HttpRouteMatch, renderHttpRouteMatch } from './http-route-match';
import type { MeshService } from '../mesh/mesh-service';
import type { ServiceVersion } from '../mesh/service-version';

/**
 * Where a route sends (a share of) its traffic. Give at most one of `version`, `service` and
 * `host`; with none, traffic goes to the service the route belongs to.
 */
export interface HttpRouteDestination {
  /**
   * A version (subset) of a mesh service.
   * @default - no subset: any pod of the service
   */
  readonly version?: ServiceVersion;

  /**
   * Another mesh service, any version.
   * @default - the service the route belongs to
   */
  readonly service?: MeshService;

  /**
   * A host defined elsewhere (another cluster's service, a ServiceEntry host).
   * @default - the service the route belongs to
   */
  readonly host?: string;

  /**
   * Port on the destination host. Needed only when the host has several ports.
   * @default - the port the request arrived on
   */
  readonly port?: number;

  /**
   * Share of the route's traffic, relative to the other destinations' weights.
   * Required when a route has more than one destination.
   * @default - all traffic, when this is the only destination
   */
  readonly weight?: number;
}

/** Options for a new HTTP route. */
export interface HttpRouteOptions {
  /**
   * Name of the route, shown in Envoy's stats and access logs.
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * Conditions for this route. A request matching any of them takes the route.
   * @default - every request (a catch-all route: later routes cannot be reached)
   */
  readonly matches?: HttpRouteMatch[];

  /**
   * Where the traffic goes.
   * @default - all traffic to the service the route belongs to
   */
  readonly destinations?: HttpRouteDestination[];
}

/**
 * One HTTP route of a mesh service's VirtualService. Envoy tries routes in the order they were
 * added and takes the first whose match holds.
 */
export class HttpRoute {
  /** Name of the route. */
  public readonly name?: string;
  private readonly _matches: HttpRouteMatch[];
  private _destinations: HttpRouteDestination[];

  /**
   * @param where construct path of the owner, for error messages
   */
  constructor(private readonly where: string, options: HttpRouteOptions = {}) {
    this.name = options.name;
    this._matches = [...(options.matches ?? [])];
    this._destinations = [];
    this.replaceDestinations(options.destinations ?? [{}]);
  }

  /** Conditions of this route (empty: every request). */
  public get matches(): HttpRouteMatch[] {
    return [...this._matches];
  }

  /** Destinations of this route. */
  public get destinations(): HttpRouteDestination[] {
    return [...this._destinations];
  }

  /** Adds a condition (OR-ed with the existing ones). */
  public addMatch(match: HttpRouteMatch): void {
    this._matches.push(match);
  }

  /** Replaces where the route sends traffic. */
  public replaceDestinations(destinations: HttpRouteDestination[]): void {
    if (destinations.length === 0) {
      throw new Error(`${this.where}: route ${this.label()} needs at least one destination; pass destinations: [{ version }].`);
    }
    destinations.forEach((d, i) => {
      const targets = [d.version, d.service, d.host].filter((x) => x !== undefined).length;
      if (targets > 1) {
        throw new Error(`${this.where}: destinations[${i}] of route ${this.label()} sets more than one of version, service and host; give one.`);
      }
      if (d.weight !== undefined && (!Number.isInteger(d.weight) || d.weight < 0)) {
        throw new Error(`${this.where}: destinations[${i}].weight of route ${this.label()} is ${d.weight}; weights are whole numbers of 0 or more.`);
      }
      if (destinations.length > 1 && d.weight === undefined) {
        throw new Error(`${this.where}: destinations[${i}] of route ${this.label()} has no weight; with several destinations each needs a weight (e.g. 90 and 10).`);
      }
      if (d.port !== undefined && (!Number.isInteger(d.port) || d.port < 1 || d.port > 65535)) {
        throw new Error(`${this.where}: destinations[${i}].port of route ${this.label()} is ${d.port}; a port is 1-65535.`);
      }
    });
    this._destinations = [...destinations];
  }

  /**
   * Renders Istio's `HTTPRoute`.
   * @param defaultHost host of the service the route belongs to
   */
  public toJson(defaultHost: string): any {
    const route: Record<string, any> = {};
    if (this.name) route.name = this.name;
    if (this._matches.length > 0) route.match = this._matches.map(renderHttpRouteMatch);
    route.route = this._destinations.map((d) => {
      const destination: Record<string, any> = {
        host: d.version?.meshService.host ?? d.service?.host ?? d.host ?? defaultHost,
      };
      if (d.version) destination.subset = d.version.name;
      if (d.port !== undefined) destination.port = { number: d.port };
      const out: Record<string, any> = { destination };
      if (d.weight !== undefined) out.weight = d.weight;
      return out;
    });
    return route;
  }

  private label(): string {
    return this.name ? `'${this.name}'` : '(unnamed)';
  }
}
