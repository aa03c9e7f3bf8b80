import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { destinationRule } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const destinationRuleInvalidStructure = ruleById('destinationrule-invalid-structure');


describe('destinationrule-invalid-structure (IST0106)', () => {
  test('refuses a malformed host, bad or repeated subset names and invalid subset labels', () => {
    const ds = many(destinationRuleInvalidStructure, [
      destinationRule('a', 'shop', { host: 'reviews_svc', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v1', labels: { version: 'v 2' } }, { name: 'v.3' }] }),
    ], ['spec.host', 'spec.subsets[1].name', 'spec.subsets[1].labels', 'spec.subsets[2].name']);
    expect(ds[0]).toMatchObject({ ruleId: 'destinationrule-invalid-structure', severity: Severity.ERROR, istioCode: 'IST0106' });
  });

  // Both pass the CRD schema (the fields are written) but not the webhook.
  test('refuses an empty host and an empty subset name', () => {
    const ds = many(destinationRuleInvalidStructure, [
      destinationRule('a', 'shop', { host: '', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: '', labels: { version: 'v2' } }] }),
    ], ['spec.host', 'spec.subsets[1].name']);
    expect(ds.map((d) => d.message)).toEqual([expect.stringContaining('empty'), expect.stringContaining('empty name')]);
  });

  test('refuses empty traffic policies, port-level settings without port, tunnel with proxyProtocol and a bad tunnel', () => {
    many(destinationRuleInvalidStructure, [
      destinationRule('a', 'shop', {
        host: 'r',
        trafficPolicy: { portLevelSettings: [{ tls: { mode: 'ISTIO_MUTUAL' } }], tunnel: { protocol: 'GET', targetHost: 'proxy_host', targetPort: 0 }, proxyProtocol: { version: 'V1' } },
        subsets: [{ name: 'v1', labels: { v: '1' }, trafficPolicy: {} }],
      }),
    ], [
      'spec.trafficPolicy.proxyProtocol',
      'spec.trafficPolicy.tunnel.protocol',
      'spec.trafficPolicy.tunnel.targetHost',
      'spec.trafficPolicy.tunnel.targetPort',
      'spec.trafficPolicy.portLevelSettings[0]',
      'spec.subsets[0].trafficPolicy',
    ]);
  });

  test('accepts a well-formed DestinationRule', () => {
    const dr = destinationRule('a', 'shop', {
      host: 'reviews.shop.svc.cluster.local',
      trafficPolicy: { tunnel: { protocol: 'CONNECT', targetHost: 'api.example.com', targetPort: 443 }, portLevelSettings: [{ port: { number: 9080 }, tls: { mode: 'ISTIO_MUTUAL' } }] },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { retryBudget: { percent: 20 } } }],
    });
    expectValidIstioObjects([dr]);
    none(destinationRuleInvalidStructure, [dr]);
  });
});
