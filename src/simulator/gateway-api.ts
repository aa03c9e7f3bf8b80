/**
 * Ingress through a Gateway API Gateway (`gateway.networking.k8s.io`, class `istio`): which
 * listener a request enters, which HTTPRoutes and GRPCRoutes are attached to it (parentRefs,
 * allowedRoutes, hostnames) and serve the request's host, and which backendRefs Istio refuses
 * for want of a ReferenceGrant. The rules of the routes found are then ranked and matched by
 * gamma.ts, as GAMMA routes are: one matcher for both.
 */
import { hostMatchScore } from './matching';
import { refOf } from './server-side';
import { ListenerTrace, RefusedRoute, SkippedListener } from './trace';
import { isPlainObject, ObjectRecord, stringMap } from '../analysis/manifest';
import { MeshModel, PodTemplateRecord } from '../analysis/model';
import { GATEWAY_API_GROUP, parentRefsOf, referenceGranted, ROUTE_KINDS, RouteRef, ruleBackendRefs } from '../analysis/resources/gateway-api-routes';
import { arrayOf } from '../analysis/resources/virtualservice';
import { labelSelectorMatches } from '../analysis/resources/webhook-configuration';
import { serviceAccountOf } from '../analysis/resources/workloads';

/** Istio's controller name in a GatewayClass, and the class it installs for ingress. */
const ISTIO_CONTROLLER = 'istio.io/gateway-controller';
const ISTIO_CLASS = 'istio';
/** The label Istio puts on the pods it deploys for a Gateway. */
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** The Gateway API Gateway `namespace/name` of the input. */
export function gatewayApiGateway(model: MeshModel, namespace: string, name: string): ObjectRecord | undefined {
  return model.find(GATEWAY_API_GROUP, 'Gateway', namespace, name);
}

/**
 * Why Istio does not run this Gateway as an ingress, or undefined when it does: its class must be
 * `istio` or a GatewayClass of the input whose controller is Istio's (`istio-waypoint` is a
 * waypoint for mesh traffic, `istio-remote` a gateway of another cluster).
 */
export function notIstioIngress(model: MeshModel, gw: ObjectRecord): string | undefined {
  const cls = isPlainObject(gw.spec) && typeof gw.spec.gatewayClassName === 'string' ? gw.spec.gatewayClassName : '';
  if (cls === ISTIO_CLASS) return undefined;
  if (cls === 'istio-waypoint') return `Gateway ${gw.namespace}/${gw.name} is of class istio-waypoint: a waypoint for mesh traffic, not an ingress; simulate a request from a workload to the Service instead`;
  const gc = model.ofKind(GATEWAY_API_GROUP, 'GatewayClass').find((c) => c.name === cls);
  if (gc && isPlainObject(gc.spec) && gc.spec.controllerName === ISTIO_CONTROLLER && cls !== 'istio-remote') return undefined;
  return `Gateway ${gw.namespace}/${gw.name} is of class "${cls}", which Istio's controller (${ISTIO_CONTROLLER}) does not run; only class istio (or a GatewayClass of the input with controllerName ${ISTIO_CONTROLLER}) is simulated`;
}

/** The pods Istio deploys for the Gateway (`<name>-istio`, labelled with the Gateway's name), as far as the input shows them. */
export function gatewayApiWorkload(
  model: MeshModel, gw: ObjectRecord,
): { pod?: PodTemplateRecord; labels: Record<string, string>; serviceAccount: string } {
  const selector = { [GATEWAY_NAME_LABEL]: gw.name };
  const pod = model.podTemplatesMatching(gw.namespace, selector)[0];
  if (pod) return { pod, labels: pod.labels, serviceAccount: serviceAccountOf(pod) };
  // Istio's automated deployment names the Deployment and its service account <gateway>-<class>.
  return { labels: selector, serviceAccount: `${gw.name}-${ISTIO_CLASS}` };
}

/** What a listener needs of a request. */
export interface ListenerRequest {
  readonly host: string;
  readonly port: number;
  readonly scheme: string;
}

/** The listener and the routes that route the request. */
export interface Entered {
  readonly listener: ListenerTrace;
  /** HTTPRoutes, and GRPCRoutes in HTTPRoute shape (see grpcAsHttp). */
  readonly routes: ObjectRecord[];
}

/** The request does not get past the listeners: a connection failure or a 404. */
export interface NotEntered {
  readonly failure: 'connection' | 'no-route';
  readonly summary: string;
  readonly listener?: ListenerTrace;
  readonly skipped: SkippedListener[];
}

interface Listener {
  readonly raw: Record<string, any>;
  readonly name: string;
  readonly port?: number;
  readonly protocol: string;
  readonly hostname?: string;
}

