import { run, service } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { labelSelectorMatches } from '../../../../src/analysis/resources/webhook-configuration';
import { webhookOverlappingInjection } from '../../../../src/analysis/rules/webhook/webhook-overlapping-injection';
import { webhookServiceNotFound } from '../../../../src/analysis/rules/webhook/webhook-service-not-found';

function injector(name: string, webhook: any, labels: Record<string, string> = {}): any {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name, labels },
    webhooks: [{ name: 'sidecar-injector.istio.io', clientConfig: { service: { name: 'istiod', namespace: 'istio-system', path: '/inject' } }, ...webhook }],
  };
}
const defaultRevision = injector('istio-sidecar-injector', { namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } } });

describe('label selectors as Kubernetes evaluates them', () => {
  test('matchLabels and the four operators; a missing selector selects everything', () => {
    const sel = { matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'NotIn', values: ['x'] }, { key: 'c', operator: 'DoesNotExist' }] };
    expect(labelSelectorMatches(sel, { a: '1' })).toBe(true);
    expect(labelSelectorMatches(sel, { a: '1', b: 'x' })).toBe(false);
    expect(labelSelectorMatches(sel, { a: '1', c: '' })).toBe(false);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'd', operator: 'In', values: ['y'] }] }, { d: 'y' })).toBe(true);
    expect(labelSelectorMatches({ matchExpressions: [{ key: 'd', operator: 'Exists' }] }, {})).toBe(false);
    expect(labelSelectorMatches(undefined, { any: 'thing' })).toBe(true);
  });
});

describe('webhook-overlapping-injection (IST0139)', () => {
  test('reports two injection webhooks that both select a namespace labelled istio-injection=enabled', () => {
    const canary = injector('istio-sidecar-injector-canary', {
      namespaceSelector: { matchExpressions: [{ key: 'istio-injection', operator: 'Exists' }] },
    }, { 'istio.io/rev': 'canary' });
    const ds = run(webhookOverlappingInjection, [defaultRevision, canary]);
    expect(ds.map((d) => d.resource.name)).toEqual(['istio-sidecar-injector', 'istio-sidecar-injector-canary']);
    expect(ds[0]).toMatchObject({ ruleId: 'webhook-overlapping-injection', severity: Severity.ERROR, istioCode: 'IST0139', path: 'webhooks[0]' });
    expect(ds[0].message).toContain('overlaps with istio-sidecar-injector-canary/sidecar-injector.istio.io');
    expect(ds[0].message).toContain('istio-injection=enabled');
  });

  test('accepts revision webhooks with disjoint selectors, and ignores webhooks that are not Istio\'s', () => {
    const canary = injector('istio-sidecar-injector-canary', {
      namespaceSelector: { matchLabels: { 'istio.io/rev': 'canary' }, matchExpressions: [{ key: 'istio-injection', operator: 'DoesNotExist' }] },
    });
    const other = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'other' }, webhooks: [{ name: 'mutate.example.com' }] };
    expect(run(webhookOverlappingInjection, [defaultRevision, canary, other])).toEqual([]);
  });
});

describe('webhook-service-not-found (IST0139)', () => {
  test('reports an injection webhook whose Service is missing from its namespace', () => {
    const ds = run(webhookServiceNotFound, [defaultRevision, service('istiod-canary', 'istio-system', { app: 'istiod' })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'webhook-service-not-found', path: 'webhooks[0].clientConfig.service' });
    expect(ds[0].message).toContain('calls Service istio-system/istiod');
  });

  test('accepts an existing Service, and does not judge a namespace without Services in the set', () => {
    expect(run(webhookServiceNotFound, [defaultRevision, service('istiod', 'istio-system', { app: 'istiod' })])).toEqual([]);
    expect(run(webhookServiceNotFound, [defaultRevision])).toEqual([]);
  });
});
