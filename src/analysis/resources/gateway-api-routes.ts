/**
 * Readers of Gateway API routes (HTTPRoute, GRPCRoute): their parentRefs and backendRefs with
 * the CRD defaults filled in (a parentRef's group defaults to gateway.networking.k8s.io and its
 * kind to Gateway; a backendRef's group to "" and kind to Service; both namespaces to the
 * route's), each with the JSON path it was read from.
 */
import { PathSegments } from '../json-path';
import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
/** The route kinds the Gateway API rules read. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'];

/** A reference from a route to a parent or a backend, defaults applied. */
export interface RouteRef {
  readonly route: ObjectRecord;
  readonly path: PathSegments;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Whether the namespace was written (a cross-namespace reference). */
  readonly crossNamespace: boolean;
  readonly port?: number;
  readonly sectionName?: string;
  readonly weight?: number;
}

/** Every HTTPRoute and GRPCRoute of the model. */
export function gatewayApiRoutes(model: MeshModel): ObjectRecord[] {
  return ROUTE_KINDS.flatMap((k) => model.ofKind(GATEWAY_API_GROUP, k));
}

function readRef(route: ObjectRecord, raw: unknown, path: PathSegments, group: string, kind: string): RouteRef | undefined {
  if (!isPlainObject(raw) || typeof raw.name !== 'string') return undefined;
  const ns = typeof raw.namespace === 'string' && raw.namespace !== '' ? raw.namespace : undefined;
  return {
    route,
    path,
    group: typeof raw.group === 'string' ? raw.group : group,
    kind: typeof raw.kind === 'string' ? raw.kind : kind,
    name: raw.name,
    namespace: ns ?? route.namespace,
    crossNamespace: ns !== undefined && ns !== route.namespace,
    ...(typeof raw.port === 'number' ? { port: raw.port } : {}),
    ...(typeof raw.sectionName === 'string' ? { sectionName: raw.sectionName } : {}),
    ...(typeof raw.weight === 'number' ? { weight: raw.weight } : {}),
  };
}

/** The parentRefs of a route. */
export function parentRefsOf(route: ObjectRecord): RouteRef[] {
  const list = isPlainObject(route.spec) && Array.isArray(route.spec.parentRefs) ? route.spec.parentRefs : [];
  return list.map((p: unknown, i: number) => readRef(route, p, ['spec', 'parentRefs', i], GATEWAY_API_GROUP, 'Gateway'))
    .filter((r: RouteRef | undefined): r is RouteRef => r !== undefined);
}

/** The backendRefs of a route's rule `i`, as written in `rules[i].backendRefs`. */
export function ruleBackendRefs(route: ObjectRecord, i: number): RouteRef[] {
  const rule = route.spec?.rules?.[i];
  const list = isPlainObject(rule) && Array.isArray(rule.backendRefs) ? rule.backendRefs : [];
  return list.map((b: unknown, j: number) => readRef(route, b, ['spec', 'rules', i, 'backendRefs', j], '', 'Service'))
    .filter((r: RouteRef | undefined): r is RouteRef => r !== undefined);
}

/** Every backend a route sends to: rule backendRefs and RequestMirror backendRefs. */
export function backendRefsOf(route: ObjectRecord): RouteRef[] {
  const rules = isPlainObject(route.spec) && Array.isArray(route.spec.rules) ? route.spec.rules : [];
  const out: RouteRef[] = [];
  rules.forEach((rule: any, i: number) => {
    out.push(...ruleBackendRefs(route, i));
    const filters = isPlainObject(rule) && Array.isArray(rule.filters) ? rule.filters : [];
    filters.forEach((f: any, j: number) => {
      const ref = isPlainObject(f) && isPlainObject(f.requestMirror) ? readRef(route, f.requestMirror.backendRef, ['spec', 'rules', i, 'filters', j, 'requestMirror', 'backendRef'], '', 'Service') : undefined;
      if (ref) out.push(ref);
    });
  });
  return out;
}

/** Whether a reference names a core Kubernetes Service. */
export function isServiceRef(ref: RouteRef): boolean {
  return ref.group === '' && ref.kind === 'Service';
}

/** The `spec.ports[].port` numbers of a Service object. */
export function servicePortNumbers(service: ObjectRecord): number[] {
  const ports = isPlainObject(service.spec) && Array.isArray(service.spec.ports) ? service.spec.ports : [];
  return ports.map((p: any) => p?.port).filter((p: unknown): p is number => typeof p === 'number');
}

/** `HTTPRoute shop/reviews`, for messages. */
export function describeRoute(route: ObjectRecord): string {
  return `${route.kind} ${route.namespace}/${route.name}`;
}

/**
 * Whether a ReferenceGrant of the model in the backend's namespace lets routes of the route's
 * kind and namespace reference that Service (a grant without `to.name` covers every Service).
 */
export function referenceGranted(model: MeshModel, route: ObjectRecord, ref: RouteRef): boolean {
  const fromRoute = (f: any) => f?.group === GATEWAY_API_GROUP && f?.kind === route.kind && f?.namespace === route.namespace;
  const toService = (t: any) => (t?.group ?? '') === '' && t?.kind === 'Service' && (t?.name === undefined || t?.name === ref.name);
  return model.ofKind(GATEWAY_API_GROUP, 'ReferenceGrant').some((g) => g.namespace === ref.namespace && isPlainObject(g.spec)
    && Array.isArray(g.spec.from) && g.spec.from.some(fromRoute) && Array.isArray(g.spec.to) && g.spec.to.some(toService));
}
