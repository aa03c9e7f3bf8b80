import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { injectionWebhooks } from '../../resources/webhook-configuration';
import { Report, Rule } from '../../rule';

/**
 * istioctl's InvalidWebhook (IST0139), service part: an injection webhook calls a Service that does
 * not exist. Only judged when the Service's namespace has Services in the analysed set.
 */
export const webhookServiceNotFound: Rule = {
  id: 'webhook-service-not-found',
  severity: Severity.ERROR,
  istioCode: 'IST0139',
  summary: 'An Istio sidecar-injection webhook calls a control-plane Service that does not exist.',
  check(model: MeshModel, report: Report): void {
    for (const w of injectionWebhooks(model).webhooks) {
      if (!w.service || model.servicesIn(w.service.namespace).length === 0) continue;
      if (model.find('', 'Service', w.service.namespace, w.service.name)) continue;
      report({
        object: w.config,
        path: ['webhooks', w.index, 'clientConfig', 'service'],
        message: `Injection webhook ${w.id} calls Service ${w.service.namespace}/${w.service.name}, which is not among the Services of ${w.service.namespace}; injection would fail.`,
        fix: 'Point clientConfig.service at the istiod Service of that revision (e.g. istiod or istiod-<revision>).',
      });
    }
  },
};