function listenersOf(gw: ObjectRecord): Listener[] {
  return arrayOf(isPlainObject(gw.spec) ? gw.spec.listeners : undefined).filter(isPlainObject).map((l) => ({
    raw: l,
    name: typeof l.name === 'string' ? l.name : '',
    ...(typeof l.port === 'number' ? { port: l.port } : {}),
    protocol: typeof l.protocol === 'string' ? l.protocol : '',
    ...(typeof l.hostname === 'string' && l.hostname !== '' ? { hostname: l.hostname.toLowerCase() } : {}),
  }));
}

/** How specifically a listener (or route) hostname takes `host`: -1 not at all, 0 without hostname, more for a longer wildcard, most for the exact host. */
function hostnameScore(hostname: string | undefined, host: string): number {
  return hostname === undefined ? 0 : hostMatchScore(hostname, host);
}

/** Whether two hostnames (either may be a `*.` wildcard) have a host in common, as the Gateway API's intersection asks. */
function hostnamesIntersect(a: string, b: string): boolean {
  return a === b || hostMatchScore(a, b) >= 0 || hostMatchScore(b, a) >= 0;
}

/** Whether the listener's protocol terminates what the request's scheme sends, for HTTPRoutes. */
function protocolFits(listener: Listener, scheme: string): boolean {
  return scheme === 'https' ? listener.protocol === 'HTTPS' : listener.protocol === 'HTTP';
}

/**
 * The listener a request enters: among those on its port whose protocol fits its scheme, the one
 * whose hostname takes the host most specifically (an exact hostname over a longer wildcard over
 * a shorter one over none). Routes attached only to a less specific listener do not see a host a
 * more specific listener takes (the Gateway API's listener isolation).
 */
export function enterGateway(model: MeshModel, gw: ObjectRecord, req: ListenerRequest, notes: string[]): Entered | NotEntered {
  const listeners = listenersOf(gw);
  const skipped: SkippedListener[] = [];
  const onPort = listeners.filter((l) => {
    if (l.port === req.port) return true;
    skipped.push({ name: l.name, reason: `port ${l.port}, but the request is on port ${req.port}` });
    return false;
  });
  if (onPort.length === 0) {
    return { failure: 'connection', skipped, summary: `Connection failure: Gateway ${gw.namespace}/${gw.name} has no listener on port ${req.port}, so the gateway does not listen there.` };
  }
  const fitting = onPort.filter((l) => {
    if (protocolFits(l, req.scheme)) return true;
    skipped.push({ name: l.name, reason: `protocol ${l.protocol}, but the request is ${req.scheme}` });
    return false;
  });
  if (fitting.length === 0) {
    const others = onPort.filter((l) => l.protocol === 'TLS' || l.protocol === 'TCP' || l.protocol === 'UDP');
    if (others.length > 0 && others.length === onPort.length) {
      notes.push(`Listeners ${others.map((l) => `${l.name} (${l.protocol})`).join(', ')} take TLSRoutes, TCPRoutes or UDPRoutes, which the simulator does not model.`);
    }
    const plain = onPort.some((l) => l.protocol === 'HTTP');
    return {
      failure: 'connection',
      skipped,
      summary: req.scheme === 'https' && plain
        ? `Connection failure: the listener of Gateway ${gw.namespace}/${gw.name} on port ${req.port} is plain HTTP, so the TLS handshake of an https request fails.`
        : `Connection failure: no listener of Gateway ${gw.namespace}/${gw.name} on port ${req.port} takes ${req.scheme} (${onPort.map((l) => `${l.name}: ${l.protocol}`).join(', ')}).`,
    };
  }
  const scored = fitting.map((l) => ({ l, score: hostnameScore(l.hostname, req.host) }));
  const best = Math.max(...scored.map((x) => x.score));
  if (best < 0) {
    for (const { l } of scored) skipped.push({ name: l.name, reason: `hostname ${l.hostname} does not take host ${req.host}` });
    return {
      failure: req.scheme === 'https' ? 'connection' : 'no-route',
      skipped,
      summary: req.scheme === 'https'
        ? `Connection failure: no HTTPS listener of Gateway ${gw.namespace}/${gw.name} on port ${req.port} has a hostname taking ${req.host}, so no certificate is served for that SNI.`
        : `No route (404): no HTTP listener of Gateway ${gw.namespace}/${gw.name} on port ${req.port} has a hostname taking ${req.host}.`,
    };
  }
  const chosen = scored.find((x) => x.score === best)!.l;
  for (const { l, score } of scored) {
    if (l === chosen) continue;
    skipped.push({
      name: l.name,
      reason: score < 0 ? `hostname ${l.hostname} does not take host ${req.host}` : `hostname ${l.hostname ?? '(any)'} takes ${req.host} less specifically than listener ${chosen.name} (${chosen.hostname ?? 'any'})${score === best ? ' (same hostname: the first listener wins)' : ''}`,
    });
  }
  const attached = attachedRoutes(model, gw, chosen, req.host, notes);
  const listener: ListenerTrace = {
    gateway: refOf(gw),
    name: chosen.name,
    port: req.port,
    protocol: chosen.protocol,
    ...(chosen.hostname !== undefined ? { hostname: chosen.hostname } : {}),
    skipped,
    routes: attached.routes.map(refOf),
    refusedRoutes: attached.refused,
  };
  if (attached.routes.length === 0) {
    return { failure: 'no-route', skipped, listener, summary: `No route (404): no HTTPRoute attached to listener ${chosen.name} of Gateway ${gw.namespace}/${gw.name} serves host ${req.host}.` };
  }
  return { listener, routes: attached.routes.map((r) => (r.kind === 'GRPCRoute' ? grpcAsHttp(r) : r)) };
}

