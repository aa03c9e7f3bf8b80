import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';

export const sidecarIgnoredEgressProxy: Rule = {
  id: 'sidecar-ignored-egress-proxy',
  kinds: ['Sidecar'],
  severity: Severity.WARNING,
  istioCode: 'IST0002',
  summary: 'A Sidecar sets outboundTrafficPolicy.egressProxy, which Istio no longer uses.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message Deprecated (IST0002)',
  docs: 'istioctl\'s deprecation analyzer (IST0002) for Sidecars: outboundTrafficPolicy.egressProxy is ignored.',
  fields: 'spec.outboundTrafficPolicy.egressProxy',
  fix: 'Route external traffic through an egress gateway and remove egressProxy.',
  check(model: MeshModel, report: Report): void {
    for (const sc of model.ofKind(NETWORKING_GROUP, 'Sidecar')) {
      const policy = isPlainObject(sc.spec) ? sc.spec.outboundTrafficPolicy : undefined;
      if (!isPlainObject(policy) || !isPlainObject(policy.egressProxy)) continue;
      report({
        object: sc,
        path: ['spec', 'outboundTrafficPolicy', 'egressProxy'],
        message: 'outboundTrafficPolicy.egressProxy is deprecated and ignored by Istio.',
        fix: 'Route external traffic through an egress gateway (Gateway + VirtualService), and remove egressProxy.',
      });
    }
  },
};
