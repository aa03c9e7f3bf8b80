import { Severity } from '../../diagnostic';
import { MeshModel, TELEMETRY_GROUP } from '../../model';
import { GATEWAY_NAME_LABEL } from '../../resources/gateway-api';
import { workloadSelectorOf } from '../../resources/selectors';
import { hasTargetRef } from '../../resources/workloads';
import { Report, Rule } from '../../rule';

export const policyIneffectiveGatewaySelector: Rule = {
  id: 'policy-ineffective-gateway-selector',
  kinds: ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'],
  severity: Severity.WARNING,
  istioCode: 'IST0166',
  summary: 'An AuthorizationPolicy, RequestAuthentication, Telemetry or WasmPlugin selects Kubernetes Gateway pods by labels, which has no effect; use targetRefs.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message IneffectiveSelector (IST0166)',
  docs: 'istioctl\'s IneffectiveSelector (IST0166): a policy selects the pods of a Kubernetes Gateway API\n' +
    'gateway by labels; such policies must attach with targetRefs instead. Besides pods carrying the\n' +
    'gateway label, a selector on that label itself is reported (the gateway\'s Deployment is made by\n' +
    'Istio and is rarely in the manifests).',
  fields: 'spec.selector',
  fix: 'Attach the policy with targetRefs to the Gateway API Gateway.',
  check(model: MeshModel, report: Report): void {
    const policies = [
      ...model.authorizationPolicies(),
      ...model.requestAuthentications(),
      ...model.ofKind(TELEMETRY_GROUP, 'Telemetry'),
      ...model.ofKind('extensions.istio.io', 'WasmPlugin'),
    ];
    for (const policy of policies) {
      const selector = workloadSelectorOf(policy);
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
