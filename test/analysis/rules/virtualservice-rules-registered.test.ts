import { deployment, destinationRule, gateway, run, service, subset, to, virtualService } from './fixtures';
import { analyzeSources } from '../../../src/analysis/engine';
import { ALL_RULES } from '../../../src/analysis/rules';

const IDS: Record<string, [string, string | undefined]> = {
  'virtualservice-subset-not-found': ['error', 'IST0101'],
  'virtualservice-unreachable-route': ['warning', 'IST0130'],
  'virtualservice-ineffective-match': ['info', 'IST0131'],
  'virtualservice-invalid-weight': ['error', 'IST0106'],
  'virtualservice-weights-not-100': ['warning', undefined],
  'virtualservice-gateway-not-found': ['error', 'IST0101'],
  'virtualservice-conflicting-mesh-hosts': ['error', 'IST0109'],
  'destinationrule-subset-no-pods': ['error', 'IST0173'],
};

describe('VirtualService analyzers in ALL_RULES', () => {
  test.each(Object.entries(IDS))('%s is registered with its severity and istio code', (id, [severity, code]) => {
    const rule = ALL_RULES.find((r) => r.id === id);
    expect(rule).toBeDefined();
    expect(rule!.severity).toBe(severity);
    expect(rule!.istioCode).toBe(code);
    expect(rule!.summary.length).toBeGreaterThan(20);
  });

  test('a correct canary setup raises none of them', () => {
    const manifests = [
      service('reviews', { app: 'reviews' }),
      deployment('reviews-v1', { app: 'reviews', version: 'v1' }),
      deployment('reviews-v2', { app: 'reviews', version: 'v2' }),
      destinationRule('reviews', 'reviews', [subset('v1'), subset('v2')]),
      gateway('public'),
      virtualService('reviews', {
        hosts: ['reviews'],
        http: [
          { match: [{ headers: { 'x-canary': { exact: 'true' } } }], route: [to('reviews', 'v2')] },
          { route: [to('reviews', 'v1', 90), to('reviews', 'v2', 10)], mirror: { host: 'reviews', subset: 'v2' } },
        ],
      }),
      virtualService('reviews-public', {
        hosts: ['reviews.example.com'],
        gateways: ['public'],
        http: [{ route: [to('reviews', 'v1')] }],
      }),
    ];
    const ids = new Set(Object.keys(IDS));
    const rules = ALL_RULES.filter((r) => ids.has(r.id));
    expect(rules).toHaveLength(ids.size);
    const found = analyzeSources(manifests.map((manifest) => ({ manifest })), { rules });
    expect(found).toEqual([]);
    // The fixture helper runs a single rule the same way.
    expect(run(ALL_RULES.find((r) => r.id === 'virtualservice-subset-not-found')!, manifests)).toEqual([]);
  });
});
