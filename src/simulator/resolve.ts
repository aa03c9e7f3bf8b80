/**
 * Resolution of one request over the indexed model: client, visibility, VirtualService and
 * route, destinations, DestinationRule policy, client TLS, and the server's mTLS, authentication
 * and authorization. Pure: model and request in, trace out.
 */
import { destinationRulesFor, exportedTo, mergedPolicy, subsetLabels } from './destination-policy';
import { gammaRoutesFor, matchGammaRoutes } from './gamma';
import { enterGateway, gatewayApiGateway, gatewayApiWorkload, notIstioIngress, refusedBackends } from './gateway-api';
import { hostMatchScore, MatchInput, qualifyGateway, routeMatch } from './matching';
import { RequestSource, RequestTarget, SimulatedRequestProps } from './request';
import { authenticate, authorize, policiesFor, refOf, ServerRequest } from './server-side';
import {
  ClientTlsTrace, ClientTrace, DestinationTrace, FaultTrace, MirrorTrace, RequestOutcome, RequestTrace,
  RetryTrace, RouteTrace, ServerTrace, SkippedRoute,
} from './trace';
import { EffectiveMtls, MtlsDecision } from '../analysis/facts/effective-mtls';
import { namespaceEnrollment, podEnrollment } from '../analysis/facts/enrollment';
import { meshConfigOf } from '../analysis/facts/mesh-config';
import { isPlainObject, ObjectRecord, stringMap } from '../analysis/manifest';
import { labelsMatch, MeshModel, PodTemplateRecord } from '../analysis/model';
import { workloadSelectorOf } from '../analysis/resources/selectors';
import { clusterLocalParts, serviceExists } from '../analysis/resources/service-lookup';
import { arrayOf, gatewaysOf, hostsOf, isBoundToMesh, MESH_GATEWAY } from '../analysis/resources/virtualservice';
import { resolveTargetPort, serviceAccountOf, servicePorts, sidecarDisabled } from '../analysis/resources/workloads';

/** A request the simulator cannot run as given (unknown workload, gateway…): the user can fix it. */
export class SimulationInputError extends Error {}

/** Istio's retry policy for a route that sets none (and for traffic no VirtualService routes). */
const DEFAULT_RETRIES: RetryTrace = {
  attempts: 2,
  retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes (503)',
  isDefault: true,
};

interface Client {
  readonly trace: Omit<ClientTrace, 'hostVisible' | 'visibility' | 'outboundPolicy'>;
  readonly namespace?: string;
  readonly labels: Record<string, string>;
  readonly serviceAccount?: string;
  readonly hasProxy: boolean;
  /** `mesh`, or `namespace/name` of the Gateway the request enters through. */
  readonly gatewayName: string;
  readonly gateway?: ObjectRecord;
  /** The Gateway API Gateway the request enters through (then `gateway` is unset). */
  readonly gatewayApi?: ObjectRecord;
  readonly pod?: PodTemplateRecord;
}

/** Whether pods of a template get a sidecar: their own labels, else their Namespace object's, else assumed injected. */
function podHasProxy(model: MeshModel, pod: PodTemplateRecord, notes: string[]): boolean {
  if (sidecarDisabled(pod)) return false;
  const own = podEnrollment(pod);
  const ns = model.namespaceObject(pod.namespace);
  const mode = own?.mode ?? (ns ? namespaceEnrollment(ns).mode : undefined);
  if (mode === 'ambient') {
    notes.push(`${pod.owner.kind} ${pod.namespace}/${pod.owner.name} runs in ambient mode; the simulator treats it as a sidecar workload (ztunnel and waypoints are not simulated).`);
    return true;
  }
  if (mode === 'out') return false;
  if (mode === 'none') return false;
  return true;
}

function findWorkload(model: MeshModel, namespace: string, name: string): PodTemplateRecord | undefined {
  const candidates = model.podTemplates(namespace).filter((p) => p.owner.name === name);
  return candidates.find((p) => p.owner.kind === 'Deployment') ?? candidates[0];
}

function resolveClient(model: MeshModel, source: RequestSource, notes: string[]): Client {
  const fromPod = (
    kind: string, pod: PodTemplateRecord | undefined, namespace: string, labels: Record<string, string>, sa: string | undefined,
  ): Client => {
    const hasProxy = pod ? podHasProxy(model, pod, notes) : namespaceHasProxy(model, namespace, notes);
    return {
      trace: {
        kind,
        namespace,
        ...(pod ? { workload: refOf(pod.owner) } : {}),
        ...(sa ? { serviceAccount: sa } : {}),
        labels,
        hasProxy,
      },
      namespace,
      labels,
      serviceAccount: sa,
      hasProxy,
      gatewayName: MESH_GATEWAY,
      pod,
    };
  };
  switch (source.kind) {
    case 'workload': {
      const pod = findWorkload(model, source.namespace, source.name);
      if (!pod) {
        const known = model.podTemplates(source.namespace).map((p) => p.owner.name);
        throw new SimulationInputError(
          `no workload ${source.namespace}/${source.name} in the input` +
          (known.length > 0 ? `; workloads of namespace ${source.namespace}: ${known.slice(0, 8).join(', ')}` : `; namespace ${source.namespace} has no workload in the input`),
        );
      }
      return fromPod('workload', pod, pod.namespace, pod.labels, serviceAccountOf(pod));
    }
    case 'service-account': {
      const pod = model.podTemplates(source.namespace).find((p) => serviceAccountOf(p) === source.name);
      if (!pod) notes.push(`No workload of the input runs as ${source.namespace}/${source.name}; the client is taken as a sidecar pod without labels.`);
      return fromPod('service-account', pod, source.namespace, pod ? pod.labels : {}, source.name);
    }
    case 'labels': {
      const pod = model.podTemplatesMatching(source.namespace, source.labels)[0];
      return fromPod('labels', pod, source.namespace, source.labels, source.name);
    }
    case 'gateway': {
      const gw = model.find('networking.istio.io', 'Gateway', source.namespace, source.name);
      const apiGw = gatewayApiGateway(model, source.namespace, source.name);
      if (!gw && apiGw) return gatewayApiClient(model, apiGw);
      if (gw && apiGw) {
        // The Istio Gateway keeps the meaning viaGateway always had; a user who migrates keeps both
        // for a while and still has the old path to compare against.
        notes.push(`Both an Istio Gateway (networking.istio.io) and a Gateway API Gateway (gateway.networking.k8s.io) are named ${source.namespace}/${source.name}; the request goes through the Istio Gateway. Use RequestSource.viaGatewayApi (--via-gateway-api) for the other.`);
      }
      if (!gw) {
        const known = [...model.gateways(), ...model.ofKind('gateway.networking.k8s.io', 'Gateway')].map((g) => `${g.namespace}/${g.name}`);
        throw new SimulationInputError(`no Gateway ${source.namespace}/${source.name} in the input (neither networking.istio.io nor gateway.networking.k8s.io)${known.length > 0 ? `; Gateways: ${known.slice(0, 8).join(', ')}` : ''}`);
      }
      const selector = workloadSelectorOf(gw);
      const pod = Object.keys(selector).length > 0 ? model.podTemplatesMatchingAnywhere(selector)[0] : undefined;
      // Without the gateway's pods in the input: Istio's default ingress gateway (istio=ingressgateway)
      // runs in the root namespace; another selector is taken as a gateway deployed beside its Gateway.
      const namespace = pod?.namespace ?? (selector.istio === 'ingressgateway' ? model.rootNamespace : gw.namespace);
      const labels = pod ? pod.labels : selector;
      // Istio's default ingress gateway runs as this account; without the gateway's pods in the input it is the best guess.
      const serviceAccount = pod ? serviceAccountOf(pod) : 'istio-ingressgateway-service-account';
      if (!pod) {
        notes.push(`No workload of the input matches the selector of Gateway ${gw.namespace}/${gw.name}; the gateway is taken to run in ${namespace} as service account ${serviceAccount}.`);
      }
      return {
        trace: {
          kind: 'gateway',
          namespace,
          ...(pod ? { workload: refOf(pod.owner) } : {}),
          serviceAccount,
          labels,
          hasProxy: true,
          gateway: refOf(gw),
        },
        namespace,
        labels,
        serviceAccount,
        hasProxy: true,
        gatewayName: `${gw.namespace}/${gw.name}`,
        gateway: gw,
        pod,
      };
    }
    case 'gateway-api': {
      const apiGw = gatewayApiGateway(model, source.namespace, source.name);
      if (!apiGw) {
        const known = model.ofKind('gateway.networking.k8s.io', 'Gateway').map((g) => `${g.namespace}/${g.name}`);
        throw new SimulationInputError(`no Gateway API Gateway (gateway.networking.k8s.io) ${source.namespace}/${source.name} in the input${known.length > 0 ? `; Gateway API Gateways: ${known.slice(0, 8).join(', ')}` : ''}`);
      }
      return gatewayApiClient(model, apiGw);
    }
    default:
      return {
        trace: { kind: 'outside-mesh', ...(source.namespace ? { namespace: source.namespace } : {}), labels: {}, hasProxy: false },
        namespace: source.namespace || undefined,
        labels: {},
        hasProxy: false,
        gatewayName: MESH_GATEWAY,
      };
  }
}

