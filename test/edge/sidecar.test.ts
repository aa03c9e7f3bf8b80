import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CaptureMode, Mesh, MeshService, OutboundTrafficPolicy, Protocol, ServerTls, ServiceEntry, Sidecar, WorkloadSelector,
} from '../../src';
import { edgeApp, only, problems, synthValid } from '../fixtures/app';

const sidecarOf = (chart: any) => only(synthValid(chart), 'Sidecar');

describe('Sidecar: scope', () => {
  test('without selector it applies to the chart\'s namespace', () => {
    const { chart } = edgeApp();
    new Sidecar(chart, 'default', { egress: [{ hosts: ['./*', 'istio-system/*'] }] });
    const sc = sidecarOf(chart);
    expect(sc.apiVersion).toBe('networking.istio.io/v1');
    expect(sc.metadata).toEqual({ name: 'default', namespace: 'shop' });
    expect(sc.spec).toEqual({ egress: [{ hosts: ['./*', 'istio-system/*'] }] });
  });

  test('a workload selector is written as workloadSelector.labels', () => {
    const { chart } = edgeApp();
    const api = new kplus.Deployment(chart, 'api', { containers: [{ image: 'api', portNumber: 8080 }] });
    new Sidecar(chart, 'api-sidecar', { selector: WorkloadSelector.fromWorkload(api), egress: [{ hosts: ['./*'] }] });
    expect(sidecarOf(chart).spec.workloadSelector).toEqual({ labels: api.matchLabels });
  });

  test('meshWide goes to the root namespace', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { rootNamespace: 'istio-config' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new Sidecar(chart, 'mesh-default', { meshWide: true, outboundTrafficPolicy: OutboundTrafficPolicy.registryOnly() });
    expect(sidecarOf(chart).metadata.namespace).toBe('istio-config');
  });

  test('an empty Sidecar fails the synth: Istio rejects it', () => {
    const { chart } = edgeApp();
    new Sidecar(chart, 'empty');
    expect(() => synthValid(chart)).toThrow(/shop\/empty: the Sidecar configures nothing; Istio rejects an empty Sidecar/);
  });
});

