import { Severity } from '../../../../src/analysis/diagnostic';
import { gatewayWith, httpServer, httpsServer, workload } from '../../../fixtures/manifests';
import { clean, many, none, ruleById } from '../../../fixtures/rules';

const gatewayConflictingServers = ruleById('gateway-conflicting-servers');

const ingressPods = workload('edge-gw', 'edge', { app: 'edge-gw', istio: 'edge' });

describe('gateway-conflicting-servers', () => {
  test('reports two Gateways serving one host on one port with different TLS settings', () => {
    const a = gatewayWith('shop', 'edge', httpsServer(['shop.example.com'], { mode: 'SIMPLE', credentialName: 'shop-cert' }));
    const b = gatewayWith('shop-mtls', 'edge', { ...httpsServer(['shop.example.com'], { mode: 'MUTUAL', credentialName: 'shop-mtls' }), port: { number: 443, name: 'https-mtls', protocol: 'HTTPS' } });
    const ds = many(gatewayConflictingServers, [a, b], ['spec.servers[0]', 'spec.servers[0]'], { severity: Severity.ERROR });
    expect(ds.map((d) => d.resource.name)).toEqual(['shop', 'shop-mtls']);
    expect(ds[0].message).toContain('Their TLS settings differ: SIMPLE with credentialName shop-cert here, MUTUAL with credentialName shop-mtls there');
    expect(ds[0].message).toContain('edge/shop-mtls');
  });

  test('compares the host name without its namespace prefix', () => {
    const a = gatewayWith('a', 'edge', httpServer(['team-a/app.example.com']));
    const b = gatewayWith('b', 'edge', httpServer(['./app.example.com']));
    many(gatewayConflictingServers, [a, b], ['spec.servers[0]', 'spec.servers[0]']);
  });

  test('accepts the same host on other ports, binds or gateway workloads', () => {
    clean(gatewayConflictingServers, [
      ingressPods,
      gatewayWith('a', 'edge', httpServer(['app.example.com'])),
      gatewayWith('b', 'edge', { ...httpServer(['app.example.com']), port: { number: 8080, name: 'http-alt', protocol: 'HTTP' } }),
      gatewayWith('c', 'edge', httpServer(['app.example.com']), { istio: 'edge' }),
      gatewayWith('d', 'edge', httpServer(['app.example.com'], { bind: '10.0.0.2' })),
    ]);
  });

  // istioctl skips a Gateway it cannot decode, and the API server rejects it: it conflicts with nothing.
  test('leaves out a Gateway whose TLS mode is a name the enum does not have', () => {
    none(gatewayConflictingServers, [
      gatewayWith('shop', 'edge', httpsServer(['shop.example.com'], { mode: 'SIMPLE', credentialName: 'shop-cert' })),
      gatewayWith('broken', 'edge', httpsServer(['shop.example.com'], { mode: 'DISABLE', credentialName: 'other' })),
    ]);
  });

  test('leaves out a Gateway with a field of the wrong type', () => {
    none(gatewayConflictingServers, [
      gatewayWith('shop', 'edge', httpServer(['shop.example.com'])),
      gatewayWith('broken', 'edge', { ...httpServer(['shop.example.com']), port: { number: 80, name: 5, protocol: 'HTTP' } } as any),
    ]);
  });
});
