import { Severity } from '../../../../src/analysis/diagnostic';
import { gatewayWith, httpServer, to, virtualService } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-gateway-not-found');

const bound = (gateways: string[], namespace?: string, http: any[] = [{ route: [to('web')] }]) =>
  virtualService('web', namespace, { hosts: ['web.example.com'], gateways, http });

describe('virtualservice-gateway-not-found', () => {
  test('reports a gateway that is not in the analysed set', () => {
    const d = one(rule, [gatewayWith('web-gateway', undefined, httpServer(['*'])), bound(['web-gw'])], { path: 'spec.gateways[0]', severity: Severity.ERROR });
    expect(d.message).toContain('Gateway "web-gw" (resolved to default/web-gw) is not among the analysed manifests');
    expect(d.fix).toContain('Use one of the Gateways of namespace default ("web-gateway")');
  });

  test('reports an empty gateway name, which istioctl looks up and does not find', () => {
    const vs = virtualService('web', 'shop', { hosts: ['shop.example.com'], gateways: [''], http: [{ route: [{ destination: { host: 'web' } }] }] });
    expect(one(rule, [vs], { path: 'spec.gateways[0]' }).message).toContain('An empty gateway name names no Gateway');
  });

  test('accepts a short name resolved in the VirtualService namespace', () => {
    none(rule, [gatewayWith('web-gateway', 'shop', httpServer(['*'])), bound(['web-gateway'], 'shop')]);
  });

  test('does not resolve a short name in another namespace', () => {
    const found = one(rule, [gatewayWith('web-gateway', 'istio-system', httpServer(['*'])), bound(['web-gateway'], 'shop')], { path: 'spec.gateways[0]' });
    expect(found.message).toContain('resolved to shop/web-gateway');
    expect(found.fix).toContain('reference it as "istio-system/web-gateway"');
  });

  test('accepts namespace/name, ./name and the legacy FQDN form', () => {
    const gws = [gatewayWith('ingress', 'istio-system', httpServer(['*'])), gatewayWith('local', 'shop', httpServer(['*']))];
    none(rule, [...gws, bound(['istio-system/ingress', './local', 'ingress.istio-system.svc.cluster.local'], 'shop')]);
  });

  test('accepts the reserved name mesh without any Gateway', () => {
    none(rule, [bound(['mesh'])]);
  });

  test('reports a cross-namespace reference to a missing Gateway like istioctl, with the ignore hint', () => {
    const d = one(rule, [bound(['istio-system/ingressgateway'])], { path: 'spec.gateways[0]' });
    expect(d.message).toContain('Gateway "istio-system/ingressgateway" is not among');
    expect(d.message).not.toContain('resolved to');
    expect(d.fix).toContain('Define a Gateway istio-system/ingressgateway');
    expect(d.fix).toContain('cdk8s-istio.io/ignore-rules: virtualservice-gateway-not-found');
  });

  // istioctl checks spec.gateways only; a match naming a missing Gateway is dead, not broken.
  test('warns on missing gateways of http, tcp and tls match entries', () => {
    const vs = virtualService('web', undefined, {
      hosts: ['web.example.com'],
      gateways: ['mesh', 'edge'],
      http: [{ match: [{ gateways: ['mesh'] }, { uri: { prefix: '/' }, gateways: ['edge', 'egde'] }], route: [to('web')] }],
      tcp: [{ match: [{ port: 9000, gateways: ['tcp-gw'] }], route: [to('web')] }],
    });
    const ds = many(rule, [gatewayWith('edge', undefined, httpServer(['*'])), vs], ['spec.http[0].match[1].gateways[1]', 'spec.tcp[0].match[0].gateways[0]'], { severity: Severity.WARNING });
    expect(ds[0].message).toContain('"egde"');
    expect(ds[0].message).toContain('this match never applies');
  });

  test('explains that a Gateway API Gateway cannot take VirtualService routes', () => {
    const k8sGateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: 'default' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    };
    const d = one(rule, [k8sGateway, bound(['public'])], { path: 'spec.gateways[0]' });
    expect(d.message).toContain('Gateway API (gateway.networking.k8s.io) Gateway');
    expect(d.fix).toContain('HTTPRoute whose parentRefs name default/public');
  });

  test.each([
    ['gw', 'a'],
    ['b/gw', 'b'],
    ['./gw', 'a'],
    ['gw.b.svc.cluster.local', 'b'],
    ['gw.b', 'b'],
  ])('follows Istio binding rules: %s from namespace a is the Gateway gw of namespace %s', (ref, namespace) => {
    const other = namespace === 'a' ? 'b' : 'a';
    none(rule, [gatewayWith('gw', namespace, httpServer(['*'])), bound([ref], 'a')]);
    one(rule, [gatewayWith('gw', other, httpServer(['*'])), bound([ref], 'a')], { path: 'spec.gateways[0]' });
  });

  test('only warns when the Gateway appears as a kustomize patch document, which istioctl counts as the Gateway', () => {
    const deletePatch = { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'knative-ingress-gateway', namespace: 'knative-serving' }, $patch: 'delete' };
    const d = one(rule, [deletePatch, bound(['knative-serving/knative-ingress-gateway'], 'kserve')], { path: 'spec.gateways[0]', severity: Severity.WARNING });
    expect(d.message).toContain('only appears as a kustomize patch');
    one(rule, [bound(['knative-serving/knative-ingress-gateway'], 'kserve')], { path: 'spec.gateways[0]', severity: Severity.ERROR });
  });

  describe('a Gateway Istio cannot decode counts as missing, as istioctl drops it', () => {
    const negativePort = { port: { number: -1, name: 'http', protocol: 'HTTP' }, hosts: ['*'] };

    test('reports a Gateway whose port number is negative (its unsigned type cannot hold it), saying it exists but is unreadable', () => {
      const d = one(rule, [gatewayWith('web-gateway', 'shop', negativePort), bound(['web-gateway'], 'shop')], { path: 'spec.gateways[0]', severity: Severity.ERROR });
      expect(d.message).toContain('Gateway shop/web-gateway is in the analysed manifests, but Istio cannot decode it');
      expect(d.message).toContain('spec.servers[0].port.number is -1');
      expect(d.fix).toContain('Fix Gateway shop/web-gateway');
    });

    test('reports a Gateway with a field of the wrong JSON type', () => {
      const d = one(rule, [gatewayWith('web-gateway', 'shop', httpServer(['*']), { istio: 5 as any }), bound(['web-gateway'], 'shop')], { path: 'spec.gateways[0]' });
      expect(d.message).toContain('spec.selector.istio has the wrong type');
    });

    test('reports a Gateway with an unknown TLS mode name', () => {
      const server = { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'], tls: { mode: 'DISABLE', credentialName: 'cert' } };
      one(rule, [gatewayWith('web-gateway', 'shop', server), bound(['web-gateway'], 'shop')], { path: 'spec.gateways[0]' });
    });

    test('accepts a Gateway whose port is out of the webhook range but still decodes', () => {
      const bigPort = { port: { number: 70000, name: 'http', protocol: 'HTTP' }, hosts: ['*'] };
      none(rule, [gatewayWith('web-gateway', 'shop', bigPort), bound(['web-gateway'], 'shop')]);
    });
  });
});
