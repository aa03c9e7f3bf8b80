import { Severity } from '../../diagnostic';
import { PathSegments } from '../../json-path';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { arrayOf } from '../virtualservice-routes';
import { actionOf, rulesOf, valueListsOf } from './authz';

/** Where a policy applies, for messages. */
export function describeScope(model: MeshModel, ap: ObjectRecord): string {
  const selector = isPlainObject(ap.spec) && isPlainObject(ap.spec.selector) && isPlainObject(ap.spec.selector.matchLabels)
    ? Object.entries(ap.spec.selector.matchLabels).map(([k, v]) => `${k}=${String(v)}`).join(', ')
    : '';
  if (selector) return `the workloads labelled ${selector} in namespace ${ap.namespace}`;
  if (isPlainObject(ap.spec) && (isPlainObject(ap.spec.targetRef) || arrayOf(ap.spec.targetRefs).length > 0)) return 'its target';
  return ap.namespace === model.rootNamespace ? 'every workload of the mesh' : `every workload of namespace ${ap.namespace}`;
}

function isEmptyList(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/**
 * An ALLOW rule without `from`, `to` or `when` matches every request: the policy allows
 * everything for the workloads it selects, whatever other ALLOW policies say.
 */
export const authorizationPolicyAllowAllRule: Rule = {
  id: 'authorizationpolicy-allow-all-rule',
  severity: Severity.WARNING,
  summary: 'An ALLOW AuthorizationPolicy has a rule without from, to or when, so it allows every request to the selected workloads.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (actionOf(ap) !== 'ALLOW') continue;
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule) || !isEmptyList(rule.from) || !isEmptyList(rule.to) || !isEmptyList(rule.when)) return;
        // `from: []` / `to: []` are rejected by the webhook (authorizationpolicy-invalid-rule).
        if (Array.isArray(rule.from) || Array.isArray(rule.to)) return;
        report({
          object: ap,
          path: ['spec', 'rules', i],
          message:
            `ALLOW rule ${i} has no from, to or when, so it matches every request: any caller, authenticated or not, may do anything ` +
            `to ${describeScope(model, ap)}, and other ALLOW policies there no longer restrict anything.`,
          fix:
            'Name the callers (from.source.principals / namespaces) and operations (to.operation methods, paths, ports) this rule is for. ' +
            'If allowing everything is intended, say so by annotating the policy with cdk8s-istio.io/ignore-rules: authorizationpolicy-allow-all-rule.',
        });
      });
    }
  },
};

/**
 * An ALLOW policy without rules matches nothing; since an ALLOW policy then exists for the
 * workloads, every request that no other ALLOW policy allows is denied. That is Istio's
 * "allow-nothing" (default-deny) pattern; reported as information so the effect is visible.
 */
export const authorizationPolicyAllowNothing: Rule = {
  id: 'authorizationpolicy-allow-nothing',
  severity: Severity.INFO,
  summary: 'An ALLOW AuthorizationPolicy has no rules, so it denies every request to the selected workloads that no other ALLOW policy allows.',
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      if (actionOf(ap) !== 'ALLOW') continue;
      const spec = isPlainObject(ap.spec) ? ap.spec : undefined;
      if (spec && !isEmptyList(spec.rules)) continue;
      report({
        object: ap,
        path: spec && Array.isArray(spec.rules) ? ['spec', 'rules'] : spec ? ['spec'] : [],
        message:
          `This ALLOW policy has no rules, so it allows nothing: every request to ${describeScope(model, ap)} is denied ` +
          'unless another ALLOW policy there allows it (default-deny).',
        fix: 'Nothing to fix if default-deny is intended; add ALLOW policies for the callers that need access. To allow a caller here, add a rule with from/to.',
      });
    }
  },
};

/** The annotation the library's constructs put on a policy whose principal was derived from a workload without service account. */
export const DEFAULT_SA_ANNOTATION = 'cdk8s-istio.io/principal-default-sa';

/** The namespace of a principal `<td>/ns/<ns>/sa/default`, or undefined when it names another account. */
function defaultAccountNamespace(principal: string): string | undefined {
  const m = /^[^/*]+\/ns\/([^/*]+)\/sa\/default$/.exec(principal);
  return m ? m[1] : undefined;
}

/**
 * A policy that trusts (or targets) a namespace's `default` service account. Every pod of that
 * namespace without a service account of its own runs as `default`, so the rule covers all of
 * them, not only the workload it was written for. The library marks principals it derived from
 * a workload without service account with the annotation `cdk8s-istio.io/principal-default-sa`;
 * principals naming `sa/default` and `serviceAccounts` entries `default` are reported too.
 */
export const authorizationPolicyDefaultServiceAccount: Rule = {
  id: 'authorizationpolicy-default-service-account',
  severity: Severity.WARNING,
  summary: "An AuthorizationPolicy names a namespace's `default` service account, an identity every pod without its own service account shares.",
  check(model: MeshModel, report: Report): void {
    for (const ap of model.authorizationPolicies()) {
      const annotated = new Set(
        (ap.annotations[DEFAULT_SA_ANNOTATION] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
      );
      const seen = new Set<string>();
      const reportAt = (path: PathSegments, principal: string, namespace: string, fromAnnotation: boolean) => {
        const verb = actionOf(ap) === 'DENY' ? 'denies' : actionOf(ap) === 'ALLOW' ? 'allows' : 'matches';
        report({
          object: ap,
          path,
          message:
            `"${principal}" is the "default" service account of namespace ${namespace}` +
            `${fromAnnotation ? ', because the workload this rule was built from has no service account of its own' : ''}. ` +
            `Every pod in ${namespace} that sets no service account runs as "default", so this rule ${verb} all of them, not just the intended caller.`,
          fix:
            'Give the calling workload its own ServiceAccount (cdk8s-plus: `serviceAccount: new kplus.ServiceAccount(chart, \'caller-sa\')`) ' +
            'and build the principal from it, so the rule names that workload alone.',
        });
      };
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'principal' && list.attribute !== 'serviceAccount') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || seen.has(v)) return;
          let namespace: string | undefined;
          if (list.attribute === 'principal') {
            namespace = defaultAccountNamespace(v);
          } else if (v === 'default') {
            namespace = ap.namespace;
          } else if (/^[^/]+\/default$/.test(v)) {
            namespace = v.split('/')[0];
          }
          if (namespace === undefined && !annotated.has(v)) return;
          seen.add(v);
          reportAt([...list.path, k], v, namespace ?? ap.namespace, annotated.has(v));
        });
      }
      // Annotated principals not found in the rules (the rules were patched since): point at the annotation.
      for (const principal of annotated) {
        if (seen.has(principal)) continue;
        reportAt(['metadata', 'annotations', DEFAULT_SA_ANNOTATION], principal, defaultAccountNamespace(principal) ?? ap.namespace, true);
      }
    }
  },
};
