import { isPlainObject, ObjectRecord } from '../manifest';

/** The three ordered route lists of a VirtualService. */
export type RouteListKind = 'http' | 'tcp' | 'tls';

export const ROUTE_LIST_KINDS: readonly RouteListKind[] = ['http', 'tcp', 'tls'];

/** Where a destination sits in a VirtualService route. */
export type DestinationRole = 'route' | 'mirror' | 'mirrors';

/** A `Destination` (host, subset, port) found in a VirtualService, with its JSON path. */
export interface DestinationRef {
  readonly kind: RouteListKind;
  readonly role: DestinationRole;
  /** Index of the route in `spec.<kind>`. */
  readonly routeIndex: number;
  /** The Destination object itself. */
  readonly destination: Record<string, any>;
  /** Path segments of the Destination object, e.g. `['spec', 'http', 1, 'route', 0, 'destination']`. */
  readonly path: Array<string | number>;
}

/** Returns `v` when it is an array, else an empty array (manifests may be malformed). */
export function arrayOf(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** Returns the entries of a `spec.<kind>` route list, skipping nothing (indexes stay stable). */
export function routeList(vs: ObjectRecord, kind: RouteListKind): any[] {
  return isPlainObject(vs.spec) ? arrayOf(vs.spec[kind]) : [];
}

/**
 * Every destination a VirtualService sends traffic to: `route[].destination` of http, tcp and
 * tls routes, plus the http `mirror` and `mirrors[].destination` (as istioctl walks them).
 */
export function destinationsOf(vs: ObjectRecord): DestinationRef[] {
  const out: DestinationRef[] = [];
  for (const kind of ROUTE_LIST_KINDS) {
    routeList(vs, kind).forEach((route, i) => {
      if (!isPlainObject(route)) return;
      arrayOf(route.route).forEach((rd, j) => {
        if (isPlainObject(rd) && isPlainObject(rd.destination)) {
          out.push({
            kind,
            role: 'route',
            routeIndex: i,
            destination: rd.destination,
            path: ['spec', kind, i, 'route', j, 'destination'],
          });
        }
      });
      if (kind !== 'http') return;
      if (isPlainObject(route.mirror)) {
        out.push({ kind, role: 'mirror', routeIndex: i, destination: route.mirror, path: ['spec', kind, i, 'mirror'] });
      }
      arrayOf(route.mirrors).forEach((m, j) => {
        if (isPlainObject(m) && isPlainObject(m.destination)) {
          out.push({
            kind,
            role: 'mirrors',
            routeIndex: i,
            destination: m.destination,
            path: ['spec', kind, i, 'mirrors', j, 'destination'],
          });
        }
      });
    });
  }
  return out;
}

/** The reserved gateway name that stands for every sidecar in the mesh. */
export const MESH_GATEWAY = 'mesh';

/** `spec.gateways` as strings (non-strings dropped). */
export function gatewaysOf(vs: ObjectRecord): string[] {
  if (!isPlainObject(vs.spec)) return [];
  return arrayOf(vs.spec.gateways).filter((g): g is string => typeof g === 'string');
}

/** `spec.hosts` as strings, with their index in the list. */
export function hostsOf(vs: ObjectRecord): Array<{ host: string; index: number }> {
  if (!isPlainObject(vs.spec)) return [];
  const out: Array<{ host: string; index: number }> = [];
  arrayOf(vs.spec.hosts).forEach((h, index) => {
    if (typeof h === 'string' && h !== '') out.push({ host: h, index });
  });
  return out;
}

/** Whether the VirtualService applies to sidecars: no gateways listed, or `mesh` among them. */
export function isBoundToMesh(vs: ObjectRecord): boolean {
  const gateways = gatewaysOf(vs);
  return gateways.length === 0 || gateways.includes(MESH_GATEWAY);
}

/** How a route is named in messages: `route "name" (#2)` or `route #2`. */
export function describeRoute(route: unknown, index: number): string {
  if (isPlainObject(route) && typeof route.name === 'string' && route.name !== '') {
    return `route "${route.name}" (#${index})`;
  }
  return `route #${index}`;
}

/** One `route[]` entry (a weighted destination). */
export interface WeightedDestination {
  /** Index in `route`. */
  readonly index: number;
  /** The `weight` as written (undefined when absent). */
  readonly weight: unknown;
  /** The destination, when it is an object. */
  readonly destination?: Record<string, any>;
}

/** The `route` list of one http/tcp/tls route. */
export interface WeightedSplit {
  readonly kind: RouteListKind;
  readonly routeIndex: number;
  readonly entries: WeightedDestination[];
}

/** Every `spec.<kind>[i].route` list of a VirtualService. */
export function weightedSplitsOf(vs: ObjectRecord): WeightedSplit[] {
  const out: WeightedSplit[] = [];
  for (const kind of ROUTE_LIST_KINDS) {
    routeList(vs, kind).forEach((route, routeIndex) => {
      if (!isPlainObject(route) || !Array.isArray(route.route)) return;
      const entries: WeightedDestination[] = [];
      route.route.forEach((rd: unknown, index: number) => {
        if (!isPlainObject(rd)) return;
        entries.push({ index, weight: rd.weight, destination: isPlainObject(rd.destination) ? rd.destination : undefined });
      });
      out.push({ kind, routeIndex, entries });
    });
  }
  return out;
}

/** Names a weighted destination in messages: `reviews subset v2` or `route[1]`. */
export function describeDestination(entry: WeightedDestination): string {
  const d = entry.destination;
  if (d && typeof d.host === 'string' && d.host !== '') {
    return typeof d.subset === 'string' && d.subset !== '' ? `${d.host} subset ${d.subset}` : d.host;
  }
  return `route[${entry.index}]`;
}
