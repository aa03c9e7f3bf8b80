import { wildcardShape } from './authorizationpolicy-values';
import { actionOf, describeList, IDENTITY_ATTRIBUTES, rulePorts, rulesOf, valueListsOf, valueListsOfRule } from './authz';
import { describeWorkload, hasTargetRef, listSome, namespacePatternMatches, selectorOf, serviceAccountOf, targetedPods } from './common';
import { describeDecision, EffectiveMtls, MtlsDecision } from './effective-mtls';
import { Severity } from '../../diagnostic';
import { PathSegments } from '../../json-path';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

/** The first decision on the listed ports (or any port) that is not STRICT. */
function firstWeak(
  mtls: EffectiveMtls,
  namespace: string,
  labels: Record<string, string>,
  ports: number[] | undefined,
): { decision: MtlsDecision; port?: number } | undefined {
  const w = mtls.forWorkload(namespace, labels);
  if (ports) {
    for (const port of ports) {
      const d = w.ports.get(port) ?? w.workload;
      if (d.mode !== 'STRICT') return { decision: d, port };
    }
    return undefined;
  }
  if (w.workload.mode !== 'STRICT') return { decision: w.workload };
  for (const [port, d] of w.ports) if (d.mode !== 'STRICT') return { decision: d, port };
  return undefined;
}

/**
 * A rule matching on the caller's identity (principals, namespaces, serviceAccounts, or the
 * source.* conditions) for workloads whose effective mTLS mode is PERMISSIVE or DISABLE. The
 * identity comes from the peer's mTLS certificate; a plain-text caller has none. So a DENY rule
 * on principals (or an ALLOW rule on notPrincipals) lets plain-text callers through, and an
 * ALLOW rule on principals never matches them (under DISABLE, never matches anyone).
 * Without workloads in the analysed set, the mode a pod with the selector's labels would get is
 * judged.
 */
export const authorizationPolicyIdentityWithoutMtls: Rule = {
  id: 'authorizationpolicy-identity-without-mtls',
  severity: Severity.WARNING,
  summary: 'A rule matches on caller identity (principals, namespaces) for workloads whose effective mTLS mode is PERMISSIVE or DISABLE, so plain-text callers bypass or miss it.',
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
          const selector = selectorOf(ap);
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

/** Service accounts the pods of each namespace run as. */
function accountsByNamespace(model: MeshModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const pod of model.allPodTemplates()) {
    const set = out.get(pod.namespace) ?? new Set<string>();
    set.add(serviceAccountOf(pod));
    out.set(pod.namespace, set);
  }
  return out;
}

/** Namespace and service account a principal / serviceAccounts value names, where they are written out in full. */
function identityParts(attribute: string, value: string, policyNamespace: string): { namespace?: string; account?: string } {
  if (attribute === 'serviceAccount') {
    if (value.includes('*')) return {};
    const slash = value.indexOf('/');
    return slash < 0 ? { namespace: policyNamespace, account: value } : { namespace: value.slice(0, slash), account: value.slice(slash + 1) };
  }
  const shape = wildcardShape(value);
  if (shape === 'any' || shape === 'invalid') return {};
  const parts = (shape === 'leading' ? value.slice(1) : shape === 'trailing' ? value.slice(0, -1) : value).split('/');
  if (shape === 'none') {
    return parts.length === 5 && parts[1] === 'ns' && parts[3] === 'sa' ? { namespace: parts[2], account: parts[4] } : {};
  }
  if (shape === 'trailing') {
    // td/ns/<ns>/… : the namespace is complete when a segment follows it.
    return parts.length >= 4 && parts[1] === 'ns' ? { namespace: parts[2] } : {};
  }
  // Leading: …/ns/<ns>/sa/<sa> or …/sa/<sa>, read from the end.
  const n = parts.length;
  const out: { namespace?: string; account?: string } = {};
  if (n >= 2 && parts[n - 2] === 'sa') out.account = parts[n - 1];
  if (n >= 4 && parts[n - 4] === 'ns' && parts[n - 2] === 'sa') out.namespace = parts[n - 3];
  return out.account !== undefined && out.namespace !== undefined ? out : {};
}

