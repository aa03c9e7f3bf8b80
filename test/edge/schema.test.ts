import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CaptureMode, Gateway, GatewayServer, IstioApiVersion, Mesh, MeshService, OutboundTrafficPolicy, Protocol,
  ServerTls, ServiceEntry, ServiceEntryLocation, ServiceEntryResolution, Sidecar, TlsProtocolVersion, WorkloadSelector,
} from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';

/** An app using every edge feature, for one API version. */
function edgeFeatureApp(apiVersion: IstioApiVersion): Chart {
  const app = Testing.app();
  new Mesh(app, 'mesh', { apiVersion });
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const web = new MeshService(chart, 'web', { port: 8080 });
  web.addVersion('v1', new kplus.Deployment(chart, 'web-v1', { containers: [{ image: 'web', portNumber: 8080 }] }));

  const gateway = new Gateway(chart, 'public', {
    servers: [
      GatewayServer.http({ hosts: ['web.example.com'], httpsRedirect: true }),
      GatewayServer.https({ hosts: ['web.example.com'], tls: ServerTls.simple('web-cert', { minProtocolVersion: TlsProtocolVersion.TLSV1_2, secondCredentialName: 'web-cert-ecdsa' }) }),
      GatewayServer.https({ hosts: ['shop/partners.example.com'], port: 8443, tls: ServerTls.mutual('partners-cert', { subjectAltNames: ['partner.example.com'] }) }),
      GatewayServer.tls({ hosts: ['*/db.example.com'], port: 15443 }),
      GatewayServer.tcp({ port: 31400 }),
      new GatewayServer({ port: 9090, protocol: Protocol.GRPC, hosts: ['./grpc.example.com'], name: 'grpc' }),
    ],
  });
  web.exposeThroughGateway(gateway);
  web.exposeThroughGateway(Gateway.fromName(chart, 'shared', 'istio-system/shared-gateway'), { hosts: ['web.internal.example.com'] });

  const cnn = new ServiceEntry(chart, 'cnn', { hosts: ['edition.cnn.com'], ports: [{ number: 80, protocol: Protocol.HTTP }, { number: 443, protocol: Protocol.HTTPS }] });
  cnn.routeThroughEgressGateway();
  new ServiceEntry(chart, 'vms', {
    hosts: ['vms.shop.internal'],
    ports: [{ number: 8080, protocol: Protocol.HTTP, targetPort: 18080 }],
    location: ServiceEntryLocation.MESH_INTERNAL,
    resolution: ServiceEntryResolution.STATIC,
    endpoints: [{ address: '10.1.0.5', labels: { version: 'v1' }, locality: 'eu/west', weight: 2, network: 'vm-net', serviceAccount: 'vms' }],
    addresses: ['240.240.0.10'],
    exportTo: ['.'],
  });
  new Sidecar(chart, 'default', {
    egress: [
      { port: 3306, protocol: Protocol.MYSQL, hosts: ['db/mysql.db.svc.cluster.local'], captureMode: CaptureMode.DEFAULT },
      { hosts: ['./*', 'istio-system/*'], serviceEntries: [cnn] },
    ],
    outboundTrafficPolicy: OutboundTrafficPolicy.allowAny(),
  });
  new Sidecar(chart, 'web-sidecar', {
    selector: WorkloadSelector.fromMeshService(web),
    ingress: [{
      port: 8443,
      protocol: Protocol.HTTPS,
      defaultEndpoint: '127.0.0.1:8080',
      tls: ServerTls.simpleFromFiles({ serverCertificate: '/etc/certs/tls.crt', privateKey: '/etc/certs/tls.key' }),
      connectionPool: { tcp: { maxConnections: 50 } },
    }],
    inboundConnectionPool: { tcp: { maxConnections: 100, connectTimeout: Duration.seconds(1) } },
  });
  return chart;
}

describe('every edge object validates against Istio\'s CRD schema', () => {
  test.each([IstioApiVersion.V1, IstioApiVersion.V1BETA1])('all edge features, API %s', (apiVersion) => {
    const manifests = Testing.synth(edgeFeatureApp(apiVersion));
    const istio = manifests.filter((m) => m.apiVersion.includes('istio.io'));
    expect(istio.every((m) => m.apiVersion === `networking.istio.io/${apiVersion}`)).toBe(true);
    expect(istio.map((m) => m.kind).sort()).toEqual([
      'DestinationRule', 'DestinationRule', 'Gateway', 'Gateway', 'ServiceEntry', 'ServiceEntry', 'Sidecar', 'Sidecar', 'VirtualService', 'VirtualService',
    ]);
    expectValidIstioObjects(manifests);
  });
});
