import { destinationRule } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const destinationRulePortTlsWithoutCa = ruleById('destinationrule-port-tls-without-ca');
const destinationRuleTlsWithoutCa = ruleById('destinationrule-tls-without-ca');

describe('destinationrule-port-tls-without-ca (IST0129)', () => {
  test('warns on a port-level SIMPLE TLS without caCertificates, and leaves the top level to IST0128', () => {
    const dr = destinationRule('db', 'shop', {
      host: 'db.example.com',
      trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] },
    });
    const d = one(destinationRulePortTlsWithoutCa, [dr], { path: 'spec.trafficPolicy.portLevelSettings[0].tls' });
    expect(d.message).toContain('Port 443 of the top-level traffic policy');
    none(destinationRuleTlsWithoutCa, [dr]);
  });

  test('accepts a port-level setting with caCertificates', () => {
    const dr = destinationRule('db', 'shop', {
      host: 'db.example.com',
      trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE', caCertificates: '/ca.pem' } }] },
    });
    none(destinationRulePortTlsWithoutCa, [dr]);
  });

  test('warns on a port-level credentialName without a workloadSelector, and accepts it with one', () => {
    const spec = { host: 'db.example.com', trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE', credentialName: 'db-cred' } }] } };
    one(destinationRulePortTlsWithoutCa, [destinationRule('db', 'shop', spec)], { path: 'spec.trafficPolicy.portLevelSettings[0].tls' });
    none(destinationRulePortTlsWithoutCa, [destinationRule('db', 'shop', { ...spec, workloadSelector: { matchLabels: { app: 'api' } } })]);
  });
});
