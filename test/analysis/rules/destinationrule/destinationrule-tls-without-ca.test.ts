import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { destinationRule } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const destinationRuleTlsWithoutCa = ruleById('destinationrule-tls-without-ca');

describe('destinationrule-tls-without-ca (IST0128)', () => {
  test('warns on SIMPLE TLS origination without caCertificates', () => {
    const dr = destinationRule('db', 'shop', { host: 'db.example.com', trafficPolicy: { tls: { mode: 'SIMPLE' } } });
    const d = one(destinationRuleTlsWithoutCa, [dr], { path: 'spec.trafficPolicy.tls', severity: Severity.WARNING });
    expect(d.message).toContain('The top-level traffic policy originates TLS (mode SIMPLE) to db.example.com without caCertificates');
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
    none(destinationRuleTlsWithoutCa, drs);
  });
});
