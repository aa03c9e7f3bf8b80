import { sidecar } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const sidecarInvalidEgress = ruleById('sidecar-invalid-egress');

describe('sidecar-invalid-egress', () => {
  test('rejects a host without namespace and a short name', () => {
    const ds = many(sidecarInvalidEgress, [sidecar('default', 'shop', { egress: [{ hosts: ['reviews.shop.svc.cluster.local', 'shop/reviews'] }] })], ['spec.egress[0].hosts[0]', 'spec.egress[0].hosts[1]']);
    expect(ds[0].message).toContain('namespace/dnsName');
    expect(ds[1].message).toContain('short name');
  });

  test('rejects port-less (catch-all) listeners that are not the last one', () => {
    const ds = many(sidecarInvalidEgress, [sidecar('default', 'shop', {
      egress: [{ hosts: ['./*'] }, { port: { number: 8080, protocol: 'HTTP', name: 'http' }, hosts: ['./*'] }, { hosts: ['istio-system/*'] }, { hosts: ['*/*'] }],
    })], ['spec.egress[0]', 'spec.egress[2]']);
    expect(ds[0].message).toContain('is not the last egress listener');
  });

  test('rejects port 0 without a unix socket bind', () => {
    one(sidecarInvalidEgress, [sidecar('default', 'shop', { egress: [{ port: { number: 0, protocol: 'HTTP', name: 'uds' }, hosts: ['./*'] }] })], { path: 'spec.egress[0].bind' });
  });

  test('accepts namespace/host forms and a catch-all last', () => {
    clean(sidecarInvalidEgress, [sidecar('default', 'shop', {
      egress: [{ port: { number: 9080, protocol: 'HTTP', name: 'http' }, hosts: ['prod/reviews.prod.svc.cluster.local'] }, { hosts: ['./*', 'istio-system/*', '*/api.example.com', '~/*'] }],
    })]);
  });
});