/** The gateway pods Istio deploys for a Gateway API Gateway of class istio, as the client. */
function gatewayApiClient(model: MeshModel, gw: ObjectRecord): Client {
  const refusal = notIstioIngress(model, gw);
  if (refusal) throw new SimulationInputError(refusal);
  const { pod, labels, serviceAccount } = gatewayApiWorkload(model, gw);
  return {
    trace: {
      kind: 'gateway',
      namespace: gw.namespace,
      ...(pod ? { workload: refOf(pod.owner) } : {}),
      serviceAccount,
      labels,
      hasProxy: true,
      gateway: refOf(gw),
    },
    namespace: gw.namespace,
    labels,
    serviceAccount,
    hasProxy: true,
    gatewayName: `${gw.namespace}/${gw.name}`,
    gatewayApi: gw,
    pod,
  };
}

/** A pod of `namespace` that the input does not show: injected unless its Namespace object says otherwise. */
function namespaceHasProxy(model: MeshModel, namespace: string, notes: string[]): boolean {
  const ns = model.namespaceObject(namespace);
  if (!ns) return true;
  const mode = namespaceEnrollment(ns).mode;
  if (mode === 'ambient') notes.push(`Namespace ${namespace} runs in ambient mode; the simulator treats its pods as sidecar workloads.`);
  return mode === 'sidecar' || mode === 'ambient';
}

