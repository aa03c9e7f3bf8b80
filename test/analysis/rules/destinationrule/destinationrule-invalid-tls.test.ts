import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-invalid-tls');

const tls = (settings: Record<string, any>) => drPolicy({ tls: settings }, [], 'shop');

describe('destinationrule-invalid-tls', () => {
  test('reports credentialName together with certificate files', () => {
    const d = one(rule, [tls({ mode: 'SIMPLE', credentialName: 'api-ca', caCertificates: '/etc/certs/ca.pem' })], {
      path: 'spec.trafficPolicy.tls.credentialName',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('credentialName "api-ca" and also caCertificates');
  });

  test('reports MUTUAL without credentialName and without client certificate', () => {
    const d = one(rule, [tls({ mode: 'MUTUAL', privateKey: '/etc/certs/key.pem' })], { path: 'spec.trafficPolicy.tls' });
    expect(d.message).toContain('MUTUAL without credentialName and without clientCertificate');
  });

  test('reports insecureSkipVerify with caCertificates in SIMPLE mode', () => {
    const d = one(rule, [tls({ mode: 'SIMPLE', insecureSkipVerify: true, caCertificates: '/etc/ca.pem', subjectAltNames: ['api.example'] })], {
      path: 'spec.trafficPolicy.tls.insecureSkipVerify',
    });
    expect(d.message).toContain('also caCertificates, subjectAltNames');
  });

  test('reports insecureSkipVerify with credentialName in SIMPLE mode', () => {
    const d = one(rule, [tls({ mode: 'SIMPLE', insecureSkipVerify: true, credentialName: 'api-ca' })], { path: 'spec.trafficPolicy.tls.insecureSkipVerify' });
    expect(d.message).toContain('credentialName');
  });

  test('reports a configmap:// credential in another namespace', () => {
    const d = one(rule, [tls({ mode: 'SIMPLE', credentialName: 'configmap://istio-system/ca' })], { path: 'spec.trafficPolicy.tls.credentialName' });
    expect(d.message).toContain('namespace "istio-system", but the DestinationRule is in "shop"');
    expect(d.fix).toContain('configmap://shop/ca');
  });

  test('reports a configmap:// credential without namespace', () => {
    const d = one(rule, [tls({ mode: 'SIMPLE', credentialName: 'configmap://ca' })], { path: 'spec.trafficPolicy.tls.credentialName' });
    expect(d.message).toContain('configmap://<namespace>/<name>');
  });

  test('checks port-level TLS of subsets too', () => {
    const dr = drPolicy(undefined, [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'MUTUAL' } }] } }]);
    const d = one(rule, [dr], { path: 'spec.subsets[0].trafficPolicy.portLevelSettings[0].tls' });
    expect(d.message).toContain('port 443 of subset "v1"');
  });

  test('accepts credentialName alone, files alone, ISTIO_MUTUAL and insecureSkipVerify alone', () => {
    none(rule, [tls({ mode: 'MUTUAL', credentialName: 'client-cert' })]);
    none(rule, [tls({ mode: 'MUTUAL', clientCertificate: '/c.pem', privateKey: '/k.pem', caCertificates: '/ca.pem' })]);
    none(rule, [tls({ mode: 'ISTIO_MUTUAL' })]);
    none(rule, [tls({ mode: 'SIMPLE', insecureSkipVerify: true })]);
    none(rule, [tls({ mode: 'SIMPLE', credentialName: 'configmap://shop/ca' })]);
  });
});
