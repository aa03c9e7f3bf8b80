/**
 * A shop behind Istio's ingress gateway (HTTPS with a secret, HTTP redirecting to it), reaching an
 * external API through the egress gateway the way Istio documents it (TLS passthrough), with
 * REGISTRY_ONLY outbound traffic. The edge rules must stay quiet on it, and report each classic
 * mistake once.
 */
import { gateway, namespaceObject, selecting, service, serviceEntry, sidecar, virtualService, workload } from '../../fixtures/manifests';
import { clean, ruleById, run } from '../../fixtures/rules';

/** The rules about the mesh edge: gateways, service entries, sidecars, ports, enrollment. */
const EDGE_RULES = [
  'gateway-invalid-server', 'gateway-invalid-port', 'gateway-invalid-tls', 'gateway-tls-missing-credential',
  'gateway-ignored-tls-settings', 'serviceentry-invalid-host', 'serviceentry-partial-wildcard-host',
  'serviceentry-invalid-address', 'serviceentry-invalid-port', 'serviceentry-invalid-endpoint',
  'serviceentry-dns-unresolvable-host', 'serviceentry-multiple-hosts-tcp', 'serviceentry-invalid-export-to',
  'serviceentry-ignored-setting', 'sidecar-invalid-config', 'sidecar-invalid-ingress',
  'sidecar-invalid-egress', 'sidecar-invalid-outbound-traffic-policy', 'sidecar-ignored-setting',
  'virtualservice-host-not-in-gateway', 'gateway-selector-no-workloads', 'gateway-credential-not-found',
  'gateway-conflicting-servers', 'gateway-duplicate-certificate', 'service-port-protocol-undeclared',
  'service-externalname-port-name', 'serviceentry-conflicting-protocols', 'serviceentry-addresses-required',
  'sidecar-selector-no-workloads', 'sidecar-conflicting-selectors', 'sidecar-multiple-namespace-defaults',
  'sidecar-ineffective-in-ambient', 'namespace-not-enrolled', 'namespace-multiple-injection-labels',
  'serviceentry-conflicting-hosts', 'virtualservice-external-host-blocked',
].map(ruleById);

function shop(): any[] {
  const ns = 'shop';
  return [
    namespaceObject(ns, { 'istio-injection': 'enabled' }),
    workload('frontend', ns, { app: 'frontend' }),
    service('frontend', ns, selecting({ app: 'frontend' }, [{ name: 'http', port: 80, targetPort: 8080 }])),
    sidecar('default', ns, { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, egress: [{ hosts: ['./*', 'istio-system/*'] }] }),
    gateway('shop-gateway', ns, {
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'], tls: { httpsRedirect: true } },
        { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-cert' } },
      ],
    }),
    virtualService('frontend', ns, { hosts: ['shop.example.com'], gateways: ['shop-gateway'], http: [{ route: [{ destination: { host: 'frontend', port: { number: 80 } } }] }] }),
    serviceEntry('payments', ns, { hosts: ['api.payments.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] }),
    gateway('egress', ns, {
      selector: { istio: 'egressgateway' },
      servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['api.payments.example.com'], tls: { mode: 'PASSTHROUGH' } }],
    }),
    virtualService('payments-through-egress', ns, {
      hosts: ['api.payments.example.com'],
      gateways: ['mesh', 'egress'],
      tls: [
        {
          match: [{ gateways: ['mesh'], port: 443, sniHosts: ['api.payments.example.com'] }],
          route: [{ destination: { host: 'istio-egressgateway.istio-system.svc.cluster.local', port: { number: 443 } } }],
        },
        {
          match: [{ gateways: ['egress'], port: 443, sniHosts: ['api.payments.example.com'] }],
          route: [{ destination: { host: 'api.payments.example.com', port: { number: 443 } } }],
        },
      ],
    }),
  ];
}

describe('ingress and egress gateways under REGISTRY_ONLY', () => {
  test('a correct setup has no edge finding, and Istio\'s schema accepts it', () => {
    for (const rule of EDGE_RULES) clean(rule, shop());
  });

  test('the classic mistakes of that setup are each reported once, errors first', () => {
    const objects = shop().map((o) => JSON.parse(JSON.stringify(o)));
    const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
    delete find('Gateway', 'shop-gateway').spec.servers[1].tls.credentialName; // TLS without certificate
    find('Service', 'frontend').spec.ports[0].name = 'web'; // protocol left to sniffing
    objects.splice(objects.indexOf(find('ServiceEntry', 'payments')), 1); // external host undeclared
    find('VirtualService', 'frontend').spec.hosts = ['www.example.com']; // host the gateway does not serve
    const ds = run(EDGE_RULES, objects);
    expect(ds.map((d) => `${d.severity} ${d.ruleId} ${d.resource.kind}/${d.resource.name} ${d.path}`)).toEqual([
      'error gateway-tls-missing-credential Gateway/shop-gateway spec.servers[1].tls.serverCertificate',
      'error virtualservice-external-host-blocked VirtualService/payments-through-egress spec.tls[1].route[0].destination.host',
      'warning virtualservice-host-not-in-gateway VirtualService/frontend spec.gateways[0]',
      'info service-port-protocol-undeclared Service/frontend spec.ports[0].name',
    ]);
  });
});