/** The host a client's proxy resolves: short names through the pod's DNS search path. */
function resolveHost(model: MeshModel, host: string, client: Client): string {
  if (client.gatewayName !== MESH_GATEWAY) return host;
  const domain = model.clusterDomain;
  if (host.endsWith(`.svc.${domain}`)) return host;
  if (!host.includes('.')) return `${host}.${client.namespace ?? model.defaultNamespace}.svc.${domain}`;
  const parts = host.split('.');
  if (parts.length === 2 && (model.serviceForHost(`${host}.svc.${domain}`) || model.namespaceNames().has(parts[1]))) return `${host}.svc.${domain}`;
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.${domain}`;
  return host;
}

/** The Kubernetes Service or ServiceEntry that declares a host, if any. */
interface Registered {
  readonly object: ObjectRecord;
  readonly namespace: string;
  readonly external: boolean;
}

function registered(model: MeshModel, fqdn: string, clientNamespace: string | undefined): Registered | undefined {
  const svc = model.serviceForHost(fqdn);
  if (svc) {
    const exportTo = svc.annotations['networking.istio.io/exportTo'];
    const visible = exportTo === undefined || exportTo.split(',').map((s) => s.trim()).some((e) => e === '*' || e === clientNamespace || (e === '.' && svc.namespace === clientNamespace));
    return visible ? { object: svc, namespace: svc.namespace, external: false } : undefined;
  }
  const se = model.serviceEntriesForHost(fqdn).find((s) => exportedTo(s, clientNamespace));
  if (se) {
    const location = isPlainObject(se.spec) ? se.spec.location : undefined;
    return { object: se, namespace: se.namespace, external: location !== 'MESH_INTERNAL' };
  }
  return undefined;
}

/** The Sidecar that configures a client: one selecting its pod, else its namespace's default, else the root namespace's. */
function sidecarFor(model: MeshModel, client: Client): ObjectRecord | undefined {
  if (!client.namespace) return undefined;
  const own = model.sidecars().filter((s) => s.namespace === client.namespace);
  const selecting = own.find((s) => {
    const sel = workloadSelectorOf(s);
    return Object.keys(sel).length > 0 && labelsMatch(sel, client.labels);
  });
  return selecting
    ?? own.find((s) => Object.keys(workloadSelectorOf(s)).length === 0)
    ?? model.sidecars().find((s) => s.namespace === model.rootNamespace && Object.keys(workloadSelectorOf(s)).length === 0);
}

/** Whether a Sidecar egress host (`ns/host`) imports a host declared in `namespace`. */
function egressImports(entry: string, sidecarNamespace: string, fqdn: string, namespace: string): boolean {
  const slash = entry.indexOf('/');
  if (slash < 0) return false;
  const ns = entry.slice(0, slash);
  const host = entry.slice(slash + 1);
  if (ns === '~') return false;
  if (ns !== '*' && (ns === '.' ? sidecarNamespace : ns) !== namespace) return false;
  return host === '*' || hostMatchScore(host, fqdn) >= 0;
}

function outboundPolicy(model: MeshModel, sidecar: ObjectRecord | undefined): { mode: string; why: string } {
  const spec = sidecar && isPlainObject(sidecar.spec) ? sidecar.spec : {};
  const own = isPlainObject(spec.outboundTrafficPolicy) ? spec.outboundTrafficPolicy : undefined;
  if (own) {
    // The proto default of the mode is REGISTRY_ONLY.
    const mode = own.mode === 'ALLOW_ANY' ? 'ALLOW_ANY' : 'REGISTRY_ONLY';
    return { mode, why: `${mode} (Sidecar ${sidecar!.namespace}/${sidecar!.name})` };
  }
  const mc = meshConfigOf(model);
  const policy = mc && isPlainObject(mc.config.outboundTrafficPolicy) ? mc.config.outboundTrafficPolicy : undefined;
  if (policy?.mode === 'REGISTRY_ONLY') return { mode: 'REGISTRY_ONLY', why: `REGISTRY_ONLY (${mc!.label})` };
  return { mode: 'ALLOW_ANY', why: 'ALLOW_ANY (Istio\'s default)' };
}

/** A route found for the request, with the VirtualService it came from. */
interface MatchedRoute {
  readonly vs: ObjectRecord;
  readonly kind: string;
  readonly route: Record<string, any>;
  readonly trace: RouteTrace;
}

/**
 * The VirtualServices bound to the client's proxy for a host, in Istio's order: exported only to
 * the client's namespace ('.' in it), then those exporting to it by name, then public ones; within
 * each, input order (creation time in a cluster).
 */
function virtualServicesFor(model: MeshModel, host: string, client: Client): ObjectRecord[] {
  const index = virtualServiceIndex(model);
  const candidates = new Set<number>(index.exact.get(host) ?? []);
  for (const w of index.wildcard) if (hostMatchScore(w.host, host) >= 0) candidates.add(w.order);
  const all = model.virtualServices();
  const ranked: Array<{ vs: ObjectRecord; group: number; order: number }> = [];
  for (const order of candidates) {
    const vs = all[order];
    const bound = client.gatewayName === MESH_GATEWAY
      ? isBoundToMesh(vs)
      : gatewaysOf(vs).some((g) => qualifyGateway(g, vs.namespace) === client.gatewayName);
    if (!bound) continue;
    const exportTo = arrayOf(isPlainObject(vs.spec) ? vs.spec.exportTo : undefined).filter((e): e is string => typeof e === 'string');
    let group: number;
    if (exportTo.length === 0 || exportTo.includes('*')) group = 2;
    else if (exportTo.includes('.') && vs.namespace === client.namespace) group = 0;
    else if (client.namespace !== undefined && exportTo.includes(client.namespace)) group = 1;
    else continue;
    if (hostScore(model, vs, host) >= 0) ranked.push({ vs, group, order });
  }
  // A sidecar's routes for a service come from the first VirtualService in this order that names
  // it (a wildcard host counts): later ones cannot claim the service again, however specific.
  ranked.sort((a, b) => a.group - b.group || a.order - b.order);
  return ranked.map((r) => r.vs);
}

function hostScore(model: MeshModel, vs: ObjectRecord, host: string): number {
  let score = -1;
  for (const h of hostsOf(vs)) score = Math.max(score, hostMatchScore(model.fqdn(h.host, vs.namespace), host));
  return score;
}

/** The VirtualServices whose host matches `host` most specifically, keeping the order of `list`. */
function mostSpecific(model: MeshModel, list: readonly ObjectRecord[], host: string): ObjectRecord[] {
  const scored = list.map((vs) => ({ vs, score: hostScore(model, vs, host) }));
  const best = Math.max(-1, ...scored.map((x) => x.score));
  return scored.filter((x) => x.score === best).map((x) => x.vs);
}

/** VirtualServices (by input position) under each exact host, and the wildcard hosts, read once per model. */
function virtualServiceIndex(model: MeshModel): { exact: Map<string, number[]>; wildcard: Array<{ host: string; order: number }> } {
  return model.memo('simulator.virtualServiceIndex', (m) => {
    const exact = new Map<string, number[]>();
    const wildcard: Array<{ host: string; order: number }> = [];
    m.virtualServices().forEach((vs, order) => {
      for (const h of hostsOf(vs)) {
        const host = m.fqdn(h.host, vs.namespace);
        if (host.startsWith('*')) {
          wildcard.push({ host, order });
        } else {
          const list = exact.get(host);
          if (list) list.push(order);
          else exact.set(host, [order]);
        }
      }
    });
    return { exact, wildcard };
  });
}

/** No route of the applied VirtualServices matched. */
interface NoMatch {
  readonly skipped: SkippedRoute[];
  readonly vs: ObjectRecord;
}

function matchRoutes(
  vsList: readonly ObjectRecord[], kind: string, input: (vs: ObjectRecord) => MatchInput, boundTo: string,
): MatchedRoute | NoMatch {
  const skipped: SkippedRoute[] = [];
  for (const vs of vsList) {
    const routes = arrayOf(isPlainObject(vs.spec) ? vs.spec[kind] : undefined);
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i];
      if (!isPlainObject(route)) continue;
      const name = typeof route.name === 'string' && route.name !== '' ? route.name : undefined;
      const m = routeMatch(route, input(vs), kind);
      if ('matchIndex' in m) {
        return {
          vs,
          kind,
          route,
          trace: {
            virtualService: refOf(vs),
            kind,
            index: i,
            ...(name ? { name } : {}),
            ...(m.matchIndex >= 0 ? { matchIndex: m.matchIndex } : {}),
            boundTo,
            skipped,
          },
        };
      }
      skipped.push({ index: i, ...(name ? { name } : {}), reason: vsList.length > 1 ? `${vs.namespace}/${vs.name}: ${m.reason}` : m.reason });
    }
  }
  return { skipped, vs: vsList[0] };
}

function durationOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function percentOf(p: unknown, legacy: unknown): number {
  if (isPlainObject(p) && typeof p.value === 'number') return p.value;
  return typeof legacy === 'number' ? legacy : 0;
}

function retriesOf(route: Record<string, any>): RetryTrace {
  const r = route.retries;
  if (!isPlainObject(r)) return DEFAULT_RETRIES;
  const attempts = typeof r.attempts === 'number' ? r.attempts : 0;
  if (attempts === 0) return { attempts: 0, isDefault: false };
  return {
    attempts,
    retryOn: typeof r.retryOn === 'string' && r.retryOn !== '' ? r.retryOn : DEFAULT_RETRIES.retryOn,
    ...(durationOf(r.perTryTimeout) ? { perTryTimeout: durationOf(r.perTryTimeout) } : {}),
    isDefault: false,
  };
}

function faultOf(route: Record<string, any>): FaultTrace | undefined {
  const f = route.fault;
  if (!isPlainObject(f)) return undefined;
  const out: Record<string, any> = {};
  if (isPlainObject(f.delay)) {
    out.delay = durationOf(f.delay.fixedDelay) ?? durationOf(f.delay.exponentialDelay);
    // Without a percentage no request is delayed.
    out.delayPercentage = percentOf(f.delay.percentage, f.delay.percent);
  }
  if (isPlainObject(f.abort)) {
    if (typeof f.abort.httpStatus === 'number') out.abortHttpStatus = f.abort.httpStatus;
    if (typeof f.abort.grpcStatus === 'string') out.abortGrpcStatus = f.abort.grpcStatus;
    // Without a percentage no request is aborted.
    out.abortPercentage = percentOf(f.abort.percentage, undefined);
  }
  return out as FaultTrace;
}

function mirrorsOf(model: MeshModel, route: Record<string, any>, vs: ObjectRecord): MirrorTrace[] {
  const out: MirrorTrace[] = [];
  const add = (d: unknown, pct: number) => {
    if (!isPlainObject(d) || typeof d.host !== 'string') return;
    out.push({
      host: model.fqdn(d.host, vs.namespace),
      ...(typeof d.subset === 'string' ? { subset: d.subset } : {}),
      ...(isPlainObject(d.port) && typeof d.port.number === 'number' ? { port: d.port.number } : {}),
      percentage: pct,
    });
  };
  if (isPlainObject(route.mirror)) add(route.mirror, isPlainObject(route.mirrorPercentage) ? percentOf(route.mirrorPercentage, undefined) : typeof route.mirrorPercent === 'number' ? route.mirrorPercent : 100);
  for (const m of arrayOf(route.mirrors)) {
    if (isPlainObject(m)) add(m.destination, isPlainObject(m.percentage) ? percentOf(m.percentage, undefined) : 100);
  }
  return out;
}

/** The only port of a Service or ServiceEntry, when it has exactly one. */
function onlyPort(reg: Registered | undefined): number | undefined {
  if (!reg || !isPlainObject(reg.object.spec)) return undefined;
  const key = reg.object.kind === 'Service' ? 'port' : 'number';
  const ports = arrayOf(reg.object.spec.ports).filter((p) => isPlainObject(p) && typeof p[key] === 'number');
  return ports.length === 1 ? ports[0][key] : undefined;
}

/** Whether the Service port the request addresses is declared as TCP (opaque), where tcp routes apply. */
function isOpaquePort(reg: Registered | undefined, port: number): boolean {
  if (!reg || reg.object.kind !== 'Service') return false;
  const p = servicePorts(reg.object).find((x) => x.port === port);
  return p?.protocol === 'opaque';
}

/** Everything a request needs that does not change per destination. */
interface Context {
  readonly model: MeshModel;
  readonly client: Client;
  readonly props: SimulatedRequestProps;
  readonly method: string;
  readonly path: string;
  readonly scheme: string;
  readonly headers: Record<string, string>;
  readonly authority: string;
  readonly notes: string[];
}

export function simulate(model: MeshModel, props: SimulatedRequestProps): RequestTrace {
  const notes: string[] = [];
  const source = props.from ?? RequestSource.serviceAccount(model.defaultNamespace, 'default');
  const target: RequestTarget = props.to;
  const client = resolveClient(model, source, notes);
  const scheme = target.scheme ?? 'http';
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(props.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const method = (props.method ?? 'GET').toUpperCase();
  const path = props.path ?? target.path ?? '/';
  if (!path.startsWith('/')) throw new SimulationInputError(`path "${path}" must start with /`);
  const host = target.hostname;
  if (host === '') throw new SimulationInputError('the request has no host');
  const resolvedHost = resolveHost(model, host, client);
  const reg = registered(model, resolvedHost, client.namespace);
  const port = props.port ?? target.port ?? onlyPort(reg) ?? (scheme === 'https' ? 443 : 80);
  const defaultPort = scheme === 'https' ? 443 : 80;
  const authority = headers.host ?? (port === defaultPort ? host : `${host}:${port}`);
  const ctx: Context = { model, client, props, method, path, scheme, headers, authority, notes };
  const request = { host, resolvedHost, port, method, path, scheme, headers };

  const finish = (t: Omit<RequestTrace, 'request' | 'notes' | 'mirrors' | 'destinations' | 'client'> & { destinations?: DestinationTrace[]; mirrors?: MirrorTrace[] }, clientTrace: ClientTrace): RequestTrace => ({
    request,
    client: clientTrace,
    destinations: [],
    mirrors: [],
    ...t,
    notes,
  });

  // Visibility: a sidecar only knows the hosts of its registry that its Sidecar imports.
  let hostVisible = true;
  let visibility = 'no Sidecar limits the client\'s egress';
  const policy = client.hasProxy && client.gatewayName === MESH_GATEWAY ? outboundPolicy(model, sidecarFor(model, client)) : { mode: 'ALLOW_ANY', why: client.hasProxy ? 'a gateway forwards only what its routes name' : 'the client has no proxy' };
  if (client.hasProxy && client.gatewayName === MESH_GATEWAY) {
    const sidecar = sidecarFor(model, client);
    if (!reg) {
      hostVisible = false;
      visibility = `no Service or ServiceEntry visible to namespace ${client.namespace} declares ${resolvedHost}`;
    } else {
      const egress = sidecar && isPlainObject(sidecar.spec) ? arrayOf(sidecar.spec.egress).filter(isPlainObject) : [];
      const entries = egress.flatMap((e) => arrayOf(e.hosts).filter((h): h is string => typeof h === 'string'));
      if (sidecar && egress.length > 0) {
        hostVisible = entries.some((e) => egressImports(e, sidecar.namespace, resolvedHost, reg.namespace));
        visibility = hostVisible
          ? `Sidecar ${sidecar.namespace}/${sidecar.name} imports ${reg.namespace}/${resolvedHost}`
          : `Sidecar ${sidecar.namespace}/${sidecar.name} egress hosts [${entries.join(', ')}] do not import ${reg.namespace}/${resolvedHost}`;
      } else {
        visibility = `${reg.object.kind} ${reg.object.namespace}/${reg.object.name} declares ${resolvedHost}${sidecar ? `; Sidecar ${sidecar.namespace}/${sidecar.name} has no egress limit` : ''}`;
      }
    }
  } else if (!client.hasProxy) {
    visibility = 'the client has no proxy: the request goes straight to the Service (kube-proxy), no VirtualService or DestinationRule applies';
  } else {
    visibility = `the request enters through Gateway ${client.gatewayName}`;
  }
  const clientTrace: ClientTrace = { ...client.trace, hostVisible, visibility, outboundPolicy: policy.why };

  if (!hostVisible) {
    if (policy.mode === 'REGISTRY_ONLY') {
      return finish({
        outcome: RequestOutcome.BLACKHOLE,
        statusCode: 502,
        summary: `Blackhole: ${resolvedHost} is not in the client's registry (${visibility}) and the outbound policy is ${policy.why}, so the proxy drops the request (502).`,
      }, clientTrace);
    }
    const passthrough = !reg;
    notes.push(passthrough
      ? `${resolvedHost} is not in the registry; under ALLOW_ANY the proxy passes the request through to the original address (PassthroughCluster) without routing, policy or mTLS.`
      : `${resolvedHost} is not imported by the client's Sidecar; under ALLOW_ANY the request is passed through to the original address without routing, policy or mTLS.`);
    return finish({
      outcome: RequestOutcome.ROUTED,
      summary: `Routed through the PassthroughCluster to ${resolvedHost}:${port} (outbound policy ${policy.why}); no VirtualService, DestinationRule or mTLS applies.`,
      destinations: [{
        host: resolvedHost,
        port,
        weight: 100,
        share: 100,
        policy: { levels: [], tls: { mode: 'DISABLE', auto: false, reason: 'passthrough traffic is sent as the application sends it' } },
        outcome: RequestOutcome.ROUTED,
      }],
    }, clientTrace);
  }

  if (client.gatewayApi) return throughGatewayApi(ctx, client.gatewayApi, host, port, finish, clientTrace);

  let gatewayKind: string | undefined;
  // Gateway listeners: the Gateway must have a server on the port whose hosts take the request's host.
  if (client.gateway) {
    const servers = arrayOf(isPlainObject(client.gateway.spec) ? client.gateway.spec.servers : undefined).filter(isPlainObject);
    const onPort = servers.filter((s) => isPlainObject(s.port) && s.port.number === port);
    if (onPort.length === 0) {
      return finish({
        outcome: RequestOutcome.CONNECTION_FAILURE,
        summary: `Connection failure: Gateway ${client.gatewayName} has no server on port ${port}, so the gateway does not listen there.`,
      }, clientTrace);
    }
    const server = onPort.find((s) => arrayOf(s.hosts).some((h) => typeof h === 'string' && hostMatchScore(h.includes('/') ? h.slice(h.indexOf('/') + 1) : h, host) >= 0));
    if (server) {
      const tlsMode = isPlainObject(server.tls) ? server.tls.mode : undefined;
      const protocol = isPlainObject(server.port) && typeof server.port.protocol === 'string' ? server.port.protocol.toUpperCase() : 'HTTP';
      gatewayKind = tlsMode === 'PASSTHROUGH' || tlsMode === 'AUTO_PASSTHROUGH' ? 'tls' : protocol === 'TCP' || protocol === 'TLS' ? 'tcp' : 'http';
    }
    if (server && isPlainObject(server.tls) && server.tls.httpsRedirect === true) {
      return finish({
        outcome: RequestOutcome.REDIRECTED,
        statusCode: 301,
        redirect: { scheme: 'https' },
        summary: `Redirected (301) to https: the server of Gateway ${client.gatewayName} on port ${port} sets tls.httpsRedirect.`,
      }, clientTrace);
    }
    if (!server) {
      return finish({
        outcome: RequestOutcome.NO_ROUTE,
        statusCode: 404,
        summary: `No route (404): no server of Gateway ${client.gatewayName} on port ${port} lists host ${host}.`,
      }, clientTrace);
    }
  }

  if (!client.hasProxy) {
    const dest = destination(ctx, resolvedHost, undefined, port, 100, 100, undefined);
    return finish({
      outcome: dest.outcome,
      ...statusOf(dest),
      summary: `${describeOutcome(dest)} The client has no proxy, so no VirtualService or DestinationRule applies.`,
      destinations: [dest],
      ...(dest.server ? { tls: { client: dest.policy.tls.mode, server: dest.server.hasProxy ? dest.server.mtlsMode : 'NONE' }, authorization: dest.server.authorization } : {}),
    }, clientTrace);
  }

  const vsList = virtualServicesFor(model, resolvedHost, client);
  // A sidecar applies the first VirtualService that claims the host; a gateway merges the routes of all of them.
  // At a gateway, Envoy picks the virtual host with the most specific domain; the VirtualServices
  // sharing that host have their routes merged, oldest (here: first in the input) first.
  const applied = client.gatewayName === MESH_GATEWAY ? vsList.slice(0, 1) : mostSpecific(model, vsList, resolvedHost);
  // GAMMA: HTTPRoutes whose parent is the Service route the HTTP requests sidecars send to it.
  const httpRoutes = client.gatewayName === MESH_GATEWAY && scheme !== 'https' && !isOpaquePort(reg, port)
    ? gammaRoutesFor(model, resolvedHost, port, client.namespace) : [];
  if (httpRoutes.length > 0 && applied.length > 0) {
    notes.push(`HTTPRoutes ${httpRoutes.map((r) => `${r.namespace}/${r.name}`).join(', ')} and VirtualService ${applied[0].namespace}/${applied[0].name} both claim ${resolvedHost}; Istio turns the HTTPRoutes into a VirtualService of its own and a sidecar applies only one VirtualService per host (no merging), the oldest, so which wins depends on creation times the input does not show; the simulator follows the VirtualService.`);
  }
  if (httpRoutes.length > 0 && applied.length === 0) {
    const query: Record<string, string> = {};
    const q = path.indexOf('?');
    if (q >= 0) for (const [k, v] of new URLSearchParams(path.slice(q + 1))) if (!(k in query)) query[k] = v;
    const gm = matchGammaRoutes(model, httpRoutes, { path, method, headers, query });
    if (!('route' in gm)) {
      return finish({
        outcome: RequestOutcome.NO_ROUTE,
        statusCode: 404,
        summary: `No route (404): HTTPRoute ${gm.httpRoute.namespace}/${gm.httpRoute.name} applies to ${resolvedHost} but none of its rules matches.`,
        unmatched: { virtualService: refOf(gm.httpRoute), skipped: gm.skipped },
      }, clientTrace);
    }
    return routeTo(ctx, gm.route, gm.httpRoute, gm.trace, 'http', resolvedHost, port, finish, clientTrace);
  }
  if (applied.length === 0) {
    if (client.gateway) {
      return finish({
        outcome: RequestOutcome.NO_ROUTE,
        statusCode: 404,
        summary: `No route (404): no VirtualService bound to Gateway ${client.gatewayName} (and exported to ${client.namespace}) has host ${host}.`,
      }, clientTrace);
    }
    const dest = destination(ctx, resolvedHost, undefined, port, 100, 100, reg);
    return finish({
      outcome: dest.outcome,
      ...statusOf(dest),
      summary: `${describeOutcome(dest)} No VirtualService applies to ${resolvedHost}, so the default route sends it to the host itself.`,
      destinations: [dest],
      retries: DEFAULT_RETRIES,
      ...(dest.server ? { tls: { client: dest.policy.tls.mode, server: dest.server.hasProxy ? dest.server.mtlsMode : 'NONE' }, authorization: dest.server.authorization } : {}),
    }, clientTrace);
  }
  if (client.gatewayName === MESH_GATEWAY && vsList.length > 1) {
    notes.push(`VirtualServices ${vsList.map((v) => `${v.namespace}/${v.name}`).join(', ')} all claim ${resolvedHost}; the sidecar uses ${vsList[0].namespace}/${vsList[0].name} (Istio's precedence: exported only to the client's namespace, then exported to it by name, then public; oldest first, here input order; the first claims the service).`);
  }

  // A gateway routes by what its server does with TLS (terminated: http; passed through: tls). At a
  // sidecar HTTPS is TLS the application originates: the proxy sees only the SNI, so tls routes
  // apply (tcp ones when there are none).
  const hasRoutes = (k: string) => applied.some((v) => arrayOf(isPlainObject(v.spec) ? v.spec[k] : undefined).length > 0);
  const kind = gatewayKind
    ?? (scheme === 'https' ? (hasRoutes('tls') ? 'tls' : 'tcp') : isOpaquePort(reg, port) ? 'tcp' : 'http');
  const query: Record<string, string> = {};
  const q = path.indexOf('?');
  if (q >= 0) for (const [k, v] of new URLSearchParams(path.slice(q + 1))) if (!(k in query)) query[k] = v;
  const input = (vs: ObjectRecord): MatchInput => ({
    path,
    method,
    scheme,
    authority,
    headers,
    query,
    port,
    sourceLabels: client.labels,
    sourceNamespace: client.namespace,
    gateway: client.gatewayName,
    vsNamespace: vs.namespace,
    sni: host,
  });
  const matched = matchRoutes(applied, kind, input, client.gatewayName);
  if (!('route' in matched)) {
    return finish({
      outcome: RequestOutcome.NO_ROUTE,
      statusCode: 404,
      summary: `No route (404): VirtualService ${matched.vs.namespace}/${matched.vs.name} applies to ${client.gateway ? host : resolvedHost} but none of its ${kind} routes matches.`,
      unmatched: { virtualService: refOf(matched.vs), skipped: matched.skipped },
    }, clientTrace);
  }

  return routeTo(ctx, matched.route, matched.vs, matched.trace, kind, resolvedHost, port, finish, clientTrace);
}

