import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { gateway, selecting, service, workload } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const gatewayPortNotOnService = ruleById('gateway-port-not-on-service');

const pods = workload('ingress', 'gateways', { istio: 'ingress' }, { ports: [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }] });
const server = (number: number, name: string) => ({ port: { number, name, protocol: 'HTTP' }, hosts: ['*.example.com'] });

describe('gateway-port-not-on-service (IST0162)', () => {
  test('warns on a server port that no Service in front of the gateway pods targets', () => {
    const svc = service('ingress', 'gateways', selecting({ istio: 'ingress' }, [{ name: 'http', port: 80, targetPort: 8080 }]));
    const gw = gateway('web', 'gateways', { selector: { istio: 'ingress' }, servers: [server(80, 'http')] });
    const d = one(gatewayPortNotOnService, [pods, svc, gw], { path: 'spec.servers[0].port.number', severity: Severity.WARNING });
    expect(d.message).toContain('Server port 80 is not a target port of the Services gateways/ingress');
    expect(d.fix).toContain('(8080)');
  });

  test('accepts server ports that are target ports, numeric or named', () => {
    const svc = service('ingress', 'gateways', selecting({ istio: 'ingress' }, [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 'https' }]));
    const gw = gateway('web', 'gateways', { selector: { istio: 'ingress' }, servers: [server(8080, 'http'), { port: { number: 8443, name: 'https', protocol: 'HTTPS' }, hosts: ['*.example.com'], tls: { mode: 'SIMPLE', credentialName: 'web-cert' } }] });
    expectValidIstioObjects([gw]);
    none(gatewayPortNotOnService, [pods, svc, gw]);
  });

  test('cannot judge a gateway whose pods are not in the app', () => {
    const gw = gateway('web', 'gateways', { selector: { istio: 'ingressgateway' }, servers: [server(80, 'http')] });
    none(gatewayPortNotOnService, [pods, gw]);
  });
});
