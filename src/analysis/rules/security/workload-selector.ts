import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { arrayOf } from '../virtualservice-routes';

/** PeerAuthentication, AuthorizationPolicy and RequestAuthentication objects, in input order. */
export function securityPolicies(model: MeshModel): ObjectRecord[] {
  return [...model.peerAuthentications(), ...model.authorizationPolicies(), ...model.requestAuthentications()];
}

/**
 * Istio's `validateWorkloadSelector`: a selector label with an empty key, or a `*` in a key or
 * value, is rejected (selectors match labels exactly; there is no wildcard).
 */
export const securityInvalidWorkloadSelector: Rule = {
  id: 'security-invalid-workload-selector',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A PeerAuthentication, AuthorizationPolicy or RequestAuthentication selector has an empty label key or a `*` in a label (Istio rejects it).',
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

/**
 * Istio's webhook warns about a `selector` without labels: it selects nothing in particular,
 * so the policy behaves as namespace-wide (mesh-wide in the root namespace).
 */
export const securityEmptyWorkloadSelector: Rule = {
  id: 'security-empty-workload-selector',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A PeerAuthentication, AuthorizationPolicy or RequestAuthentication has a `selector` without labels, so it applies to the whole namespace.',
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

const ALLOWED_TARGETS: Array<{ group: string; kind: string }> = [
  { group: '', kind: 'Service' },
  { group: 'networking.istio.io', kind: 'ServiceEntry' },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
  { group: 'gateway.networking.k8s.io', kind: 'GatewayClass' },
];

/**
 * Istio's target-reference checks for AuthorizationPolicy and RequestAuthentication: only one of
 * `selector`, `targetRef` and `targetRefs`; no cross-namespace `namespace`; and the target must
 * be a Service, ServiceEntry, Gateway API Gateway or GatewayClass.
 */
export const securityInvalidTargetRef: Rule = {
  id: 'security-invalid-target-ref',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An AuthorizationPolicy or RequestAuthentication mixes selector and targetRef(s), or targets a kind or namespace Istio does not support.',
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
