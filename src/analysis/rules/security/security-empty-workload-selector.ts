import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { securityPolicies } from '../../resources/security-policies';
import { Report, Rule } from '../../rule';

export const securityEmptyWorkloadSelector: Rule = {
  id: 'security-empty-workload-selector',
  kinds: ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A PeerAuthentication, AuthorizationPolicy or RequestAuthentication has a `selector` without labels, so it applies to the whole namespace.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidatePeerAuthentication, validateWorkloadSelector',
  docs: 'Istio\'s webhook warns about a `selector` without labels: it selects nothing in particular,\n' +
    'so the policy behaves as namespace-wide (mesh-wide in the root namespace).',
  fields: 'spec.selector',
  fix: 'Add matchLabels, or remove the selector to make the policy namespace-wide on purpose.',
  check(model: MeshModel, report: Report): void {
    for (const policy of securityPolicies(model)) {
      if (!isPlainObject(policy.spec) || !isPlainObject(policy.spec.selector)) continue;
      const labels = policy.spec.selector.matchLabels;
      if (isPlainObject(labels) && Object.keys(labels).length > 0) continue;
      const scope = policy.namespace === model.rootNamespace ? 'every workload of the mesh' : `every workload of namespace ${policy.namespace}`;
      report({
        object: policy,
        path: ['spec', 'selector'],
        message:
          `The selector has no matchLabels ("workload selector specified without labels"), so the ${policy.kind} ` +
          `applies to ${scope}, not to one workload.`,
        fix: 'Add the labels of the workload it is meant for under selector.matchLabels, or remove `selector` to make the namespace-wide scope explicit.',
      });
    }
  },
};
