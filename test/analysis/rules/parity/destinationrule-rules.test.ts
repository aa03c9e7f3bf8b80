import { destinationRule, run, service, serviceEntry, workload } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { destinationRuleHostNotFound } from '../../../../src/analysis/rules/destinationrule/destinationrule-host-not-found';
import { destinationRulePortTlsWithoutCa } from '../../../../src/analysis/rules/destinationrule/destinationrule-port-tls-without-ca';
import { destinationRuleTlsWithoutCa } from '../../../../src/analysis/rules/destinationrule/destinationrule-tls-without-ca';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';

describe('destinationrule-tls-without-ca (IST0128)', () => {
  test('warns on SIMPLE TLS origination without caCertificates', () => {
    const dr = destinationRule('db', 'shop', { host: 'db.example.com', trafficPolicy: { tls: { mode: 'SIMPLE' } } });
    const ds = run(destinationRuleTlsWithoutCa, [dr]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'destinationrule-tls-without-ca', severity: Severity.WARNING, istioCode: 'IST0128', path: 'spec.trafficPolicy.tls' });
    expect(ds[0].message).toContain('The top-level traffic policy originates TLS (mode SIMPLE) to db.example.com without caCertificates');
  });

  test('also checks subsets', () => {
    const dr = destinationRule('db', 'shop', { host: 'db.example.com', subsets: [{ name: 'v1', labels: { v: '1' }, trafficPolicy: { tls: { mode: 'MUTUAL', clientCertificate: '/c', privateKey: '/k' } } }] });
    expect(run(destinationRuleTlsWithoutCa, [dr])[0].path).toBe('spec.subsets[0].trafficPolicy.tls');
  });

  test('accepts caCertificates, a credentialName, an explicit insecureSkipVerify and ISTIO_MUTUAL', () => {
    const drs = [
      destinationRule('a', 'shop', { host: 'a.example.com', trafficPolicy: { tls: { mode: 'SIMPLE', caCertificates: '/etc/ca.pem' } } }),
      destinationRule('b', 'shop', { host: 'b.example.com', trafficPolicy: { tls: { mode: 'SIMPLE', credentialName: 'b-cred' } } }),
      destinationRule('c', 'shop', { host: 'c.example.com', trafficPolicy: { tls: { mode: 'SIMPLE', insecureSkipVerify: true } } }),
      destinationRule('d', 'shop', { host: 'd', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }),
    ];
    expectValidIstioObjects(drs);
    expect(run(destinationRuleTlsWithoutCa, drs)).toEqual([]);
  });
});

describe('destinationrule-port-tls-without-ca (IST0129)', () => {
  test('warns on a port-level SIMPLE TLS without caCertificates, and leaves the top level to IST0128', () => {
    const dr = destinationRule('db', 'shop', {
      host: 'db.example.com',
      trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] },
    });
    const ds = run(destinationRulePortTlsWithoutCa, [dr]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ istioCode: 'IST0129', path: 'spec.trafficPolicy.portLevelSettings[0].tls' });
    expect(ds[0].message).toContain('Port 443 of the top-level traffic policy');
    expect(run(destinationRuleTlsWithoutCa, [dr])).toEqual([]);
  });

  test('accepts a port-level setting with caCertificates', () => {
    const dr = destinationRule('db', 'shop', {
      host: 'db.example.com',
      trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE', caCertificates: '/ca.pem' } }] },
    });
    expect(run(destinationRulePortTlsWithoutCa, [dr])).toEqual([]);
  });
});

describe('destinationrule-host-not-found (IST0174)', () => {
  const api = workload('api', 'shop', { app: 'api' });
  const apiSvc = service('api', 'shop', { app: 'api' });

  test('warns on a cluster-local host that no Service of its namespace declares', () => {
    const dr = destinationRule('ratings', 'shop', { host: 'ratings' });
    const ds = run(destinationRuleHostNotFound, [api, apiSvc, dr]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'destinationrule-host-not-found', severity: Severity.WARNING, istioCode: 'IST0174', path: 'spec.host' });
    expect(ds[0].message).toContain('"ratings" (ratings.shop.svc.cluster.local) matches no Service');
  });

  test('warns on an external host no ServiceEntry declares', () => {
    const ds = run(destinationRuleHostNotFound, [destinationRule('ext', 'shop', { host: 'api.example.com' })]);
    expect(ds).toHaveLength(1);
    expect(ds[0].fix).toContain('ServiceEntry');
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
    expect(run(destinationRuleHostNotFound, [api, apiSvc, se, ...drs])).toEqual([]);
  });
});