/**
 * A request through a Gateway API Gateway: the listener it enters, the routes attached to it
 * that serve its host, their rules in the Gateway API's precedence (gamma.ts, as for GAMMA
 * routes), then the matched rule's backends as any route's, with the backendRefs Istio refuses
 * for want of a ReferenceGrant answering 500.
 */
function throughGatewayApi(ctx: Context, gw: ObjectRecord, host: string, port: number, finish: Finish, clientTrace: ClientTrace): RequestTrace {
  const { model, notes } = ctx;
  if (!ctx.client.pod) {
    notes.push(`No workload of the input carries label gateway.networking.k8s.io/gateway-name=${gw.name} in ${gw.namespace}; the gateway is taken as the Deployment Istio creates for it, running as service account ${ctx.client.serviceAccount}.`);
  }
  if (isPlainObject(gw.spec) && arrayOf(gw.spec.addresses).length > 0) {
    notes.push(`Gateway ${gw.namespace}/${gw.name} sets spec.addresses (a gateway deployed manually, or a fixed address); the simulator takes it as Istio's own deployment.`);
  }
  const bound = model.virtualServices().filter((vs) => gatewaysOf(vs).some((g) => qualifyGateway(g, vs.namespace) === `${gw.namespace}/${gw.name}`));
  if (bound.length > 0) {
    notes.push(`VirtualServices ${bound.map((v) => `${v.namespace}/${v.name}`).join(', ')} name ${gw.namespace}/${gw.name} in gateways; an Istio Gateway of that name is not in the input, so Istio binds them to nothing there, and the simulator routes by the Gateway API routes only.`);
  }
  const entered = enterGateway(model, gw, { host, port, scheme: ctx.scheme }, notes);
  if (!('routes' in entered)) {
    const listener = entered.listener ?? {
      gateway: refOf(gw), name: '', port, protocol: '', skipped: entered.skipped, routes: [], refusedRoutes: [],
    };
    return finish({
      outcome: entered.failure === 'connection' ? RequestOutcome.CONNECTION_FAILURE : RequestOutcome.NO_ROUTE,
      ...(entered.failure === 'no-route' ? { statusCode: 404 } : {}),
      summary: entered.summary,
      listener,
    }, clientTrace);
  }
  const listener = entered.listener;
  const query: Record<string, string> = {};
  const q = ctx.path.indexOf('?');
  if (q >= 0) for (const [k, v] of new URLSearchParams(ctx.path.slice(q + 1))) if (!(k in query)) query[k] = v;
  if (entered.routes.some((r) => r.kind === 'GRPCRoute')) notes.push('GRPCRoute method matches are simulated as the HTTP/2 path /service/method they match.');
  const gm = matchGammaRoutes(model, entered.routes, { path: ctx.path, method: ctx.method, headers: ctx.headers, query });
  if (!('route' in gm)) {
    return finish({
      outcome: RequestOutcome.NO_ROUTE,
      statusCode: 404,
      summary: `No route (404): ${gm.httpRoute.kind} ${gm.httpRoute.namespace}/${gm.httpRoute.name} is attached to listener ${listener.name} of Gateway ${gw.namespace}/${gw.name} for ${host} but none of its rules matches.`,
      listener,
      unmatched: { virtualService: refOf(gm.httpRoute), skipped: gm.skipped },
    }, clientTrace);
  }
  const trace = { ...gm.trace, boundTo: `${gw.namespace}/${gw.name}` };
  const refused = refusedBackends(model, gm.httpRoute, gm.trace.index);
  return routeTo(ctx, gm.route, gm.httpRoute, trace, 'http', host, port, (t, c) => finish({ ...t, listener }, c), clientTrace, refused);
}

