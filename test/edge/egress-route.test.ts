import { Chart, Testing } from 'cdk8s';
import { Gateway, GatewaySelector, GatewayServer, Mesh, Protocol, ServiceEntry, ServiceEntryResolution } from '../../src';
import { edgeApp, only, problems, synthValid } from '../fixtures/app';

const GATEWAY_SERVICE = 'istio-egressgateway.istio-system.svc.cluster.local';

/** Istio's "Egress Gateways" task: edition.cnn.com on 80 (HTTP) and 443 (HTTPS). */
function cnn(ports = [{ number: 80, protocol: Protocol.HTTP }, { number: 443, protocol: Protocol.HTTPS }]) {
  const { mesh, chart } = edgeApp();
  const entry = new ServiceEntry(chart, 'cnn', { hosts: ['edition.cnn.com'], ports, resolution: ServiceEntryResolution.DNS });
  return { mesh, chart, entry };
}

describe('ServiceEntry.routeThroughEgressGateway: the objects of Istio\'s Egress Gateways task', () => {
  test('an egress Gateway serving the host: HTTP as is, HTTPS as TLS passthrough', () => {
    const { chart, entry } = cnn();
    entry.routeThroughEgressGateway();
    const gw = only(synthValid(chart), 'Gateway');
    expect(gw.metadata).toEqual({ name: 'cnn-egress', namespace: 'shop' });
    expect(gw.spec).toEqual({
      selector: { istio: 'egressgateway' },
      servers: [
        { port: { number: 80, name: 'http-80', protocol: 'HTTP' }, hosts: ['edition.cnn.com'] },
        { port: { number: 443, name: 'tls-443', protocol: 'TLS' }, hosts: ['edition.cnn.com'], tls: { mode: 'PASSTHROUGH' } },
      ],
    });
  });

  test('a DestinationRule with a subset for the egress gateway, in the gateway Service\'s namespace', () => {
    const { chart, entry } = cnn();
    entry.routeThroughEgressGateway();
    const dr = only(synthValid(chart), 'DestinationRule');
    expect(dr.metadata).toEqual({ name: 'cnn-egress', namespace: 'istio-system' });
    expect(dr.spec).toEqual({ host: GATEWAY_SERVICE, subsets: [{ name: 'cnn' }] });
  });

  test('a VirtualService sending sidecars to the gateway and the gateway to the host, per port', () => {
    const { chart, entry } = cnn();
    entry.routeThroughEgressGateway();
    const vs = only(synthValid(chart), 'VirtualService');
    expect(vs.metadata).toEqual({ name: 'cnn-egress', namespace: 'shop' });
    expect(vs.spec).toEqual({
      hosts: ['edition.cnn.com'],
      gateways: ['shop/cnn-egress', 'mesh'],
      http: [
        {
          name: 'mesh-to-egress-gateway-80',
          match: [{ gateways: ['mesh'], port: 80 }],
          route: [{ destination: { host: GATEWAY_SERVICE, subset: 'cnn', port: { number: 80 } } }],
        },
        {
          name: 'egress-gateway-to-external-80',
          match: [{ gateways: ['shop/cnn-egress'], port: 80 }],
          route: [{ destination: { host: 'edition.cnn.com', port: { number: 80 } } }],
        },
      ],
      tls: [
        {
          match: [{ gateways: ['mesh'], port: 443, sniHosts: ['edition.cnn.com'] }],
          route: [{ destination: { host: GATEWAY_SERVICE, subset: 'cnn', port: { number: 443 } } }],
        },
        {
          match: [{ gateways: ['shop/cnn-egress'], port: 443, sniHosts: ['edition.cnn.com'] }],
          route: [{ destination: { host: 'edition.cnn.com', port: { number: 443 } } }],
        },
      ],
    });
  });

  test('the DestinationRule comes before the VirtualService that names its subset', () => {
    const { chart, entry } = cnn();
    entry.routeThroughEgressGateway();
    const kinds = synthValid(chart).map((m) => m.kind);
    expect(kinds.indexOf('DestinationRule')).toBeLessThan(kinds.indexOf('VirtualService'));
  });

  test('the whole set validates and raises no analysis problem', () => {
    const { mesh, chart, entry } = cnn();
    entry.routeThroughEgressGateway();
    expect(() => synthValid(chart)).not.toThrow();
    expect(problems(mesh)).toEqual([]);
  });

  test('the configured root namespace and cluster domain give the egress gateway Service', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { rootNamespace: 'istio-gateways', clusterDomain: 'corp.local' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const route = new ServiceEntry(chart, 'cnn', { hosts: ['edition.cnn.com'], ports: [{ number: 80, protocol: Protocol.HTTP }] }).routeThroughEgressGateway();
    expect(route.gatewayService).toBe('istio-egressgateway.istio-gateways.svc.corp.local');
    expect(only(synthValid(chart), 'DestinationRule').metadata.namespace).toBe('istio-gateways');
  });
});