function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(value, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(value.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * A principal or service account naming a namespace that is not in the analysed manifests, or a
 * service account no workload of its namespace runs as. The caller may be deployed elsewhere
 * (another app or chart), so this is a warning; otherwise the rule matches no one. Judged only
 * when the analysed set holds workloads (and, for the account, workloads in that namespace).
 */
export const authorizationPolicyUnknownPrincipal: Rule = {
  id: 'authorizationpolicy-unknown-principal',
  severity: Severity.WARNING,
  summary: 'A principal or service account names a namespace that is not in the app, or a service account no workload of the app runs as.',
  check(model: MeshModel, report: Report): void {
    if (!model.hasWorkloads() || model.authorizationPolicies().length === 0) return;
    const namespaces = model.namespaceNames();
    const accounts = accountsByNamespace(model);
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'principal' && list.attribute !== 'serviceAccount') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '') return;
          const { namespace, account } = identityParts(list.attribute, v, ap.namespace);
          if (namespace === undefined) return;
          const path = [...list.path, k];
          if (!namespaces.has(namespace)) {
            const guess = closest(namespace, namespaces);
            report({
              object: ap,
              path,
              message:
                `"${v}" in ${describeList(list)} names namespace "${namespace}", which is not in the analysed manifests ` +
                `(namespaces here: ${listSome([...namespaces].sort(), 6)}). The caller may live elsewhere; if not, this entry matches no one.`,
              fix: guess
                ? `Did you mean namespace "${guess}"? If the caller is deployed outside this app, this warning can be ignored.`
                : 'Check the namespace name; if the caller is deployed outside this app, this warning can be ignored.',
            });
            return;
          }
          const used = accounts.get(namespace);
          if (account === undefined || !used || used.has(account)) return;
          const guess = closest(account, used);
          report({
            object: ap,
            path,
            message:
              `"${v}" in ${describeList(list)} names service account "${account}" of namespace ${namespace}, but no workload of the app there runs as it ` +
              `(they run as ${[...used].sort().map((a) => `"${a}"`).join(', ')}). The caller may be deployed elsewhere; if not, this entry matches no one.`,
            fix: guess
              ? `Did you mean "${guess}"? Otherwise set serviceAccountName "${account}" on the calling workload.`
              : `Set serviceAccountName "${account}" on the calling workload, or name one of the accounts above.`,
          });
        });
      }
    }
  },
};

/**
 * `namespaces` / `notNamespaces` (or a `source.namespace` condition) naming a namespace that no
 * object of the analysed set lives in (wildcards are matched as Istio does). istioctl reports
 * this as an error (IST0101, referenced namespace not found) against the cluster's namespaces;
 * here the manifests are usually one app of a larger cluster, so it is a warning.
 */
export const authorizationPolicyUnknownNamespace: Rule = {
  id: 'authorizationpolicy-unknown-namespace',
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  summary: 'An AuthorizationPolicy namespaces entry matches no namespace of the analysed manifests.',
  check(model: MeshModel, report: Report): void {
    if (!model.hasWorkloads() || model.authorizationPolicies().length === 0) return;
    const known = model.namespaceNames();
    const namespaces = [...known].sort();
    for (const ap of model.authorizationPolicies()) {
      for (const list of valueListsOf(ap)) {
        if (list.attribute !== 'namespace') continue;
        list.values.forEach((v, k) => {
          if (typeof v !== 'string' || v === '' || v === '*') return;
          // Exact names are looked up; only wildcard patterns are tried against every namespace.
          if (v.includes('*') ? namespaces.some((ns) => namespacePatternMatches(v, ns)) : known.has(v)) return;
          const guess = v.includes('*') ? undefined : closest(v, namespaces);
          report({
            object: ap,
            path: [...list.path, k],
            message:
              `${describeList(list)} entry "${v}" matches no namespace of the analysed manifests (${listSome(namespaces, 6)}). ` +
              'The callers may live in a namespace defined elsewhere; if not, this entry matches no one.',
            fix: guess ? `Did you mean "${guess}"?` : 'Check the namespace name, or ignore this if the namespace is managed outside this app.',
          });
        });
      }
    }
  },
};
