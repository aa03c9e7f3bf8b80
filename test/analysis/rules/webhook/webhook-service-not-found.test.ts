import { injectorWebhook, selecting, service } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const webhookServiceNotFound = ruleById('webhook-service-not-found');

const defaultRevision = injectorWebhook('istio-sidecar-injector', { namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } } });

describe('webhook-service-not-found (IST0139)', () => {
  test('reports an injection webhook whose Service is missing from its namespace', () => {
    const d = one(webhookServiceNotFound, [defaultRevision, service('istiod-canary', 'istio-system', selecting({ app: 'istiod' }))], { path: 'webhooks[0].clientConfig.service' });
    expect(d.message).toContain('calls Service istio-system/istiod');
  });

  test('accepts an existing Service, and does not judge a namespace without Services in the set', () => {
    none(webhookServiceNotFound, [defaultRevision, service('istiod', 'istio-system', selecting({ app: 'istiod' }))]);
    none(webhookServiceNotFound, [defaultRevision]);
  });
});
