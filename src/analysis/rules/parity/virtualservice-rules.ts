import { expandedServiceHost, hostPorts, serviceExists } from './hosts';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord, stringMap } from '../../manifest';
import { labelsMatch, MeshModel, NETWORKING_GROUP, PodTemplateRecord } from '../../model';
import { Report, Rule } from '../../rule';
import { isJwtClaimHeader } from '../../validators/http';
import { resolveGatewayRef } from '../cross/virtualservice-gateway-not-found';
import { describeWorkload, hasTargetRef, listSome, selectorOf } from '../security/common';
import { arrayOf, DestinationRef, destinationsOf, describeRoute, gatewaysOf, hostsOf, MESH_GATEWAY, qualifiedName, routeList } from '../virtualservice-routes';

function destinationHost(ref: DestinationRef): string | undefined {
  const h = ref.destination.host;
  return typeof h === 'string' && h !== '' && !h.includes('*') ? h : undefined;
}

function roleName(ref: DestinationRef): string {
  return ref.role === 'route' ? 'destination' : 'mirror';
}

function destinationPort(ref: DestinationRef): number | undefined {
  const p = ref.destination.port;
  return isPlainObject(p) && typeof p.number === 'number' ? p.number : undefined;
}

/**
 * istioctl's DestinationHostAnalyzer, ReferencedResourceNotFound part (IST0101): a route or
 * mirror destination host that no Service or ServiceEntry declares.
 */
export const virtualServiceDestinationHostNotFound: Rule = {
  id: 'virtualservice-destination-host-not-found',
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  summary: 'A VirtualService routes or mirrors to a host that no Service or ServiceEntry of the app declares, so Envoy has no cluster to send it to (a warning for hosts outside the cluster).',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const ref of destinationsOf(vs)) {
        const host = destinationHost(ref);
        if (!host) continue;
        const fqdn = model.fqdn(host, vs.namespace);
        if (serviceExists(model, fqdn) !== 'missing') continue;
        const meant = expandedServiceHost(model, host);
        const local = fqdn.endsWith(`.svc.${model.clusterDomain}`) || meant !== undefined;
        report({
          object: vs,
          // istioctl says error; a ServiceEntry for an external host may live outside the analysed manifests.
          ...(local ? {} : { severity: Severity.WARNING }),
          path: [...ref.path, 'host'],
          message:
            `${describeRoute(routeList(vs, ref.kind)[ref.routeIndex], ref.routeIndex)} (${ref.kind}) ${roleName(ref)} host "${host}"` +
            `${fqdn !== host ? ` (${fqdn})` : ''} is not declared by any Service or ServiceEntry of the analysed manifests.` +
            `${meant ? ' Istio does not expand "name.namespace" hosts.' : ''}` +
            `${local ? '' : ' (istioctl reports this as an error; it is a warning here since the ServiceEntry may be defined outside these manifests.)'}`,
          fix: meant
            ? `Write "${meant}".`
            : local
              ? 'Use the name of an existing Service (name.namespace.svc.cluster.local), or create the Service.'
              : 'Declare the external host with a ServiceEntry, or fix the host name.',
        });
      }
    }
  },
};

/**
 * istioctl's VirtualServiceDestinationPortSelectorRequired (IST0112): a destination without
 * `port` to a Service or ServiceEntry that has several ports.
 */
export const virtualServiceDestinationPortRequired: Rule = {
  id: 'virtualservice-destination-port-required',
  severity: Severity.ERROR,
  istioCode: 'IST0112',
  summary: 'A VirtualService destination has no port, but its Service or ServiceEntry exposes several ports, so the port must be chosen.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const ref of destinationsOf(vs)) {
        const host = destinationHost(ref);
        if (!host || destinationPort(ref) !== undefined) continue;
        const found = hostPorts(model, model.fqdn(host, vs.namespace));
        if (!found || found.ports.length < 2) continue;
        report({
          object: vs,
          path: ref.path,
          message:
            `${describeRoute(routeList(vs, ref.kind)[ref.routeIndex], ref.routeIndex)} (${ref.kind}) ${roleName(ref)} "${host}" names no port, ` +
            `but ${found.owner.kind} ${qualifiedName(found.owner)} exposes ports ${found.ports.join(', ')}.`,
          fix: `Add port: { number: <one of ${found.ports.join(', ')}> } to the destination.`,
        });
      }
    }
  },
};