type Finish = (t: Omit<RequestTrace, 'request' | 'notes' | 'mirrors' | 'destinations' | 'client'> & { destinations?: DestinationTrace[]; mirrors?: MirrorTrace[] }, clientTrace: ClientTrace) => RequestTrace;

/** The effects of the matched route (of a VirtualService, or of an HTTPRoute in the same shape) and its destinations. */
function routeTo(
  ctx: Context, route: Record<string, any>, vs: ObjectRecord, routeTrace: RouteTrace, kind: string, resolvedHost: string, port: number,
  finish: Finish, clientTrace: ClientTrace, refused: ReadonlyMap<string, string> = new Map(),
): RequestTrace {
  const { model, client, notes } = ctx;
  const matched = { trace: routeTrace };
  const effects = {
    route: matched.trace,
    ...(durationOf(route.timeout) ? { timeout: durationOf(route.timeout) } : {}),
    retries: kind === 'http' ? retriesOf(route) : undefined,
    ...(faultOf(route) ? { fault: faultOf(route) } : {}),
    mirrors: mirrorsOf(model, route, vs),
    ...(isPlainObject(route.rewrite) ? { rewrite: route.rewrite } : {}),
    ...(isPlainObject(route.headers) ? { headerOperations: route.headers } : {}),
  };
  const rule = vs.kind === 'VirtualService' ? 'route' : 'rule';
  const where = `${matched.trace.name ? `${rule} "${matched.trace.name}"` : `${rule} #${matched.trace.index}`} of ${vs.kind} ${vs.namespace}/${vs.name}`;

  if (isPlainObject(route.redirect)) {
    const code = typeof route.redirect.redirectCode === 'number' ? route.redirect.redirectCode : 301;
    return finish({ ...effects, outcome: RequestOutcome.REDIRECTED, statusCode: code, redirect: route.redirect, summary: `Redirected (${code}) by ${where}.` }, clientTrace);
  }
  if (isPlainObject(route.directResponse)) {
    const code = typeof route.directResponse.status === 'number' ? route.directResponse.status : 200;
    return finish({ ...effects, outcome: RequestOutcome.DIRECT_RESPONSE, statusCode: code, directResponse: route.directResponse, summary: `Direct response ${code} from ${where}.` }, clientTrace);
  }
  const fault = effects.fault;
  if (fault && fault.abortPercentage !== undefined && fault.abortPercentage >= 100) {
    const code = fault.abortHttpStatus ?? 200;
    return finish({
      ...effects,
      outcome: RequestOutcome.FAULT_ABORT,
      statusCode: fault.abortHttpStatus,
      summary: `Fault abort: ${where} aborts every request with ${fault.abortGrpcStatus ? `gRPC status ${fault.abortGrpcStatus}` : `HTTP ${code}`}${fault.delay && (fault.delayPercentage ?? 0) > 0 ? ` (after a ${fault.delay} delay on ${fault.delayPercentage}%)` : ''}.`,
    }, clientTrace);
  }
  if (fault && (fault.abortPercentage ?? 0) > 0) notes.push(`${where} aborts ${fault.abortPercentage}% of requests with ${fault.abortHttpStatus ?? fault.abortGrpcStatus}; the trace follows the requests that are not aborted.`);

  const weighted = arrayOf(route.route).filter((rd) => isPlainObject(rd) && isPlainObject(rd.destination));
  if (weighted.length === 0) {
    return finish({ ...effects, outcome: RequestOutcome.NO_ROUTE, statusCode: 404, summary: `No route (404): ${where} has no destination, redirect or direct response.` }, clientTrace);
  }
  // A lone destination takes all traffic; otherwise weights are shares of their sum.
  const weights = weighted.map((rd) => (weighted.length === 1 ? 100 : typeof rd.weight === 'number' ? rd.weight : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  const destinations = weighted.map((rd, i) => {
    const d = rd.destination;
    const h = model.fqdn(typeof d.host === 'string' ? d.host : '', vs.namespace);
    const dreg = registered(model, h, client.namespace);
    const dport = isPlainObject(d.port) && typeof d.port.number === 'number' ? d.port.number : h === resolvedHost ? port : onlyPort(dreg) ?? port;
    const share = total > 0 ? Math.round((weights[i] / total) * 10000) / 100 : 0;
    const refusal = refused.get(h);
    if (refusal !== undefined) {
      // Istio keeps the refused backend's weight and the gateway answers 500 for that share itself.
      return {
        host: h,
        port: dport,
        weight: weights[i],
        share,
        outcome: RequestOutcome.DIRECT_RESPONSE,
        why: refusal,
        policy: { levels: [], tls: { mode: 'DISABLE', auto: false, reason: 'the request is not sent: the gateway answers 500 itself' } },
      } as DestinationWithReason;
    }
    return destination(ctx, h, typeof d.subset === 'string' ? d.subset : undefined, dport, weights[i], share, dreg);
  });
  let main = destinations[0];
  for (const d of destinations) if (d.share > main.share) main = d;
  const split = destinations.length > 1 ? ` (${destinations.map((d) => `${d.host}${d.subset ? ` subset ${d.subset}` : ''}: ${d.share}%`).join(', ')})` : '';
  return finish({
    ...effects,
    outcome: main.outcome,
    ...statusOf(main),
    summary: `${describeOutcome(main)} Matched ${where}${split}.`,
    destinations,
    ...(main.server ? { tls: { client: main.policy.tls.mode, server: main.server.hasProxy ? main.server.mtlsMode : 'NONE' }, authorization: main.server.authorization } : { tls: { client: main.policy.tls.mode, server: 'NONE' } }),
  }, clientTrace);
}

interface DestinationWithReason extends DestinationTrace {
  readonly why?: string;
}

function statusOf(d: DestinationWithReason): { statusCode?: number } {
  if (d.outcome === RequestOutcome.DIRECT_RESPONSE) return { statusCode: 500 };
  if (d.outcome === RequestOutcome.DENIED) return { statusCode: d.server?.authentication.token === 'invalid' ? 401 : 403 };
  if (d.outcome === RequestOutcome.CONNECTION_FAILURE) return { statusCode: 503 };
  return {};
}

function describeOutcome(d: DestinationWithReason): string {
  const target = `${d.host}${d.subset ? ` subset ${d.subset}` : ''} port ${d.port}`;
  switch (d.outcome) {
    case RequestOutcome.ROUTED:
      return `Routed to ${target}.`;
    case RequestOutcome.DENIED:
      return `Denied at ${target}: ${d.why}.`;
    case RequestOutcome.DIRECT_RESPONSE:
      return `500 from the gateway instead of ${target}: ${d.why}.`;
    default:
      return `Connection failure to ${target}: ${d.why}.`;
  }
}

/** One destination: DestinationRule policy, client TLS, and the server side. */
function destination(
  ctx: Context, host: string, subset: string | undefined, port: number, weight: number, share: number, reg: Registered | undefined,
): DestinationWithReason {
  const { model, client } = ctx;
  const rules = client.hasProxy ? destinationRulesFor(model, host, reg?.namespace ?? clusterLocalParts(model, host)?.namespace, client) : [];
  const merged = mergedPolicy(rules, subset, port);
  const base = { host, ...(subset !== undefined ? { subset } : {}), port, weight, share };

  // The server: the Service's pods (narrowed to the subset's labels).
  const svc = model.serviceForHost(host);
  let server: ServerTrace | undefined;
  let serverPod: PodTemplateRecord | undefined;
  let serverHasProxy = false;
  if (svc) {
    const selector = isPlainObject(svc.spec) ? stringMap(svc.spec.selector) : {};
    const labels = subset !== undefined ? subsetLabels(rules, subset) ?? {} : {};
    const pods = Object.keys(selector).length > 0 ? model.podTemplatesMatching(svc.namespace, { ...selector, ...labels }) : [];
    serverPod = pods[0];
    if (pods.length > 1) ctx.notes.push(`${pods.length} workloads serve ${host}${subset ? ` subset ${subset}` : ''}; the server side is that of ${pods[0].owner.kind} ${pods[0].owner.name}.`);
    serverHasProxy = serverPod ? podHasProxy(model, serverPod, ctx.notes) : namespaceHasProxy(model, svc.namespace, ctx.notes);
    if (!serverPod) ctx.notes.push(`No workload of the input serves ${host}${subset ? ` subset ${subset}` : ''}; its pods are taken as ${serverHasProxy ? 'sidecar-injected' : 'without sidecar'}, labelled as the Service selects.`);
  }

  let serverSide: { targetPort: number; labels: Record<string, string>; mode: MtlsDecision } | undefined;
  if (svc) {
    const servicePort = servicePorts(svc).find((p) => p.port === port);
    const targetPort = servicePort ? resolveTargetPort(servicePort, serverPod) ?? port : port;
    const labels = serverPod?.labels ?? (isPlainObject(svc.spec) ? stringMap(svc.spec.selector) : {});
    serverSide = { targetPort, labels, mode: EffectiveMtls.of(model).modeAt(svc.namespace, labels, targetPort) };
  }
  const tls = clientTls(ctx, merged.policy, reg, serverSide?.mode, serverHasProxy);
  const policyTrace = {
    ...(rules[0] ? { destinationRule: refOf(rules[0]) } : {}),
    ...(merged.policy.loadBalancer !== undefined ? { loadBalancer: merged.policy.loadBalancer } : {}),
    ...(merged.policy.connectionPool !== undefined ? { connectionPool: merged.policy.connectionPool } : {}),
    ...(merged.policy.outlierDetection !== undefined ? { outlierDetection: merged.policy.outlierDetection } : {}),
    levels: merged.levels,
    tls: tls.trace,
  };
  if (!merged.subsetFound) {
    return {
      ...base,
      policy: policyTrace,
      outcome: RequestOutcome.CONNECTION_FAILURE,
      why: `no DestinationRule visible to the client defines subset ${subset} of ${host}, so Envoy has no cluster for it (503 NC)`,
    };
  }
  if (!svc || !serverSide) {
    if (!reg && client.hasProxy) {
      // The route names a host the proxy has no cluster for: Envoy answers 503 (NC). Only when the
      // input shows the host's namespace (or it is outside the cluster) is that certain.
      if (serviceExists(model, host) === 'missing') {
        return { ...base, policy: policyTrace, outcome: RequestOutcome.CONNECTION_FAILURE, why: `no Service or ServiceEntry of the input declares ${host}, so Envoy has no cluster for it (503)` };
      }
      ctx.notes.push(`${host} is not declared in the input (a Service deployed from other manifests?); the trace assumes it exists.`);
    }
    return { ...base, policy: policyTrace, outcome: RequestOutcome.ROUTED };
  }

  const { targetPort, labels, mode: mtlsDecision } = serverSide;
  const mtls = serverHasProxy && tls.trace.mode === 'ISTIO_MUTUAL' && mtlsDecision.mode !== 'DISABLE';
  const jwt = ctx.props.jwt;
  const authn = authenticate(
    serverHasProxy ? policiesFor(model, 'RequestAuthentication', svc.namespace, labels) : [],
    jwt ? { issuer: jwt.issuer, subject: jwt.subject, audiences: jwt.audiences ?? [], invalid: jwt.invalid === true } : undefined,
  );
  const request: ServerRequest = {
    method: ctx.method,
    path: ctx.path,
    host: ctx.authority,
    headers: ctx.headers,
    port: targetPort,
    ...(mtls && client.namespace ? {
      principal: `${model.trustDomain}/ns/${client.namespace}/sa/${client.serviceAccount ?? 'default'}`,
      sourceNamespace: client.namespace,
      serviceAccount: client.serviceAccount ?? 'default',
    } : {}),
    ...(authn.requestPrincipal ? { requestPrincipal: authn.requestPrincipal } : {}),
    audiences: authn.requestPrincipal ? jwt?.audiences ?? [] : [],
    claims: authn.requestPrincipal ? { iss: jwt!.issuer, sub: jwt!.subject, ...(jwt!.claims ?? {}) } : {},
  };
  const authz = serverHasProxy
    ? authorize(policiesFor(model, 'AuthorizationPolicy', svc.namespace, labels), request, ctx.notes)
    : { decision: 'ALLOW', reason: 'the server has no sidecar, so no AuthorizationPolicy is enforced', audited: [] };
  server = {
    ...(serverPod ? { workload: refOf(serverPod.owner) } : {}),
    hasProxy: serverHasProxy,
    port: targetPort,
    mtlsMode: serverHasProxy ? mtlsDecision.mode : 'NONE',
    mtlsLevel: serverHasProxy ? mtlsDecision.level : 'none',
    ...(serverHasProxy && mtlsDecision.policy ? { peerAuthentication: refOf(mtlsDecision.policy) } : {}),
    mtls,
    authentication: {
      policies: authn.policies,
      issuers: authn.issuers,
      token: authn.token,
      ...(authn.requestPrincipal ? { requestPrincipal: authn.requestPrincipal } : {}),
      reason: authn.reason,
    },
    authorization: authz,
  };
  const mismatch = tlsMismatch(tls.trace.mode, serverHasProxy, mtlsDecision.mode);
  if (mismatch) return { ...base, policy: policyTrace, server, outcome: RequestOutcome.CONNECTION_FAILURE, why: mismatch };
  if (authn.rejected) return { ...base, policy: policyTrace, server, outcome: RequestOutcome.DENIED, why: `401, ${authn.reason}` };
  if (authz.decision === 'DENY') return { ...base, policy: policyTrace, server, outcome: RequestOutcome.DENIED, why: `403, ${authz.reason}` };
  if (authz.decision === 'CUSTOM') ctx.notes.push(authz.reason);
  return { ...base, policy: policyTrace, server, outcome: RequestOutcome.ROUTED };
}

/** Why the client's TLS and the server's mode cannot meet, or undefined when they can. */
function tlsMismatch(client: string, serverHasProxy: boolean, serverMode: string): string | undefined {
  if (serverHasProxy && serverMode === 'STRICT' && client !== 'ISTIO_MUTUAL') {
    return `the server's PeerAuthentication is STRICT and the client sends ${client === 'DISABLE' ? 'plaintext' : `${client} TLS without an Istio certificate`}, so the server's sidecar resets the connection`;
  }
  if (client === 'ISTIO_MUTUAL' && !serverHasProxy) {
    return 'the client sends Istio mutual TLS (ISTIO_MUTUAL) to a server without sidecar, which cannot terminate it';
  }
  if (client === 'ISTIO_MUTUAL' && serverMode === 'DISABLE') {
    return 'the client sends Istio mutual TLS (ISTIO_MUTUAL) while the server\'s PeerAuthentication is DISABLE (plaintext only)';
  }
  return undefined;
}

/** The client's TLS to a destination: the DestinationRule's mode, else auto mTLS. */
function clientTls(
  ctx: Context, policy: Record<string, any>, reg: Registered | undefined, serverMode: MtlsDecision | undefined, serverHasProxy: boolean,
): { trace: ClientTlsTrace } {
  if (!ctx.client.hasProxy) return { trace: { mode: 'DISABLE', auto: false, reason: 'the client has no proxy and sends what the application sends (plaintext)' } };
  const written = isPlainObject(policy.tls) && typeof policy.tls.mode === 'string' ? policy.tls.mode : undefined;
  if (written) return { trace: { mode: written, auto: false, reason: 'set by the DestinationRule' } };
  const mc = meshConfigOf(ctx.model);
  if (mc && mc.config.enableAutoMtls === false) return { trace: { mode: 'DISABLE', auto: false, reason: `auto mTLS is off (${mc.label}) and no DestinationRule sets tls` } };
  if (!serverMode) {
    return { trace: { mode: 'DISABLE', auto: true, reason: reg ? `${reg.object.kind} ${reg.object.namespace}/${reg.object.name} is not a mesh workload, so auto mTLS sends plaintext` : 'the host is not a mesh Service, so auto mTLS sends plaintext' } };
  }
  if (!serverHasProxy) return { trace: { mode: 'DISABLE', auto: true, reason: 'auto mTLS: the server has no sidecar, so plaintext' } };
  if (serverMode.mode === 'DISABLE') return { trace: { mode: 'DISABLE', auto: true, reason: 'auto mTLS: the server\'s PeerAuthentication is DISABLE, so plaintext' } };
  return { trace: { mode: 'ISTIO_MUTUAL', auto: true, reason: 'auto mTLS: the server has a sidecar, so Istio mutual TLS' } };
}