describe('Sidecar: egress', () => {
  test('hosts added later join the catch-all listener', () => {
    const { chart } = edgeApp();
    const sc = new Sidecar(chart, 'default');
    sc.addEgressHosts('./*');
    sc.addEgressHosts('istio-system/*', './*');
    expect(sidecarOf(chart).spec.egress).toEqual([{ hosts: ['./*', 'istio-system/*'] }]);
  });

  test('mesh services and ServiceEntries are named namespace/host', () => {
    const { chart } = edgeApp();
    const reviews = new MeshService(chart, 'reviews', { port: 9080, namespace: 'reviews' });
    const api = new ServiceEntry(chart, 'api', { hosts: ['api.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }] });
    new Sidecar(chart, 'default', { egress: [{ hosts: ['istio-system/*'], services: [reviews], serviceEntries: [api] }] });
    expect(sidecarOf(chart).spec.egress).toEqual([{ hosts: ['istio-system/*', 'reviews/reviews.reviews.svc.cluster.local', 'shop/api.example.com'] }]);
  });

  test('port listeners come first, the catch-all last', () => {
    const { chart } = edgeApp();
    const sc = new Sidecar(chart, 'default');
    sc.addEgressHosts('./*');
    sc.addEgressListener({ port: 3306, protocol: Protocol.MYSQL, portName: 'mysql', hosts: ['db/mysql.db.svc.cluster.local'], bind: '127.0.0.1', captureMode: CaptureMode.NONE });
    expect(sidecarOf(chart).spec.egress).toEqual([
      { port: { number: 3306, protocol: 'MYSQL', name: 'mysql' }, bind: '127.0.0.1', captureMode: 'NONE', hosts: ['db/mysql.db.svc.cluster.local'] },
      { hosts: ['./*'] },
    ]);
  });

  test('a unix socket listener has port 0 and a protocol', () => {
    const { chart } = edgeApp();
    new Sidecar(chart, 'uds', { egress: [{ port: 0, protocol: Protocol.HTTP, bind: 'unix:///var/run/egress.sock', hosts: ['./*'] }] });
    expect(sidecarOf(chart).spec.egress[0]).toEqual({ port: { number: 0, protocol: 'HTTP' }, bind: 'unix:///var/run/egress.sock', hosts: ['./*'] });
  });

  test('hosts without a namespace part, with a bad namespace, or short names are refused', () => {
    const { chart } = edgeApp();
    const sc = new Sidecar(chart, 'default');
    expect(() => sc.addEgressHosts('reviews.shop.svc.cluster.local')).toThrow(/shop\/default: addEgressHosts\(\)\.hosts\[0\] 'reviews.shop.svc.cluster.local' has no namespace part; write 'namespace\/dnsName'/);
    expect(() => sc.addEgressHosts('Shop/*')).toThrow(/has namespace part 'Shop'/);
    expect(() => sc.addEgressHosts('shop/reviews')).toThrow(/has a host part that is a short name/);
    expect(() => sc.addEgressHosts('shop/10.0.0.1')).toThrow(/has an IP address as host part/);
  });

  test('a listener without hosts is refused', () => {
    const { chart } = edgeApp();
    expect(() => new Sidecar(chart, 'default', { egress: [{ port: 80 }] })).toThrow(/egress\[0\] has no host/);
  });

  test('two listeners on one port are refused', () => {
    const { chart } = edgeApp();
    const sc = new Sidecar(chart, 'default', { egress: [{ port: 80, hosts: ['./*'] }] });
    expect(() => sc.addEgressListener({ port: 80, hosts: ['istio-system/*'] })).toThrow(/port 80 already has an egress listener/);
  });

  test('bind or protocol without a port is refused', () => {
    const { chart } = edgeApp();
    expect(() => new Sidecar(chart, 'a', { egress: [{ hosts: ['./*'], bind: '127.0.0.1' }] })).toThrow(/sets bind or captureMode without a port/);
    expect(() => new Sidecar(chart, 'b', { egress: [{ hosts: ['./*'], protocol: Protocol.HTTP }] })).toThrow(/sets protocol without port/);
  });
});

describe('Sidecar: outbound traffic policy', () => {
  test('REGISTRY_ONLY', () => {
    const { chart } = edgeApp();
    new Sidecar(chart, 'default', { outboundTrafficPolicy: OutboundTrafficPolicy.registryOnly() });
    expect(sidecarOf(chart).spec).toEqual({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
  });

  test('ALLOW_ANY', () => {
    const { chart } = edgeApp();
    new Sidecar(chart, 'default', { outboundTrafficPolicy: OutboundTrafficPolicy.allowAny() });
    expect(sidecarOf(chart).spec.outboundTrafficPolicy).toEqual({ mode: 'ALLOW_ANY' });
  });
});

describe('Sidecar: ingress', () => {
  test('a listener forwarding to a local endpoint', () => {
    const { chart } = edgeApp();
    new Sidecar(chart, 'api', { ingress: [{ port: 9080, protocol: Protocol.HTTP, portName: 'http', defaultEndpoint: '127.0.0.1:8080' }] });
    expect(sidecarOf(chart).spec.ingress).toEqual([{ port: { number: 9080, protocol: 'HTTP', name: 'http' }, defaultEndpoint: '127.0.0.1:8080' }]);
  });

  test('TLS from files and connection limits', () => {
    const { chart } = edgeApp();
    const sc = new Sidecar(chart, 'api', { inboundConnectionPool: { tcp: { maxConnections: 100 } } });
    sc.addIngressListener({
      port: 8443,
      protocol: Protocol.HTTPS,
      defaultEndpoint: 'unix:///var/run/app.sock',
      tls: ServerTls.simpleFromFiles({ serverCertificate: '/etc/certs/tls.crt', privateKey: '/etc/certs/tls.key' }),
      connectionPool: { tcp: { maxConnections: 10, connectTimeout: Duration.millis(500) } },
    });
    const spec = sidecarOf(chart).spec;
    expect(spec.ingress[0]).toEqual({
      port: { number: 8443, protocol: 'HTTPS' },
      defaultEndpoint: 'unix:///var/run/app.sock',
      tls: { mode: 'SIMPLE', serverCertificate: '/etc/certs/tls.crt', privateKey: '/etc/certs/tls.key' },
      connectionPool: { tcp: { maxConnections: 10, connectTimeout: '500ms' } },
    });
    expect(spec.inboundConnectionPool).toEqual({ tcp: { maxConnections: 100 } });
  });

  test('a default endpoint that is not local is refused', () => {
    const { chart } = edgeApp();
    expect(() => new Sidecar(chart, 'api', { ingress: [{ port: 9080, defaultEndpoint: '10.0.0.1:8080' }] })).toThrow(/ingress\[0\]\.defaultEndpoint '10.0.0.1:8080' is not a local endpoint Istio accepts; use '127.0.0.1:<port>'/);
    expect(() => new Sidecar(chart, 'api2', { ingress: [{ port: 9080, defaultEndpoint: '127.0.0.1' }] })).toThrow(/is not a local endpoint/);
  });

  test('TLS from a Secret or with Istio\'s mutual TLS is refused on a sidecar', () => {
    const { chart } = edgeApp();
    expect(() => new Sidecar(chart, 'a', { ingress: [{ port: 8443, protocol: Protocol.TLS, tls: ServerTls.simple('cred') }] })).toThrow(/reads a Secret \(credentialName\), which sidecars do not support/);
    expect(() => new Sidecar(chart, 'b', { ingress: [{ port: 8443, protocol: Protocol.HTTPS, tls: ServerTls.istioMutual() }] })).toThrow(/mode ISTIO_MUTUAL is not available on a sidecar ingress listener/);
  });

  test('TLS on a port that is not HTTPS or TLS is refused', () => {
    const { chart } = edgeApp();
    const tls = ServerTls.simpleFromFiles({ serverCertificate: '/c/tls.crt', privateKey: '/c/tls.key' });
    expect(() => new Sidecar(chart, 'a', { ingress: [{ port: 8443, protocol: Protocol.HTTP, tls }] })).toThrow(/ingress\[0\] terminates TLS on a port whose protocol is HTTP/);
  });

  test('two listeners on one port are refused', () => {
    const { chart } = edgeApp();
    expect(() => new Sidecar(chart, 'api', { ingress: [{ port: 9080 }, { port: 9080 }] })).toThrow(/ingress\[1\]\.port 9080 already has an ingress listener/);
  });
});

describe('Sidecar: a namespace locked down to what it uses', () => {
  test('validates and raises no analysis problem', () => {
    const { mesh, chart } = edgeApp();
    const api = new ServiceEntry(chart, 'api', { namespace: 'external', hosts: ['api.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }] });
    new Sidecar(chart, 'default', {
      egress: [{ hosts: ['./*', 'istio-system/*'], serviceEntries: [api] }],
      outboundTrafficPolicy: OutboundTrafficPolicy.registryOnly(),
    });
    expect(sidecarOf(chart).spec.egress).toEqual([{ hosts: ['./*', 'istio-system/*', 'external/api.example.com'] }]);
    expect(problems(mesh)).toEqual([]);
  });

  test('a service or ServiceEntry of a namespace already listed whole is not repeated', () => {
    const { chart } = edgeApp();
    const api = new ServiceEntry(chart, 'api', { hosts: ['api.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }] });
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    new Sidecar(chart, 'default', { egress: [{ hosts: ['./*'], serviceEntries: [api], services: [reviews] }] });
    expect(sidecarOf(chart).spec.egress).toEqual([{ hosts: ['./*'] }]);
  });
});