/** istioctl's DestinationHostAnalyzer, `host:port` part (IST0101): the port is not one of the host's. */
export const virtualServiceDestinationPortNotFound: Rule = {
  id: 'virtualservice-destination-port-not-found',
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  summary: 'A VirtualService destination port is not a port of its Service or ServiceEntry.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const ref of destinationsOf(vs)) {
        const host = destinationHost(ref);
        const port = destinationPort(ref);
        if (!host || port === undefined) continue;
        const found = hostPorts(model, model.fqdn(host, vs.namespace));
        if (!found || found.ports.length === 0 || found.ports.includes(port)) continue;
        report({
          object: vs,
          path: [...ref.path, 'port', 'number'],
          message:
            `${describeRoute(routeList(vs, ref.kind)[ref.routeIndex], ref.routeIndex)} (${ref.kind}) ${roleName(ref)} "${host}" uses port ${port}, ` +
            `which ${found.owner.kind} ${qualifiedName(found.owner)} does not expose (its ports: ${found.ports.join(', ')}).`,
          fix: `Use one of the ports ${found.ports.join(', ')} (the Service port, not the container port).`,
        });
      }
    }
  },
};

/** Hosts of a VirtualService, qualified against its namespace. */
function qualifiedHosts(model: MeshModel, vs: ObjectRecord): Set<string> {
  return new Set(hostsOf(vs).map((h) => model.fqdn(h.host, vs.namespace)));
}

/** `ns/name` of every gateway a VirtualService is bound to (without `mesh`). */
function boundGateways(vs: ObjectRecord): Set<string> {
  const out = new Set<string>();
  for (const g of gatewaysOf(vs)) {
    if (g === MESH_GATEWAY) continue;
    const ref = resolveGatewayRef(g, vs.namespace);
    out.add(`${ref.namespace}/${ref.name}`);
  }
  return out;
}

/**
 * istioctl's IngressRouteRulesNotAffected (IST0140): a gateway VirtualService sends traffic to a
 * host without subset, while another VirtualService splits that host by subsets for the mesh.
 * Gateway proxies only apply the VirtualServices bound to their gateway, so the subset routing
 * never applies to ingress traffic. Unlike istioctl, a subset VirtualService that is itself bound
 * to the gateway is not reported (its routes do apply there).
 */
export const virtualServiceGatewayIgnoresSubsetRouting: Rule = {
  id: 'virtualservice-gateway-ignores-subset-routing',
  severity: Severity.WARNING,
  istioCode: 'IST0140',
  summary: 'A gateway VirtualService routes to a host without subset while a mesh VirtualService splits that host by subset; the split does not apply to ingress traffic.',
  check(model: MeshModel, report: Report): void {
    // Host → VirtualServices that route that host (one of their own hosts) to subsets.
    const subsetRouting = new Map<string, ObjectRecord[]>();
    for (const vs of model.virtualServices()) {
      const own = qualifiedHosts(model, vs);
      const seen = new Set<string>();
      for (const ref of destinationsOf(vs)) {
        if (ref.kind !== 'http' || ref.role !== 'route') continue;
        const host = destinationHost(ref);
        const subset = ref.destination.subset;
        if (!host || typeof subset !== 'string' || subset === '') continue;
        const fqdn = model.fqdn(host, vs.namespace);
        if (!own.has(fqdn) || seen.has(fqdn)) continue;
        seen.add(fqdn);
        const list = subsetRouting.get(fqdn) ?? [];
        list.push(vs);
        subsetRouting.set(fqdn, list);
      }
    }
    if (subsetRouting.size === 0) return;
    for (const vs of model.virtualServices()) {
      const gateways = boundGateways(vs);
      if (gateways.size === 0) continue;
      for (const ref of destinationsOf(vs)) {
        if (ref.kind !== 'http' || ref.role !== 'route') continue;
        const host = destinationHost(ref);
        if (!host || (typeof ref.destination.subset === 'string' && ref.destination.subset !== '')) continue;
        const fqdn = model.fqdn(host, vs.namespace);
        const others = (subsetRouting.get(fqdn) ?? []).filter((o) => ![...boundGateways(o)].some((g) => gateways.has(g)));
        if (others.length === 0) continue;
        report({
          object: vs,
          path: ref.path,
          message:
            `${describeRoute(routeList(vs, 'http')[ref.routeIndex], ref.routeIndex)} sends gateway traffic (${[...gateways].join(', ')}) to "${host}" ` +
            `without a subset, while VirtualService ${others.map(qualifiedName).join(', ')} routes that host by subsets for the mesh only. ` +
            'A gateway applies only the VirtualServices bound to it, so requests from the gateway reach every version of the service.',
          fix: 'Route to the subsets in this gateway VirtualService too, or bind the subset VirtualService to the gateway as well (gateways: [<gateway>, mesh]).',
        });
      }
    }
  },
};

/** The first `@request.auth.claims…` key a VirtualService's http matches use, with its path. */
function jwtClaimKey(vs: ObjectRecord): { key: string; path: Array<string | number> } | undefined {
  const routes = routeList(vs, 'http');
  for (let i = 0; i < routes.length; i++) {
    const matches = isPlainObject(routes[i]) ? arrayOf(routes[i].match) : [];
    for (let j = 0; j < matches.length; j++) {
      const m = matches[j];
      if (!isPlainObject(m)) continue;
      for (const field of ['headers', 'withoutHeaders']) {
        const headers = isPlainObject(m[field]) ? Object.keys(m[field]) : [];
        const key = headers.find(isJwtClaimHeader);
        if (key) return { key, path: ['spec', 'http', i, 'match', j, field, key] };
      }
    }
  }
  return undefined;
}