/** The namespace labels allowedRoutes selectors see: the Namespace object's, and the name label Kubernetes sets on every namespace. */
function namespaceLabels(model: MeshModel, namespace: string, notes: string[]): Record<string, string> {
  const ns = model.namespaceObject(namespace);
  if (!ns) notes.push(`Namespace ${namespace} is not in the input; allowedRoutes selectors see only its kubernetes.io/metadata.name label.`);
  const meta = ns && isPlainObject(ns.source.manifest) && isPlainObject(ns.source.manifest.metadata) ? ns.source.manifest.metadata : {};
  return { ...stringMap(meta.labels), 'kubernetes.io/metadata.name': namespace };
}

/** Why the listener does not admit a route of this kind and namespace (allowedRoutes), or undefined. */
function allowedRoutesRefusal(model: MeshModel, gw: ObjectRecord, l: Listener, route: ObjectRecord, notes: string[]): string | undefined {
  const allowed = isPlainObject(l.raw.allowedRoutes) ? l.raw.allowedRoutes : {};
  const ns = isPlainObject(allowed.namespaces) ? allowed.namespaces : {};
  // The Gateway API's default is Same: only routes of the Gateway's namespace attach.
  const from = typeof ns.from === 'string' ? ns.from : 'Same';
  if (from === 'Same' && route.namespace !== gw.namespace) {
    return `listener ${l.name} admits routes of its own namespace only (allowedRoutes.namespaces.from Same, ${gw.namespace}), and the route is in ${route.namespace}`;
  }
  if (from === 'Selector' && !labelSelectorMatches(ns.selector ?? {}, namespaceLabels(model, route.namespace, notes))) {
    return `namespace ${route.namespace} does not match listener ${l.name}'s allowedRoutes.namespaces.selector ${JSON.stringify(ns.selector ?? {})}`;
  }
  if (from === 'None') return `listener ${l.name} admits no route (allowedRoutes.namespaces.from None)`;
  const kinds = arrayOf(allowed.kinds).filter(isPlainObject);
  if (kinds.length > 0 && !kinds.some((k) => k.kind === route.kind && (k.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP)) {
    return `listener ${l.name} admits kinds ${kinds.map((k) => k.kind).join(', ')} only (allowedRoutes.kinds), not ${route.kind}`;
  }
  return undefined;
}

/** Why a parentRef naming the Gateway does not attach to listener `l`, or undefined when it does. */
function parentRefRefusal(ref: RouteRef, l: Listener): string | undefined {
  if (ref.sectionName !== undefined && ref.sectionName !== l.name) return `its parentRef names listener ${ref.sectionName} (sectionName), not ${l.name}`;
  if (ref.port !== undefined && ref.port !== l.port) return `its parentRef names port ${ref.port}, not ${l.port}`;
  return undefined;
}

/**
 * The routes attached to listener `l` that serve `host`: a parentRef names the Gateway (and the
 * listener by sectionName or port, if it names one), allowedRoutes admits the route, its hostnames
 * intersect the listener's, and among those, the routes whose hostnames take the host most
 * specifically (Envoy's virtual host with the most specific domain).
 */
function attachedRoutes(
  model: MeshModel, gw: ObjectRecord, l: Listener, host: string, notes: string[],
): { routes: ObjectRecord[]; refused: RefusedRoute[] } {
  const refused: RefusedRoute[] = [];
  const candidates: Array<{ route: ObjectRecord; score: number }> = [];
  const listenerScore = hostnameScore(l.hostname, host);
  for (const kind of ROUTE_KINDS) {
    for (const route of model.ofKind(GATEWAY_API_GROUP, kind)) {
      const refs = parentRefsOf(route).filter((r) => r.group === GATEWAY_API_GROUP && r.kind === 'Gateway' && r.name === gw.name && r.namespace === gw.namespace);
      if (refs.length === 0) continue;
      const refuse = (reason: string) => refused.push({ route: refOf(route), reason });
      const refReasons = refs.map((r) => parentRefRefusal(r, l));
      if (refReasons.every((r) => r !== undefined)) {
        refuse(refReasons[0]!);
        continue;
      }
      const admission = allowedRoutesRefusal(model, gw, l, route, notes);
      if (admission) {
        refuse(admission);
        continue;
      }
      const hostnames = arrayOf(isPlainObject(route.spec) ? route.spec.hostnames : undefined).filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase());
      if (hostnames.length === 0) {
        candidates.push({ route, score: listenerScore });
        continue;
      }
      if (l.hostname !== undefined && !hostnames.some((h) => hostnamesIntersect(h, l.hostname!))) {
        refuse(`its hostnames [${hostnames.join(', ')}] do not intersect listener ${l.name}'s hostname ${l.hostname}, so it is not attached (NoMatchingListenerHostname)`);
        continue;
      }
      // Where route and listener hostnames both take the host, the more specific of the two is the virtual host's domain.
      const usable = hostnames.filter((h) => l.hostname === undefined || hostnamesIntersect(h, l.hostname));
      const score = Math.max(-1, ...usable.map((h) => hostMatchScore(h, host)));
      if (score < 0) {
        refuse(`its hostnames [${hostnames.join(', ')}] do not take host ${host}`);
        continue;
      }
      candidates.push({ route, score: Math.max(score, listenerScore) });
    }
  }
  const best = Math.max(-1, ...candidates.map((c) => c.score));
  const routes: ObjectRecord[] = [];
  for (const c of candidates) {
    if (c.score === best) routes.push(c.route);
    else refused.push({ route: refOf(c.route), reason: `another route attached to listener ${l.name} has a hostname that takes ${host} more specifically` });
  }
  return { routes, refused };
}

