import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { isDefaultGatewaySelector, labelValues } from '../../resources/gateway';
import { workloadSelectorOf } from '../../resources/selectors';
import { Report, Rule } from '../../rule';
import { formatLabels, listSome } from '../../text';


export const gatewaySelectorNoWorkloads: Rule = {
  id: 'gateway-selector-no-workloads',
  kinds: ['Gateway'],
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  summary: 'A Gateway selector matches no pod template of the app in any namespace (Istio\'s default ingressgateway/egressgateway selectors are expected and not reported).',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: 'A Gateway selector matches no pod template of the app in any namespace (Istio\'s default ingressgateway/egressgateway selectors are expected and not reported).\n' +
    'istioctl analyze reports the same check as IST0101 (ReferencedResourceNotFound).',
  fields: 'spec.selector',
  fix: 'Use the labels of the gateway pods, or ignore if the gateway is installed separately.',
  check(model: MeshModel, report: Report): void {
    if (!model.hasWorkloads()) return;
    const values = labelValues(model);
    for (const gw of model.gateways()) {
      const selector = workloadSelectorOf(gw);
      if (Object.keys(selector).length === 0 || isDefaultGatewaySelector(selector)) continue;
      if (model.podTemplatesMatchingAnywhere(selector).length > 0) continue;
      const seen = Object.keys(selector).map((k) => {
        const v = values(k);
        return v.length === 0 ? `no pod has a "${k}" label` : `"${k}" is ${listSome(v.map((x) => `"${x}"`), 4)}`;
      });
      report({
        object: gw,
        path: ['spec', 'selector'],
        message:
          `Selector ${formatLabels(selector, '(empty)')} matches no pod template of the app in any namespace, so no gateway proxy serves this Gateway ` +
          `unless one is deployed outside the app. On the app's pods, ${seen.join('; ')}.`,
        fix:
          'Use the labels of your gateway deployment\'s pod template (e.g. istio: ingressgateway for the default ingress gateway, or the `istio` label of a gateway installed with the Istio gateway chart). ' +
          'If the gateway is installed separately, this warning can be ignored.',
      });
    }
  },
};
