import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { actionOf, rulesOf } from '../../resources/authorization';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { CUSTOM_UNSUPPORTED_SOURCE, isWritten, nonEmptyList } from '../../validation/authorizationpolicy';

export const authorizationPolicyInvalidAction: Rule = {
  id: 'authorizationpolicy-invalid-action',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy action does not fit its rules or provider (DENY/CUSTOM without rules, CUSTOM without provider or on identities, provider without CUSTOM).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s action checks of `ValidateAuthorizationPolicy`: DENY and CUSTOM need `rules` (use\n' +
    '`rules: [{}]` to match every request), CUSTOM needs `provider.name` and cannot match on peer\n' +
    'or request identity, and `provider` is only for CUSTOM.',
  fields: 'spec.action, spec.provider, spec.rules',
  fix: 'Give DENY/CUSTOM rules, CUSTOM a provider and no identity fields, and a provider only to CUSTOM.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (!isPlainObject(ap.spec)) continue;
      const action = actionOf(ap);
      const rules = ap.spec.rules;
      const hasRules = nonEmptyList(rules);
      if ((action === 'DENY' || action === 'CUSTOM') && !hasRules) {
        report({
          object: ap,
          path: isWritten(rules) ? ['spec', 'rules'] : ['spec', 'action'],
          message:
            `A ${action} policy without rules is never triggered (Istio rejects it: "${action} action without \`rules\` is meaningless").`,
          fix: `Add the requests to ${action === 'DENY' ? 'deny' : 'send to the provider'} under rules, or \`rules: [{}]\` to match every request.`,
        });
      }
      const providerName = isPlainObject(ap.spec.provider) && typeof ap.spec.provider.name === 'string' ? ap.spec.provider.name : '';
      if (action === 'CUSTOM' && hasRules && providerName === '') {
        report({
          object: ap,
          path: isPlainObject(ap.spec.provider) ? ['spec', 'provider', 'name'] : ['spec', 'action'],
          message: 'A CUSTOM policy needs `provider.name`, the extension provider (declared in the mesh config) that decides the requests.',
          fix: 'Set provider.name to an extensionProviders entry of the mesh config, e.g. `provider: { name: my-ext-authz }`.',
        });
      }
      if (isWritten(ap.spec.provider) && action !== 'CUSTOM') {
        report({
          object: ap,
          path: ['spec', 'provider'],
          message: `\`provider\` is set on a ${action} policy; Istio only accepts it with action CUSTOM.`,
          fix: 'Set `action: CUSTOM` to delegate the decision to the provider, or remove `provider`.',
        });
      }
      if (action !== 'CUSTOM') continue;
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        arrayOf(rule.from).forEach((from, j) => {
          if (!isPlainObject(from) || !isPlainObject(from.source)) return;
          for (const field of CUSTOM_UNSUPPORTED_SOURCE) {
            if (!nonEmptyList(from.source[field])) continue;
            report({
              object: ap,
              path: ['spec', 'rules', i, 'from', j, 'source', field],
              message: `A CUSTOM policy cannot match on from.source.${field} (Istio: "is currently not supported with CUSTOM action").`,
              fix: 'Match on ipBlocks, paths, methods or headers here and let the provider check identities, or move the identity check to an ALLOW/DENY policy.',
            });
          }
        });
        arrayOf(rule.when).forEach((cond, j) => {
          if (!isPlainObject(cond) || typeof cond.key !== 'string') return;
          const key = cond.key;
          if (key === 'source.namespace' || key === 'source.serviceAccount' || key === 'source.principal' || key.startsWith('request.auth.')) {
            report({
              object: ap,
              path: ['spec', 'rules', i, 'when', j, 'key'],
              message: `A CUSTOM policy cannot use the condition "${key}" (Istio: "is currently not supported with CUSTOM action").`,
              fix: 'Check that attribute in the external authorizer, or in a separate ALLOW/DENY policy.',
            });
          }
        });
      });
    }
  },
};
