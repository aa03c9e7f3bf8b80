import { formatLabels, hasTargetRef, listSome, selectorOf, targetedPods } from './common';
import { EffectiveMtls } from './effective-mtls';
import { Severity } from '../../diagnostic';
import { ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

/** For messages: the values the pods of the searched namespaces carry for the selector's keys. */
function presentValues(model: MeshModel, namespaces: string[], selector: Record<string, string>): string {
  const parts: string[] = [];
  for (const key of Object.keys(selector)) {
    const values = new Set<string>();
    for (const ns of namespaces) {
      for (const pod of model.podTemplates(ns)) {
        const v = pod.labels[key];
        if (v !== undefined) values.add(v);
      }
    }
    parts.push(values.size === 0 ? `no pod has a "${key}" label` : `"${key}" is ${listSome([...values].sort().map((v) => `"${v}"`), 5)}`);
  }
  return parts.join('; ');
}

function selectorRule(kind: 'PeerAuthentication' | 'AuthorizationPolicy' | 'RequestAuthentication', id: string, istioCode: string | undefined, effect: string): Rule {
  return {
    id,
    severity: Severity.WARNING,
    ...(istioCode ? { istioCode } : {}),
    summary: `${/^[AEIOU]/.test(kind) ? 'An' : 'A'} ${kind} selector matches no workload of the app, so the policy applies to nothing.`,
    check(model: MeshModel, report: Report): void {
      const policies: ObjectRecord[] = model.ofKind('security.istio.io', kind);
      if (policies.length === 0 || !model.hasWorkloads()) return;
      for (const policy of policies) {
        const selector = selectorOf(policy);
        if (Object.keys(selector).length === 0 || hasTargetRef(policy)) continue;
        const root = policy.namespace === model.rootNamespace;
        // A selector PeerAuthentication in the root namespace is ignored altogether (peerauthentication-root-namespace-selector).
        if (kind === 'PeerAuthentication' && root) continue;
        const namespaces = root ? [...model.namespaceNames()].filter((ns) => model.hasWorkloadsIn(ns)) : [policy.namespace];
        if (!namespaces.some((ns) => model.hasWorkloadsIn(ns))) continue;
        if (targetedPods(model, policy).length > 0) continue;
        const where = root ? 'any namespace (a selector in the root namespace reaches all of them)' : `namespace ${policy.namespace}`;
        report({
          object: policy,
          path: ['spec', 'selector', 'matchLabels'],
          message:
            `Selector ${formatLabels(selector)} matches no workload of the app in ${where}, so ${effect}. ` +
            `On the pods there, ${presentValues(model, namespaces, selector)}.`,
          fix:
            'Use the labels of the pod template of the workload you mean (not the Deployment\'s own labels), or create the policy in the workload\'s namespace. ' +
            'If the workload is deployed outside this app, this warning can be ignored.',
        });
      }
    },
  };
}

/** istioctl's NoMatchingWorkloadsFound (IST0127) for AuthorizationPolicy. */
export const authorizationPolicySelectorNoWorkloads = selectorRule(
  'AuthorizationPolicy', 'authorizationpolicy-selector-no-workloads', 'IST0127', 'this AuthorizationPolicy protects nothing');

/** The same check for PeerAuthentication (istioctl has none). */
export const peerAuthenticationSelectorNoWorkloads = selectorRule(
  'PeerAuthentication', 'peerauthentication-selector-no-workloads', undefined, 'its mTLS mode applies to nothing and the namespace mode stays in force');

/** The same check for RequestAuthentication (istioctl has none). */
export const requestAuthenticationSelectorNoWorkloads = selectorRule(
  'RequestAuthentication', 'requestauthentication-selector-no-workloads', undefined, 'no workload validates these JWTs');

/**
 * A PeerAuthentication with a selector in the root namespace. Istio's ComposePeerAuthentication
 * only takes selector-less policies from the root namespace (the mesh-wide mode); a workload
 * policy there is ignored, for workloads of every namespace.
 */
export const peerAuthenticationRootNamespaceSelector: Rule = {
  id: 'peerauthentication-root-namespace-selector',
  severity: Severity.WARNING,
  summary: 'A PeerAuthentication with a selector in the root namespace, which Istio ignores.',
  check(model: MeshModel, report: Report): void {
    for (const pa of EffectiveMtls.of(model).ignoredPolicies()) {
      report({
        object: pa,
        path: ['spec', 'selector'],
        message:
          `This PeerAuthentication has selector ${formatLabels(selectorOf(pa))} and lives in the root namespace ${model.rootNamespace}; ` +
          'Istio only reads selector-less (mesh-wide) policies from the root namespace and ignores workload policies there, so it has no effect.',
        fix: 'Create it in the namespace of the workloads it selects, or remove the selector to set the mesh-wide mode.',
      });
    }
  },
};
