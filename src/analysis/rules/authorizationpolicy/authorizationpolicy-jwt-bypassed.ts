import { Severity } from '../../diagnostic';
import { describeScope } from '../../facts/authorizationpolicy-scope';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { actionOf, rulesOf } from '../../resources/authorization';
import { workloadSelectorOf } from '../../resources/selectors';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const authorizationPolicyJwtBypassed: Rule = {
  id: 'authorizationpolicy-jwt-bypassed',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  summary: 'An ALLOW AuthorizationPolicy that requires a JWT shares its workloads with another ALLOW policy that allows requests without a token.',
  origin: 'envoy',
  docs: 'A policy whose every rule requires `requestPrincipals` reads as "a token is required here".\n' +
    'But Istio allows a request as soon as any ALLOW policy of the workload matches it: another ALLOW\n' +
    'policy on the same pods (the same or a wider selector, in the namespace or the root namespace)\n' +
    'with a rule that asks for no request principal lets its requests through without a token,\n' +
    'including on the paths the first policy was meant to protect. Reported as a warning: the second\n' +
    'policy may be meant to admit other callers (e.g. service-to-service calls on other paths), but\n' +
    'nothing in the objects says so. `RequestAuthentication.requireJwt()` writes such ALLOW policies.',
  fields: 'spec.rules[].from[].source.requestPrincipals',
  fix: 'To require a token whatever the ALLOW policies allow, write a DENY policy with ' +
    '`notRequestPrincipals: ["*"]` for the protected paths; or add the token requirement to the other policy\'s rules.',
  check(model: MeshModel, report: Report): void {
    const allows = model.authorizationPolicies().filter((ap) => actionOf(ap) === 'ALLOW' && !hasTargetRefs(ap));
    for (const ap of allows) {
      if (!requiresToken(ap)) continue;
      const labels = workloadSelectorOf(ap);
      const bypass = allows.find((other) => other !== ap
        && (other.namespace === ap.namespace || other.namespace === model.rootNamespace)
        && Object.entries(workloadSelectorOf(other)).every(([k, v]) => labels[k] === v)
        && rulesOf(other).some((rule) => !ruleRequiresToken(rule)));
      if (!bypass) continue;
      const other = `${bypass.namespace}/${bypass.name}`;
      report({
        object: ap,
        path: ['spec', 'rules'],
        message:
          `This ALLOW policy requires a JWT on ${describeScope(model, ap)}, but the ALLOW policy ${other} applies to them too ` +
          'and has a rule that asks for no token; Istio allows a request any ALLOW policy matches, so what that rule allows ' +
          'goes through without a token, on the paths this policy protects as well.',
        fix:
          'If the paths here must always carry a token, deny tokenless requests to them with a DENY policy (notRequestPrincipals: ["*"], ' +
          'with the library: new AuthorizationPolicy(..., { action: AuthorizationAction.DENY, rules: [new AuthorizationRule({ from: [new RuleSource({ notRequestPrincipals: [RequestPrincipal.any()] })], to: [...] })] })); ' +
          `or narrow ${other} to the callers and paths it is meant for.`,
      });
    }
  },
};

function hasTargetRefs(ap: ObjectRecord): boolean {
  return isPlainObject(ap.spec) && (isPlainObject(ap.spec.targetRef) || arrayOf(ap.spec.targetRefs).length > 0);
}

/** Every rule asks for a request principal, and there is at least one rule. */
function requiresToken(ap: ObjectRecord): boolean {
  const rules = rulesOf(ap);
  return rules.length > 0 && rules.every(ruleRequiresToken);
}

/** Every `from` entry of the rule lists request principals (a rule without `from` matches any caller). */
function ruleRequiresToken(rule: unknown): boolean {
  if (!isPlainObject(rule)) return false;
  const from = arrayOf(rule.from);
  return from.length > 0 && from.every((f) => isPlainObject(f) && isPlainObject(f.source) && arrayOf(f.source.requestPrincipals).length > 0);
}
