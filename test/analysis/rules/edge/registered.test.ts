import { deployment, gateway, namespaceObject, service, serviceEntry, sidecar, virtualService } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { analyzeSources } from '../../../../src/analysis/engine';
import { ALL_RULES } from '../../../../src/analysis/rules';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';

const IDS: Record<string, [Severity, string | undefined]> = {
  'gateway-invalid-server': [Severity.ERROR, 'IST0106'],
  'gateway-invalid-port': [Severity.ERROR, 'IST0106'],
  'gateway-invalid-tls': [Severity.ERROR, 'IST0106'],
  'gateway-tls-missing-credential': [Severity.ERROR, 'IST0106'],
  'gateway-ignored-tls-settings': [Severity.WARNING, 'IST0133'],
  'serviceentry-invalid-host': [Severity.ERROR, 'IST0106'],
  'serviceentry-partial-wildcard-host': [Severity.WARNING, 'IST0133'],
  'serviceentry-invalid-address': [Severity.ERROR, 'IST0106'],
  'serviceentry-invalid-port': [Severity.ERROR, 'IST0106'],
  'serviceentry-invalid-endpoint': [Severity.ERROR, 'IST0106'],
  'serviceentry-dns-unresolvable-host': [Severity.ERROR, 'IST0106'],
  'serviceentry-multiple-hosts-tcp': [Severity.ERROR, 'IST0106'],
  'serviceentry-invalid-export-to': [Severity.ERROR, 'IST0106'],
  'serviceentry-ignored-setting': [Severity.WARNING, 'IST0133'],
  'sidecar-invalid-config': [Severity.ERROR, 'IST0106'],
  'sidecar-invalid-ingress': [Severity.ERROR, 'IST0106'],
  'sidecar-invalid-egress': [Severity.ERROR, 'IST0106'],
  'sidecar-invalid-outbound-traffic-policy': [Severity.ERROR, 'IST0106'],
  'sidecar-ignored-setting': [Severity.WARNING, 'IST0133'],
  'virtualservice-host-not-in-gateway': [Severity.WARNING, 'IST0132'],
  'gateway-selector-no-workloads': [Severity.WARNING, 'IST0101'],
  'gateway-credential-not-found': [Severity.WARNING, 'IST0101'],
  'gateway-conflicting-servers': [Severity.ERROR, 'IST0145'],
  'gateway-duplicate-certificate': [Severity.WARNING, 'IST0138'],
  'service-port-protocol-undeclared': [Severity.INFO, 'IST0118'],
  'service-externalname-port-name': [Severity.WARNING, 'IST0150'],
  'serviceentry-conflicting-protocols': [Severity.WARNING, 'IST0177'],
  'serviceentry-addresses-required': [Severity.WARNING, 'IST0134'],
  'sidecar-selector-no-workloads': [Severity.WARNING, 'IST0101'],
  'sidecar-conflicting-selectors': [Severity.ERROR, 'IST0110'],
  'sidecar-multiple-namespace-defaults': [Severity.ERROR, 'IST0111'],
  'sidecar-ineffective-in-ambient': [Severity.WARNING, 'IST0167'],
  'namespace-not-enrolled': [Severity.INFO, 'IST0102'],
  'namespace-multiple-injection-labels': [Severity.WARNING, 'IST0123'],
  'serviceentry-conflicting-hosts': [Severity.WARNING, undefined],
  'virtualservice-external-host-blocked': [Severity.ERROR, undefined],
};

/**
 * A shop behind Istio's ingress gateway (HTTPS with a secret, HTTP redirecting to it), reaching
 * an external API through the egress gateway the way Istio documents it (TLS passthrough), with
 * REGISTRY_ONLY outbound traffic.
 */
function shop(): any[] {
  const ns = 'shop';
  return [
    namespaceObject(ns, { 'istio-injection': 'enabled' }),
    deployment('frontend', ns, { app: 'frontend' }),
    service('frontend', ns, { selector: { app: 'frontend' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }),
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

const EDGE_RULES = ALL_RULES.filter((r) => r.id in IDS);

describe('edge rules in ALL_RULES', () => {
  test.each(Object.entries(IDS))('%s is registered with its severity and istio code', (id, [severity, code]) => {
    const rule = ALL_RULES.find((r) => r.id === id);
    expect(rule).toBeDefined();
    expect(rule!.severity).toBe(severity);
    expect(rule!.istioCode).toBe(code);
    expect(rule!.summary.length).toBeGreaterThan(20);
  });

  test('EDGE_RULES holds exactly these rules, each once', () => {
    expect(EDGE_RULES.map((r) => r.id).sort()).toEqual(Object.keys(IDS).sort());
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });

  test('a correct ingress + egress gateway setup under REGISTRY_ONLY has no edge finding', () => {
    const objects = shop();
    expectValidIstioObjects(objects.filter((o) => o.apiVersion.includes('istio.io')));
    const ds = analyzeSources(objects.map((manifest) => ({ manifest })), { rules: EDGE_RULES });
    expect(ds.map((d) => `${d.ruleId} ${d.resource.name} ${d.path}`)).toEqual([]);
  });

  test('the classic mistakes of that setup are each reported once, errors first', () => {
    const objects = shop().map((o) => JSON.parse(JSON.stringify(o)));
    const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
    delete find('Gateway', 'shop-gateway').spec.servers[1].tls.credentialName; // TLS without certificate
    find('Service', 'frontend').spec.ports[0].name = 'web'; // protocol left to sniffing
    objects.splice(objects.indexOf(find('ServiceEntry', 'payments')), 1); // external host undeclared
    find('VirtualService', 'frontend').spec.hosts = ['www.example.com']; // host the gateway does not serve
    const ds = analyzeSources(objects.map((manifest) => ({ manifest })), { rules: EDGE_RULES });
    expect(ds.map((d) => `${d.severity} ${d.ruleId} ${d.resource.kind}/${d.resource.name} ${d.path}`)).toEqual([
      'error gateway-tls-missing-credential Gateway/shop-gateway spec.servers[1].tls.serverCertificate',
      'error virtualservice-external-host-blocked VirtualService/payments-through-egress spec.tls[1].route[0].destination.host',
      'warning virtualservice-host-not-in-gateway VirtualService/frontend spec.gateways[0]',
      'info service-port-protocol-undeclared Service/frontend spec.ports[0].name',
    ]);
  });
});