/**
 * istioctl's JwtClaimBasedRoutingWithoutRequestAuthN (IST0149): a gateway VirtualService routes
 * on a JWT claim, but no RequestAuthentication (in the gateway pods' namespace or the root
 * namespace) selects the gateway's pods, so no claim is ever available to match.
 */
export const virtualServiceJwtClaimRouteWithoutAuthn: Rule = {
  id: 'virtualservice-jwt-claim-route-without-authn',
  severity: Severity.ERROR,
  istioCode: 'IST0149',
  summary: 'A VirtualService routes on a JWT claim at a gateway whose pods no RequestAuthentication selects, so the claim never matches.',
  check(model: MeshModel, report: Report): void {
    const claimRoutes = model.virtualServices().map((vs) => ({ vs, claim: jwtClaimKey(vs) })).filter((x) => x.claim);
    if (claimRoutes.length === 0) return;
    const byNamespace = new Map<string, Array<Record<string, string>>>();
    for (const ra of model.requestAuthentications()) {
      if (hasTargetRef(ra)) continue;
      const list = byNamespace.get(ra.namespace) ?? [];
      list.push(selectorOf(ra));
      byNamespace.set(ra.namespace, list);
    }
    const covered = (pod: PodTemplateRecord) =>
      [...(byNamespace.get(model.rootNamespace) ?? []), ...(pod.namespace === model.rootNamespace ? [] : byNamespace.get(pod.namespace) ?? [])]
        .some((selector) => labelsMatch(selector, pod.labels));
    for (const { vs, claim } of claimRoutes) {
      for (const g of gatewaysOf(vs)) {
        if (g === MESH_GATEWAY) continue;
        const ref = resolveGatewayRef(g, vs.namespace);
        const gw = model.find(NETWORKING_GROUP, 'Gateway', ref.namespace, ref.name);
        if (!gw) continue;
        const selector = isPlainObject(gw.spec) ? stringMap(gw.spec.selector) : {};
        const pods = model.podTemplatesMatchingAnywhere(selector);
        const uncovered = pods.filter((p) => !covered(p));
        if (uncovered.length === 0) continue;
        report({
          object: vs,
          path: claim!.path,
          message:
            `This VirtualService routes on the JWT claim key "${claim!.key}" at gateway ${ref.namespace}/${ref.name}, but no RequestAuthentication ` +
            `selects the gateway's pods (${listSome(uncovered.map(describeWorkload))}), so the JWT is never validated and the claim never matches.`,
          fix: `Add a RequestAuthentication in ${uncovered[0].namespace} (or ${model.rootNamespace}) whose selector matches the gateway pods ` +
            `(${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ') || 'any labels'}).`,
        });
      }
    }
  },
};

/** The marker Istio puts in the names of the Gateways it generates for Gateway API gateways. */
const INTERNAL_GATEWAY_MARKERS = ['~istio-autogenerated-k8s-gateway~', '-istio-autogenerated-k8s-gateway-'];

/**
 * istioctl's ReferencedInternalGateway (IST0165): a VirtualService binds to a Gateway that Istio
 * generates internally for a Kubernetes Gateway API gateway; that name is an implementation detail.
 */
export const virtualServiceInternalGatewayReference: Rule = {
  id: 'virtualservice-internal-gateway-reference',
  severity: Severity.WARNING,
  istioCode: 'IST0165',
  summary: 'A VirtualService binds to a Gateway that Istio generates internally for a Gateway API gateway, whose name may change.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      gatewaysOf(vs).forEach((g, i) => {
        const name = g.includes('/') ? g.slice(g.indexOf('/') + 1) : g;
        if (!INTERNAL_GATEWAY_MARKERS.some((m) => name.includes(m))) return;
        report({
          object: vs,
          path: ['spec', 'gateways', i],
          message: `Gateway "${g}" is one Istio generates internally for a Kubernetes Gateway API gateway; its name is an implementation detail and may change.`,
          fix: 'Route with an HTTPRoute attached to the Gateway API gateway instead, or bind to an Istio Gateway you define.',
        });
      });
    }
  },
};

export const VIRTUAL_SERVICE_PARITY_RULES: readonly Rule[] = [
  virtualServiceDestinationHostNotFound,
  virtualServiceDestinationPortRequired,
  virtualServiceDestinationPortNotFound,
  virtualServiceGatewayIgnoresSubsetRouting,
  virtualServiceJwtClaimRouteWithoutAuthn,
  virtualServiceInternalGatewayReference,
];
