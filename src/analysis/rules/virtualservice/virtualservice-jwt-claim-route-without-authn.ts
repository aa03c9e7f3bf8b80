import { Severity } from '../../diagnostic';
import { jwtClaimKey } from '../../facts/virtualservice-destinations';
import { isPlainObject, stringMap } from '../../manifest';
import { labelsMatch, MeshModel, NETWORKING_GROUP, PodTemplateRecord } from '../../model';
import { resolveGatewayRef } from '../../resources/gateway-refs';
import { workloadSelectorOf } from '../../resources/selectors';
import { gatewaysOf, MESH_GATEWAY } from '../../resources/virtualservice';
import { hasTargetRef } from '../../resources/workloads';
import { Report, Rule } from '../../rule';
import { describeWorkload, listSome } from '../../text';

export const virtualServiceJwtClaimRouteWithoutAuthn: Rule = {
  id: 'virtualservice-jwt-claim-route-without-authn',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0149',
  summary: 'A VirtualService routes on a JWT claim at a gateway whose pods no RequestAuthentication selects, so the claim never matches.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message JwtClaimBasedRoutingWithoutRequestAuthN (IST0149)',
  docs: 'istioctl\'s JwtClaimBasedRoutingWithoutRequestAuthN (IST0149): a gateway VirtualService routes\n' +
    'on a JWT claim, but no RequestAuthentication (in the gateway pods\' namespace or the root\n' +
    'namespace) selects the gateway\'s pods, so no claim is ever available to match.',
  fields: 'match[].headers @request.auth.claims.*',
  fix: 'Add a RequestAuthentication selecting the gateway pods (their namespace or the root namespace).',
  check(model: MeshModel, report: Report): void {
    const claimRoutes = model.virtualServices().map((vs) => ({ vs, claim: jwtClaimKey(vs) })).filter((x) => x.claim);
    if (claimRoutes.length === 0) return;
    const byNamespace = new Map<string, Array<Record<string, string>>>();
    for (const ra of model.requestAuthentications()) {
      if (hasTargetRef(ra)) continue;
      const list = byNamespace.get(ra.namespace) ?? [];
      list.push(workloadSelectorOf(ra));
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
