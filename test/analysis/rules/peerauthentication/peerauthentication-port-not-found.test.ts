import { Severity } from '../../../../src/analysis/diagnostic';
import { peerAuthentication, selecting, service, workload } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const peerAuthenticationPortNotFound = ruleById('peerauthentication-port-not-found');

const api = workload('api', 'shop', { app: 'api', version: 'v1' }, { ports: [{ containerPort: 8080 }] });
const web = workload('web', 'shop', { app: 'web' });

describe('peerauthentication-port-not-found', () => {
  test('warns about a port-level mode for a port the workload does not declare, spotting a Service port', () => {
    const svc = service('api', 'shop', selecting({ app: 'api' }, [{ name: 'http', port: 80, targetPort: 8080 }]));
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 80: { mode: 'DISABLE' } } });
    const d = one(peerAuthenticationPortNotFound, [api, svc, pa], { path: 'spec.portLevelMtls["80"]', severity: Severity.WARNING });
    expect(d.message).toContain('port 80');
    expect(d.message).toContain('declare only container ports 8080');
    expect(d.message).toContain('Service shop/api, whose targetPort is 8080');
    expect(d.fix).toContain('(8080)');
  });

  test('accepts declared ports and does not judge pods without declared ports', () => {
    const pa = peerAuthentication('api', 'shop', { selector: { matchLabels: { app: 'api' } }, portLevelMtls: { 8080: { mode: 'DISABLE' } } });
    const webPa = peerAuthentication('web', 'shop', { selector: { matchLabels: { app: 'web' } }, portLevelMtls: { 1234: { mode: 'DISABLE' } } });
    none(peerAuthenticationPortNotFound, [api, web, pa, webPa]);
  });
});
