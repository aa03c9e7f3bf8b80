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

  test('warns on a credentialName in a DestinationRule without a workloadSelector (only gateways read it there)', () => {
    const dr = destinationRule('db', 'shop', { host: 'db.example.com', trafficPolicy: { tls: { mode: 'MUTUAL', credentialName: 'db-cred' } } });
    expectValidIstioObjects([dr]);
    const d = one(destinationRuleTlsWithoutCa, [dr], { path: 'spec.trafficPolicy.tls', severity: Severity.WARNING });
    expect(d.message).toContain('a DestinationRule without a workloadSelector hands credentialName to gateways only');
    expect(d.fix).toContain('workloadSelector');
  });

  test('warns on insecureSkipVerify without caCertificates, as istioctl does, saying verification is off', () => {
    const dr = destinationRule('c', 'shop', { host: 'c.example.com', trafficPolicy: { tls: { mode: 'SIMPLE', insecureSkipVerify: true } } });
    expect(one(destinationRuleTlsWithoutCa, [dr], { path: 'spec.trafficPolicy.tls' }).message).toContain('insecureSkipVerify: true and no caCertificates');
  });

  test('accepts caCertificates, a credentialName with a workloadSelector, and ISTIO_MUTUAL', () => {
    const drs = [
      destinationRule('a', 'shop', { host: 'a.example.com', trafficPolicy: { tls: { mode: 'SIMPLE', caCertificates: '/etc/ca.pem' } } }),
      destinationRule('b', 'shop', {
        host: 'b.example.com',
        workloadSelector: { matchLabels: { app: 'checkout' } },
        trafficPolicy: { tls: { mode: 'SIMPLE', credentialName: 'b-cred' } },
      }),
      destinationRule('d', 'shop', { host: 'd', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }),
    ];
    expectValidIstioObjects(drs);
    none(destinationRuleTlsWithoutCa, drs);
  });
});
