import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { ALLOWED_TARGETS } from '../../resources/security-policies';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const securityInvalidTargetRef: Rule = {
  id: 'security-invalid-target-ref',
  kinds: ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy or RequestAuthentication mixes selector and targetRef(s), or targets a kind or namespace Istio does not support.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s target-reference checks for AuthorizationPolicy and RequestAuthentication: only one of\n' +
    '`selector`, `targetRef` and `targetRefs`; no cross-namespace `namespace`; and the target must\n' +
    'be a Service, ServiceEntry, Gateway API Gateway or GatewayClass.',
  fields: 'spec.selector, spec.targetRef(s)',
  fix: 'Use either a selector or targetRefs to a Service, ServiceEntry or Gateway of the same namespace.',
  check(model: MeshModel, report: Report): void {
    for (const policy of [...model.authorizationPolicies(), ...model.requestAuthentications()]) {
      const spec = policy.spec;
      if (!isPlainObject(spec)) continue;
      const set = ['selector', 'targetRef', 'targetRefs'].filter((f) => (f === 'targetRefs' ? arrayOf(spec[f]).length > 0 : spec[f] !== undefined && spec[f] !== null));
      if (set.length > 1) {
        report({
          object: policy,
          path: ['spec', set[1]],
          message: `The ${policy.kind} sets ${set.join(' and ')}, but Istio accepts only one of targetRefs or workload selector.`,
          fix: 'Keep `selector` to bind to pods by label, or `targetRefs` to bind to a Service or gateway; remove the other.',
        });
      }
      const refs: Array<{ ref: unknown; path: Array<string | number> }> = [];
      if (spec.targetRef !== undefined) refs.push({ ref: spec.targetRef, path: ['spec', 'targetRef'] });
      arrayOf(spec.targetRefs).forEach((ref, i) => refs.push({ ref, path: ['spec', 'targetRefs', i] }));
      for (const { ref, path } of refs) {
        if (!isPlainObject(ref)) continue;
        if (typeof ref.namespace === 'string' && ref.namespace !== '') {
          report({
            object: policy,
            path: [...path, 'namespace'],
            message: `targetRef names namespace "${ref.namespace}", but cross-namespace references are not supported: the target must be in ${policy.namespace}.`,
            fix: `Remove targetRef.namespace and create the ${policy.kind} in the target's namespace.`,
          });
        }
        if (typeof ref.kind !== 'string') continue;
        const group = typeof ref.group === 'string' ? ref.group : '';
        const canonical = group === 'core' ? '' : group;
        if (ALLOWED_TARGETS.some((t) => t.kind === ref.kind && t.group === canonical)) continue;
        const sameKind = ALLOWED_TARGETS.find((t) => t.kind === ref.kind);
        report({
          object: policy,
          path: [...path, 'kind'],
          message:
            `targetRef points at ${group === '' ? '' : `${group}/`}${ref.kind}, but a policy can only target a Service, a ServiceEntry ` +
            '(networking.istio.io), or a Gateway or GatewayClass (gateway.networking.k8s.io).',
          fix: sameKind
            ? `Set group to "${sameKind.group}" for kind ${sameKind.kind}.`
            : 'Target the Service in front of the workload, or bind to the pods with `selector.matchLabels` instead.',
        });
      }
    }
  },
};
