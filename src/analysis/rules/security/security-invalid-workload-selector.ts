import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { securityPolicies } from '../../resources/security-policies';
import { Report, Rule } from '../../rule';

export const securityInvalidWorkloadSelector: Rule = {
  id: 'security-invalid-workload-selector',
  kinds: ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A PeerAuthentication, AuthorizationPolicy or RequestAuthentication selector has an empty label key or a `*` in a label (Istio rejects it).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidatePeerAuthentication, validateWorkloadSelector',
  docs: 'Istio\'s `validateWorkloadSelector`: a selector label with an empty key, or a `*` in a key or\n' +
    'value, is rejected (selectors match labels exactly; there is no wildcard).',
  fields: 'spec.selector.matchLabels',
  fix: 'Write exact label keys and values (no "*", no empty key).',
  check(model: MeshModel, report: Report): void {
    for (const policy of securityPolicies(model)) {
      if (!isPlainObject(policy.spec) || !isPlainObject(policy.spec.selector)) continue;
      const labels = policy.spec.selector.matchLabels;
      if (!isPlainObject(labels)) continue;
      for (const [key, value] of Object.entries(labels)) {
        const path = ['spec', 'selector', 'matchLabels', key];
        if (key === '') {
          report({
            object: policy,
            path,
            message: `The selector has a label with an empty key (value ${JSON.stringify(value)}); Istio rejects the ${policy.kind}.`,
            fix: 'Give the label its key, e.g. `app: <name>`, or remove it.',
          });
        } else if (key.includes('*') || (typeof value === 'string' && value.includes('*'))) {
          report({
            object: policy,
            path,
            message:
              `Selector label "${key}=${String(value)}" contains "*", but workload selectors match labels exactly ` +
              'and Istio rejects wildcards in them ("wildcard is not supported in selector").',
            fix: 'Select on the exact label the pods carry (e.g. `app: reviews`), or drop the selector to apply the policy to the whole namespace.',
          });
        }
      }
    }
  },
};
