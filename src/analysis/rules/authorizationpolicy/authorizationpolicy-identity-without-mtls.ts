import { Severity } from '../../diagnostic';
import { firstWeak } from '../../facts/authorizationpolicy-identity';
import { describeDecision, EffectiveMtls, MtlsDecision } from '../../facts/effective-mtls';
import { PathSegments } from '../../json-path';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { actionOf, describeList, IDENTITY_ATTRIBUTES, rulePorts, rulesOf, valueListsOfRule } from '../../resources/authorization';
import { workloadSelectorOf } from '../../resources/selectors';
import { hasTargetRef, targetedPods } from '../../resources/workloads';
import { Report, Rule } from '../../rule';
import { describeWorkload } from '../../text';

export const authorizationPolicyIdentityWithoutMtls: Rule = {
  id: 'authorizationpolicy-identity-without-mtls',
  kinds: ['AuthorizationPolicy'],
  severity: Severity.WARNING,
  summary: 'A rule matches on caller identity (principals, namespaces) for workloads whose effective mTLS mode is PERMISSIVE or DISABLE, so plain-text callers bypass or miss it.',
  origin: 'app',
  docs: 'A rule matching on the caller\'s identity (principals, namespaces, serviceAccounts, or the\n' +
    'source.* conditions) for workloads whose effective mTLS mode is PERMISSIVE or DISABLE. The\n' +
    'identity comes from the peer\'s mTLS certificate; a plain-text caller has none. So a DENY rule\n' +
    'on principals (or an ALLOW rule on notPrincipals) lets plain-text callers through, and an\n' +
    'ALLOW rule on principals never matches them (under DISABLE, never matches anyone).\n' +
    'Without workloads in the analysed set, the mode a pod with the selector\'s labels would get is\n' +
    'judged.',
  fields: 'from[].source.principals/namespaces',
  fix: 'Set STRICT mTLS for the workloads (PeerAuthentication), or match on something else.',
  check(model: MeshModel, report: Report): void {
    const aps = model.authorizationPolicies();
    if (aps.length === 0) return;
    const mtls = EffectiveMtls.of(model);
    for (const ap of aps) {
      const action = actionOf(ap);
      if (action === 'CUSTOM' || hasTargetRef(ap)) continue;
      let pods: ReturnType<typeof targetedPods> | undefined;
      rulesOf(ap).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        const identity = valueListsOfRule(rule, i).filter((l) => IDENTITY_ATTRIBUTES.has(l.attribute) && l.values.length > 0);
        if (identity.length === 0) return;
        const ports = rulePorts(rule);
        pods ??= targetedPods(model, ap);
        let weak: { decision: MtlsDecision; port?: number; who: string } | undefined;
        if (pods.length > 0) {
          for (const pod of pods) {
            const w = firstWeak(mtls, pod.namespace, pod.labels, ports);
            if (w) {
              weak = { ...w, who: describeWorkload(pod) };
              break;
            }
          }
        } else {
          const selector = workloadSelectorOf(ap);
          let w: { decision: MtlsDecision; port?: number } | undefined;
          if (Object.keys(selector).length > 0) {
            w = firstWeak(mtls, ap.namespace, selector, ports);
          } else {
            const d = ap.namespace === model.rootNamespace ? mtls.meshMode() : mtls.namespaceMode(ap.namespace);
            w = d.mode === 'STRICT' ? undefined : { decision: d };
          }
          if (w) weak = { ...w, who: Object.keys(selector).length > 0 ? 'the selected workloads' : `workloads of ${ap.namespace === model.rootNamespace ? 'the mesh' : `namespace ${ap.namespace}`}` };
        }
        if (!weak) return;

        const first = identity[0];
        const bypass = identity.some((l) => (action === 'DENY' ? !l.negated : action === 'ALLOW' ? l.negated : false));
        const mode = weak.decision.mode;
        const onPort = weak.port !== undefined ? ` on port ${weak.port}` : '';
        let effect: string;
        if (bypass) {
          effect = action === 'DENY'
            ? 'a plain-text caller has no identity, so it does not match this DENY rule and gets through: the rule can be bypassed'
            : 'a plain-text caller has no identity, so it matches the "not…" condition and is allowed: the rule can be bypassed';
        } else if (mode === 'DISABLE') {
          effect = 'every caller connects in plain text and carries no identity, so this rule never matches anyone';
        } else {
          effect = 'callers without a sidecar connect in plain text and carry no identity, so this rule never matches them';
        }
        report({
          object: ap,
          path: first.path as PathSegments,
          message:
            `${action} rule ${i} matches on ${describeList(first)} (the caller's mTLS identity), but ${weak.who} accept${pods.length > 0 ? 's' : ''} ` +
            `plain text${onPort}: mTLS mode ${describeDecision(weak.decision)}. ${effect[0].toUpperCase()}${effect.slice(1)}.`,
          fix:
            `Require mTLS for ${weak.who}${onPort}: a PeerAuthentication with mtls.mode STRICT ` +
            `(namespace-wide in ${ap.namespace}, or selecting the workload${weak.port !== undefined ? `, with portLevelMtls ${weak.port}: STRICT` : ''}).` +
            (bypass && action === 'DENY' ? ' Until then, prefer an ALLOW policy listing the trusted callers over a DENY on untrusted ones.' : ''),
        });
      });
    }
  },
};
