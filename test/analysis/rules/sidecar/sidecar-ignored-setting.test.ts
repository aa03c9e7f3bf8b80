import { Severity } from '../../../../src/analysis/diagnostic';
import { sidecar } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const sidecarIgnoredSetting = ruleById('sidecar-ignored-setting');

const EGRESS = [{ hosts: ['./*', 'istio-system/*'] }];

describe('sidecar-ignored-setting', () => {
  test('warns about a repeated egress host and a host covered by "ns/*"', () => {
    const ds = many(sidecarIgnoredSetting, [sidecar('default', 'shop', { egress: [{ hosts: ['./*', 'shop/reviews.shop.svc.cluster.local', 'istio-system/*', 'istio-system/*'] }] })], ['spec.egress[0].hosts[1]', 'spec.egress[0].hosts[3]']);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0133' });
  });

  test('warns about "*/*" with other hosts', () => {
    one(sidecarIgnoredSetting, [sidecar('default', 'shop', { egress: [{ hosts: ['*/*', 'istio-system/*'] }] })], { path: 'spec.egress[0].hosts' });
  });

  test('warns about HTTP pool settings on a TCP listener and a selector without labels', () => {
    many(sidecarIgnoredSetting, [sidecar('db', 'shop', {
      workloadSelector: {},
      ingress: [{ port: { number: 5432, protocol: 'TCP', name: 'tcp-pg' }, connectionPool: { http: { http1MaxPendingRequests: 10 } } }],
    })], ['spec.workloadSelector', 'spec.ingress[0].connectionPool.http']);
  });

  test('accepts distinct hosts', () => {
    clean(sidecarIgnoredSetting, [sidecar('default', 'shop', { egress: EGRESS })]);
  });
});
