import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { injectionWebhooks } from '../../resources/webhook-configuration';
import { Report, Rule } from '../../rule';

export const webhookServiceNotFound: Rule = {
  id: 'webhook-service-not-found',
  kinds: ['MutatingWebhookConfiguration'],
  severity: Severity.ERROR,
  istioCode: 'IST0139',
  summary: 'An Istio sidecar-injection webhook calls a control-plane Service that does not exist.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message InvalidWebhook (IST0139)',
  docs: 'istioctl\'s InvalidWebhook (IST0139), service part: an injection webhook calls a Service that does\n' +
    'not exist. Only judged when the Service\'s namespace has Services in the analysed set.',
  fields: 'webhooks[].clientConfig.service',
  fix: 'Point the webhook at the istiod Service of its revision.',
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
