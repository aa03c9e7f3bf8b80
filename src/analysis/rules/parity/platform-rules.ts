import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel, NETWORKING_GROUP, TELEMETRY_GROUP } from '../../model';
import { Report, Rule } from '../../rule';
import { hasTargetRef, selectorOf } from '../security/common';
import { arrayOf } from '../virtualservice-routes';

/** istioctl's deprecation analyzer (IST0002) for VirtualServices: fault.delay.percent. */
export const virtualServiceDeprecatedFaultPercent: Rule = {
  id: 'virtualservice-deprecated-fault-percent',
  severity: Severity.WARNING,
  istioCode: 'IST0002',
  summary: 'A VirtualService fault delay uses the deprecated integer percent field instead of percentage.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      const routes = isPlainObject(vs.spec) ? arrayOf(vs.spec.http) : [];
      routes.forEach((r, i) => {
        const delay = isPlainObject(r) && isPlainObject(r.fault) && isPlainObject(r.fault.delay) ? r.fault.delay : undefined;
        if (!delay || typeof delay.percent !== 'number' || delay.percent <= 0) return;
        report({
          object: vs,
          path: ['spec', 'http', i, 'fault', 'delay', 'percent'],
          message: `http[${i}].fault.delay.percent is deprecated.`,
          fix: `Write percentage: { value: ${delay.percent} } instead.`,
        });
      });
    }
  },
};

/** istioctl's deprecation analyzer (IST0002) for Sidecars: outboundTrafficPolicy.egressProxy is ignored. */
export const sidecarIgnoredEgressProxy: Rule = {
  id: 'sidecar-ignored-egress-proxy',
  severity: Severity.WARNING,
  istioCode: 'IST0002',
  summary: 'A Sidecar sets outboundTrafficPolicy.egressProxy, which Istio no longer uses.',
  check(model: MeshModel, report: Report): void {
    for (const sc of model.ofKind(NETWORKING_GROUP, 'Sidecar')) {
      const policy = isPlainObject(sc.spec) ? sc.spec.outboundTrafficPolicy : undefined;
      if (!isPlainObject(policy) || !isPlainObject(policy.egressProxy)) continue;
      report({
        object: sc,
        path: ['spec', 'outboundTrafficPolicy', 'egressProxy'],
        message: 'outboundTrafficPolicy.egressProxy is deprecated and ignored by Istio.',
        fix: 'Route external traffic through an egress gateway (Gateway + VirtualService), and remove egressProxy.',
      });
    }
  },
};

/** Label Istio puts on the pods it deploys for a Kubernetes Gateway API Gateway. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/**
 * istioctl's IneffectiveSelector (IST0166): a policy selects the pods of a Kubernetes Gateway API
 * gateway by labels; such policies must attach with targetRefs instead. Besides pods carrying the
 * gateway label, a selector on that label itself is reported (the gateway's Deployment is made by
 * Istio and is rarely in the manifests).
 */
export const policyIneffectiveGatewaySelector: Rule = {
  id: 'policy-ineffective-gateway-selector',
  severity: Severity.WARNING,
  istioCode: 'IST0166',
  summary: 'An AuthorizationPolicy, RequestAuthentication, Telemetry or WasmPlugin selects Kubernetes Gateway pods by labels, which has no effect; use targetRefs.',
  check(model: MeshModel, report: Report): void {
    const policies = [
      ...model.authorizationPolicies(),
      ...model.requestAuthentications(),
      ...model.ofKind(TELEMETRY_GROUP, 'Telemetry'),
      ...model.ofKind('extensions.istio.io', 'WasmPlugin'),
    ];
    for (const policy of policies) {
      const selector = selectorOf(policy);
      if (Object.keys(selector).length === 0 || hasTargetRef(policy)) continue;
      let gateway: string | undefined = selector[GATEWAY_NAME_LABEL];
      if (gateway === undefined) {
        const pod = model.podTemplatesMatching(policy.namespace, selector).find((p) => p.labels[GATEWAY_NAME_LABEL] !== undefined);
        gateway = pod?.labels[GATEWAY_NAME_LABEL];
      }
      if (gateway === undefined) continue;
      report({
        object: policy,
        path: ['spec', 'selector'],
        message:
          `This ${policy.kind} selects the pods of the Kubernetes Gateway "${gateway}" by labels; Istio ignores selectors for Gateway API gateways.`,
        fix: `Replace the selector with targetRefs: [{ kind: Gateway, group: gateway.networking.k8s.io, name: ${gateway} }].`,
      });
    }
  },
};

export const PLATFORM_PARITY_RULES: readonly Rule[] = [
  virtualServiceDeprecatedFaultPercent,
  sidecarIgnoredEgressProxy,
  policyIneffectiveGatewaySelector,
];
