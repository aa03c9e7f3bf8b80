import { Severity } from '../../../../src/analysis/diagnostic';
import { injectorWebhook } from '../../../fixtures/manifests';
import { many, none, ruleById, run } from '../../../fixtures/rules';

const webhookOverlappingInjection = ruleById('webhook-overlapping-injection');

const defaultRevision = injectorWebhook('istio-sidecar-injector', { namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } } });

describe('webhook-overlapping-injection (IST0139)', () => {
  test('reports two injection webhooks that both select a namespace labelled istio-injection=enabled', () => {
    const canary = injectorWebhook('istio-sidecar-injector-canary', {
      namespaceSelector: { matchExpressions: [{ key: 'istio-injection', operator: 'Exists' }] },
    }, { 'istio.io/rev': 'canary' });
    const ds = run(webhookOverlappingInjection, [defaultRevision, canary]);
    expect(ds.map((d) => d.resource.name)).toEqual(['istio-sidecar-injector', 'istio-sidecar-injector-canary']);
    expect(ds[0]).toMatchObject({ ruleId: 'webhook-overlapping-injection', severity: Severity.ERROR, istioCode: 'IST0139', path: 'webhooks[0]' });
    expect(ds[0].message).toContain('overlaps with istio-sidecar-injector-canary/sidecar-injector.istio.io');
    expect(ds[0].message).toContain('istio-injection=enabled');
  });

  test('accepts revision webhooks with disjoint selectors, and ignores webhooks that are not Istio\'s', () => {
    const canary = injectorWebhook('istio-sidecar-injector-canary', {
      namespaceSelector: { matchLabels: { 'istio.io/rev': 'canary' }, matchExpressions: [{ key: 'istio-injection', operator: 'DoesNotExist' }] },
    });
    const other = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'other' }, webhooks: [{ name: 'mutate.example.com' }] };
    none(webhookOverlappingInjection, [defaultRevision, canary, other]);
  });
});

describe('webhook-overlapping-injection evaluates label selectors as Kubernetes does', () => {
  test('In selects the namespaces whose label has one of the values', () => {
    const inEnabled = injectorWebhook('istio-sidecar-injector-in', { namespaceSelector: { matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }] } });
    many(webhookOverlappingInjection, [defaultRevision, inEnabled], ['webhooks[0]', 'webhooks[0]']);
  });

  test('NotIn and DoesNotExist exclude a namespace, and matchLabels must all hold', () => {
    const notIn = injectorWebhook('istio-sidecar-injector-rev', {
      namespaceSelector: { matchLabels: { 'istio.io/rev': 'canary' }, matchExpressions: [{ key: 'istio-injection', operator: 'NotIn', values: ['enabled'] }] },
    });
    none(webhookOverlappingInjection, [defaultRevision, notIn]);
  });

  test('a webhook without a namespace selector selects every namespace', () => {
    const everything = injectorWebhook('istio-sidecar-injector-all', {});
    many(webhookOverlappingInjection, [defaultRevision, everything], ['webhooks[0]', 'webhooks[0]']);
  });
});
