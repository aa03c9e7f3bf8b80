import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { destinationRule, selecting, service, serviceEntry, workload } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const destinationRuleHostNotFound = ruleById('destinationrule-host-not-found');

describe('destinationrule-host-not-found (IST0174)', () => {
  const api = workload('api', 'shop', { app: 'api' });
  const apiSvc = service('api', 'shop', selecting({ app: 'api' }));

  test('warns on a cluster-local host that no Service of its namespace declares', () => {
    const dr = destinationRule('ratings', 'shop', { host: 'ratings' });
    const d = one(destinationRuleHostNotFound, [api, apiSvc, dr], { path: 'spec.host', severity: Severity.WARNING });
    expect(d.message).toContain('"ratings" (ratings.shop.svc.cluster.local) matches no Service');
  });

  test('warns on an external host no ServiceEntry declares', () => {
    const found = one(destinationRuleHostNotFound, [destinationRule('ext', 'shop', { host: 'api.example.com' })], { path: 'spec.host' });
    expect(found.fix).toContain('ServiceEntry');
  });

  test('accepts Services, ServiceEntries (exact and wildcard), wildcard hosts and namespaces the app does not define', () => {
    const se = serviceEntry('ext', 'shop', { hosts: ['*.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'NONE' });
    const drs = [
      destinationRule('api', 'shop', { host: 'api.shop.svc.cluster.local' }),
      destinationRule('ext', 'shop', { host: 'payments.example.com' }),
      destinationRule('all', 'shop', { host: '*.shop.svc.cluster.local' }),
      destinationRule('other', 'shop', { host: 'reviews.billing.svc.cluster.local' }),
    ];
    expectValidIstioObjects([se, ...drs]);
    none(destinationRuleHostNotFound, [api, apiSvc, se, ...drs]);
  });
});