describe('ServiceEntry.routeThroughEgressGateway: options', () => {
  test('ports picks which ports go through the gateway', () => {
    const { chart, entry } = cnn();
    const route = entry.routeThroughEgressGateway({ ports: [443] });
    expect(route.ports).toEqual([443]);
    const vs = only(synthValid(chart), 'VirtualService');
    expect(vs.spec.http).toBeUndefined();
    expect(vs.spec.tls).toHaveLength(2);
  });

  test('a name, a subset and a gateway Service of your own', () => {
    const { chart, entry } = cnn();
    entry.routeThroughEgressGateway({ name: 'news', subsetName: 'news', gatewayService: 'egress.gateways.svc.cluster.local' });
    const manifests = synthValid(chart);
    expect(only(manifests, 'DestinationRule').metadata).toEqual({ name: 'news', namespace: 'gateways' });
    expect(only(manifests, 'VirtualService').spec.http[0].route[0].destination).toEqual({ host: 'egress.gateways.svc.cluster.local', subset: 'news', port: { number: 80 } });
  });

  test('a Gateway of the app gets the servers the route needs', () => {
    const { chart, entry } = cnn([{ number: 443, protocol: Protocol.TLS }]);
    const shared = new Gateway(chart, 'egress', { selector: GatewaySelector.egressGateway(), servers: [GatewayServer.http({ hosts: ['other.example.com'] })] });
    entry.routeThroughEgressGateway({ gateway: shared });
    const manifests = synthValid(chart);
    expect(manifests.filter((m) => m.kind === 'Gateway')).toHaveLength(1);
    expect(only(manifests, 'Gateway').spec.servers[1]).toEqual({ port: { number: 443, name: 'tls-443', protocol: 'TLS' }, hosts: ['edition.cnn.com'], tls: { mode: 'PASSTHROUGH' } });
    expect(only(manifests, 'VirtualService').spec.gateways).toEqual(['shop/egress', 'mesh']);
  });

  test('a Gateway defined elsewhere is named, and the VirtualService skips virtualservice-gateway-not-found', () => {
    const { mesh, chart, entry } = cnn();
    entry.routeThroughEgressGateway({ gateway: Gateway.fromName(chart, 'egress', 'istio-system/egress-gateway') });
    const manifests = synthValid(chart);
    expect(manifests.filter((m) => m.kind === 'Gateway')).toHaveLength(0);
    const vs = only(manifests, 'VirtualService');
    expect(vs.spec.gateways).toEqual(['istio-system/egress-gateway', 'mesh']);
    expect(vs.metadata.annotations).toEqual({ 'cdk8s-istio.io/ignore-rules': 'virtualservice-gateway-not-found,virtualservice-host-not-in-gateway' });
    expect(problems(mesh)).toEqual([]);
  });

  test('several hosts get a VirtualService each, so the gateway forwards each to its own host', () => {
    const { chart } = edgeApp();
    new ServiceEntry(chart, 'news', { hosts: ['a.news.example.com', 'b.news.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }] })
      .routeThroughEgressGateway();
    const vss = synthValid(chart).filter((m) => m.kind === 'VirtualService');
    expect(vss.map((v) => [v.metadata.name, v.spec.hosts, v.spec.tls[1].route[0].destination.host])).toEqual([
      ['news-egress-1', ['a.news.example.com'], 'a.news.example.com'],
      ['news-egress-2', ['b.news.example.com'], 'b.news.example.com'],
    ]);
  });
});

describe('ServiceEntry.routeThroughEgressGateway: refused', () => {
  test('resolution NONE: the gateway would send the traffic back to itself', () => {
    const { chart } = edgeApp();
    const entry = new ServiceEntry(chart, 'cnn', { hosts: ['edition.cnn.com'], ports: [{ number: 80, protocol: Protocol.HTTP }], resolution: ServiceEntryResolution.NONE });
    expect(() => entry.routeThroughEgressGateway()).toThrow(/shop\/cnn\/EgressGateway: the ServiceEntry cnn has resolution NONE.*resolution: ServiceEntryResolution.DNS/);
  });

  test('a wildcard host', () => {
    const { chart } = edgeApp();
    const entry = new ServiceEntry(chart, 'wiki', { hosts: ['*.wikipedia.org'], ports: [{ number: 443, protocol: Protocol.TLS }], resolution: ServiceEntryResolution.DNS_ROUND_ROBIN, endpoints: [{ address: 'www.wikipedia.org' }] });
    expect(() => entry.routeThroughEgressGateway()).toThrow(/host '\*\.wikipedia\.org' is a wildcard/);
  });

  test('a port the ServiceEntry does not have, or a TCP port', () => {
    const ports = [{ number: 80, protocol: Protocol.HTTP }, { number: 5432, protocol: Protocol.TCP }];
    expect(() => cnn(ports).entry.routeThroughEgressGateway({ ports: [8080] })).toThrow(/ports\[0\] is 8080, which is not a port of the ServiceEntry; use one of its ports: 80, 5432/);
    expect(() => cnn(ports).entry.routeThroughEgressGateway({ ports: [5432] })).toThrow(/ports\[0\] is 5432, a TCP port; an egress gateway can only route HTTP and TLS ports by host/);
  });

  test('a second route for the same ServiceEntry', () => {
    const { entry } = cnn();
    entry.routeThroughEgressGateway({ ports: [80] });
    expect(() => entry.routeThroughEgressGateway({ ports: [443] })).toThrow(/shop\/cnn: routeThroughEgressGateway\(\) was already called.*ports: \[\.\.\.\]/);
  });

  test('a ServiceEntry with no HTTP or TLS port', () => {
    const { entry } = cnn([{ number: 5432, protocol: Protocol.TCP }]);
    expect(() => entry.routeThroughEgressGateway()).toThrow(/has no HTTP or TLS port \(5432\/TCP\)/);
  });
});
