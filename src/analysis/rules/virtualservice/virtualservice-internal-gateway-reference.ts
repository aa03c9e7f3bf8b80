import { Severity } from '../../diagnostic';
import { INTERNAL_GATEWAY_MARKERS } from '../../facts/virtualservice-destinations';
import { MeshModel } from '../../model';
import { gatewaysOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const virtualServiceInternalGatewayReference: Rule = {
  id: 'virtualservice-internal-gateway-reference',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  istioCode: 'IST0165',
  summary: 'A VirtualService binds to a Gateway that Istio generates internally for a Gateway API gateway, whose name may change.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedInternalGateway (IST0165)',
  docs: 'istioctl\'s ReferencedInternalGateway (IST0165): a VirtualService binds to a Gateway that Istio\n' +
    'generates internally for a Kubernetes Gateway API gateway; that name is an implementation detail.',
  fields: 'spec.gateways',
  fix: 'Attach an HTTPRoute to the Gateway API gateway, or bind to an Istio Gateway you define.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      gatewaysOf(vs).forEach((g, i) => {
        const name = g.includes('/') ? g.slice(g.indexOf('/') + 1) : g;
        if (!INTERNAL_GATEWAY_MARKERS.some((m) => name.includes(m))) return;
        report({
          object: vs,
          path: ['spec', 'gateways', i],
          message: `Gateway "${g}" is one Istio generates internally for a Kubernetes Gateway API gateway; its name is an implementation detail and may change.`,
          fix: 'Route with an HTTPRoute attached to the Gateway API gateway instead, or bind to an Istio Gateway you define.',
        });
      });
    }
  },
};
