import { Severity } from '../../../../src/analysis/diagnostic';
import { gateway, gatewayWith, httpServer } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const gatewayInvalidPort = ruleById('gateway-invalid-port');

const SELECTOR = { istio: 'ingressgateway' };

describe('gateway-invalid-port', () => {
  test('rejects an unknown protocol', () => {
    one(gatewayInvalidPort, [gatewayWith('web', 'edge', { port: { number: 80, name: 'web', protocol: 'WEB' }, hosts: ['*'] })], { path: 'spec.servers[0].port.protocol', severity: Severity.ERROR });
  });

  test('rejects port numbers outside 1..65535', () => {
    many(gatewayInvalidPort, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [{ port: { number: 0, name: 'a', protocol: 'HTTP' }, hosts: ['*'] }, { port: { number: 70000, name: 'b', protocol: 'HTTP' }, hosts: ['*'] }],
    })], ['spec.servers[0].port.number', 'spec.servers[1].port.number']);
  });

  test('rejects an empty port name and a name used twice', () => {
    const ds = many(gatewayInvalidPort, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [httpServer(['a.example.com']), { ...httpServer(['b.example.com']), port: { number: 8080, name: 'http', protocol: 'HTTP' } }, { port: { number: 81, name: '', protocol: 'HTTP' }, hosts: ['*'] }],
    })], ['spec.servers[1].port.name', 'spec.servers[2].port.name']);
    expect(ds[0].message).toContain('both use port name "http"');
  });

  test('rejects targetPort, which has no effect on a Gateway', () => {
    one(gatewayInvalidPort, [gatewayWith('web', 'edge', { port: { number: 80, name: 'http', protocol: 'HTTP', targetPort: 8080 }, hosts: ['*'] })], { path: 'spec.servers[0].port.targetPort' });
  });

  test('rejects a bind that is neither an IP nor a unix socket, and a unix socket with a port number', () => {
    many(gatewayInvalidPort, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [httpServer(['a.example.com'], { bind: 'localhost' }), { port: { number: 8080, name: 'uds', protocol: 'HTTP' }, hosts: ['*'], bind: 'unix:///var/run/gw.sock' }],
    })], ['spec.servers[0].bind', 'spec.servers[1].port.number']);
  });

  test('accepts an IP bind and a unix socket on port 0', () => {
    clean(gatewayInvalidPort, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [httpServer(['a.example.com'], { bind: '10.0.0.10' }), { port: { number: 0, name: 'uds', protocol: 'HTTP' }, hosts: ['*'], bind: 'unix:///var/run/gw.sock' }],
    })]);
  });
});
