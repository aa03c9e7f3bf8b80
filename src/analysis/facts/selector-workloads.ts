import { ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { workloadSelectorOf } from '../resources/selectors';
import { hasTargetRef, targetedPods } from '../resources/workloads';
import { Report, Rule, RuleInfo } from '../rule';
import { formatLabels, listSome } from '../text';

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

/** A rule on a policy kind whose selector matches no workload: its metadata, the kind, and what the policy would have done. */
export interface SelectorRuleProps extends RuleInfo {
  readonly kind: 'PeerAuthentication' | 'AuthorizationPolicy' | 'RequestAuthentication';
  /** What the policy does when it applies, for the message. */
  readonly effect: string;
}

/** A rule reporting policies of one kind whose selector matches no workload of the app. */
export function selectorRule(props: SelectorRuleProps): Rule {
  const { kind, effect, ...info } = props;
  return {
    ...info,
    check(model: MeshModel, report: Report): void {
      const policies: ObjectRecord[] = model.ofKind('security.istio.io', kind);
      if (policies.length === 0 || !model.hasWorkloads()) return;
      for (const policy of policies) {
        const selector = workloadSelectorOf(policy);
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