/**
 * The backendRefs of a rule that Istio refuses, by the host the simulator routes them to: a
 * Service of another namespace that no ReferenceGrant of that namespace opens to the route's
 * kind and namespace (RefNotPermitted). Istio keeps their weight and answers 500 for that share,
 * as the Gateway API asks.
 */
export function refusedBackends(model: MeshModel, route: ObjectRecord, ruleIndex: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const ref of ruleBackendRefs(route, ruleIndex)) {
    if (!ref.crossNamespace || ref.group !== '' || ref.kind !== 'Service') continue;
    if (referenceGranted(model, route, ref)) continue;
    out.set(`${ref.name}.${ref.namespace}.svc.${model.clusterDomain}`,
      `backendRef ${ref.namespace}/${ref.name} of ${route.kind} ${route.namespace}/${route.name} is in another namespace and no ReferenceGrant of the input in ${ref.namespace} lets ${route.kind}s of ${route.namespace} reference it (RefNotPermitted), so Istio answers 500 for its share`);
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A GRPCRoute in HTTPRoute shape, so that one matcher ranks both: a gRPC method is the HTTP/2
 * path `/service/method`, so an Exact service and method is an Exact path, a service alone a
 * path prefix, and anything else a regular expression on the path; header matches keep their shape.
 */
export function grpcAsHttp(route: ObjectRecord): ObjectRecord {
  const spec = isPlainObject(route.spec) ? route.spec : {};
  const rules = arrayOf(spec.rules).map((rule) => {
    if (!isPlainObject(rule)) return rule;
    const matches = arrayOf(rule.matches).filter(isPlainObject).map((m) => {
      const out: Record<string, any> = {};
      if (isPlainObject(m.method)) {
        const regex = m.method.type === 'RegularExpression';
        const service = typeof m.method.service === 'string' ? m.method.service : undefined;
        const method = typeof m.method.method === 'string' ? m.method.method : undefined;
        if (!regex && service !== undefined && method !== undefined) {out.path = { type: 'Exact', value: `/${service}/${method}` };} else if (!regex && service !== undefined) {out.path = { type: 'PathPrefix', value: `/${service}` };} else {
          const part = (v: string | undefined) => (v === undefined ? '[^/]+' : regex ? v : escapeRegex(v));
          out.path = { type: 'RegularExpression', value: `/${part(service)}/${part(method)}` };
        }
      }
      if (m.headers !== undefined) out.headers = m.headers;
      return out;
    });
    return { ...rule, ...(rule.matches !== undefined ? { matches } : {}) };
  });
  return { ...route, spec: { ...spec, rules } };
}
