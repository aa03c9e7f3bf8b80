import { Severity } from '../../../../src/analysis/diagnostic';
import { resolveGatewayRef } from '../../../../src/analysis/resources/gateway-refs';
import { virtualServiceGatewayNotFound as rule } from '../../../../src/analysis/rules/virtualservice/virtualservice-gateway-not-found';
import { gateway, run, to, virtualService } from '../fixtures';

const bound = (gateways: string[], namespace?: string, http: any[] = [{ route: [to('web')] }]) =>
  virtualService('web', { hosts: ['web.example.com'], gateways, http }, namespace);

describe('virtualservice-gateway-not-found', () => {
  test('reports a gateway that is not in the analysed set', () => {
    const ds = run(rule, [gateway('web-gateway'), bound(['web-gw'])]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'virtualservice-gateway-not-found',
      severity: Severity.ERROR,
      istioCode: 'IST0101',
      path: 'spec.gateways[0]',
    });
    expect(ds[0].message).toContain('Gateway "web-gw" (resolved to default/web-gw) is not among the analysed manifests');
    expect(ds[0].fix).toContain('Use one of the Gateways of namespace default ("web-gateway")');
  });

  test('accepts a short name resolved in the VirtualService namespace', () => {
    expect(run(rule, [gateway('web-gateway', 'shop'), bound(['web-gateway'], 'shop')])).toEqual([]);
  });

  test('does not resolve a short name in another namespace', () => {
    const ds = run(rule, [gateway('web-gateway', 'istio-system'), bound(['web-gateway'], 'shop')]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('resolved to shop/web-gateway');
    expect(ds[0].fix).toContain('reference it as "istio-system/web-gateway"');
  });

  test('accepts namespace/name, ./name and the legacy FQDN form', () => {
    const gws = [gateway('ingress', 'istio-system'), gateway('local', 'shop')];
    expect(run(rule, [...gws, bound(['istio-system/ingress', './local', 'ingress.istio-system.svc.cluster.local'], 'shop')])).toEqual([]);
  });

  test('accepts the reserved name mesh without any Gateway', () => {
    expect(run(rule, [bound(['mesh'])])).toEqual([]);
  });

  test('reports a cross-namespace reference to a missing Gateway like istioctl, with the ignore hint', () => {
    const ds = run(rule, [bound(['istio-system/ingressgateway'])]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('Gateway "istio-system/ingressgateway" is not among');
    expect(ds[0].message).not.toContain('resolved to');
    expect(ds[0].fix).toContain('Define a Gateway istio-system/ingressgateway');
    expect(ds[0].fix).toContain('cdk8s-istio.io/ignore-rules: virtualservice-gateway-not-found');
  });

  test('checks the gateways of http, tcp and tls match entries', () => {
    const vs = virtualService('web', {
      hosts: ['web.example.com'],
      gateways: ['mesh', 'edge'],
      http: [{ match: [{ gateways: ['mesh'] }, { uri: { prefix: '/' }, gateways: ['edge', 'egde'] }], route: [to('web')] }],
      tcp: [{ match: [{ port: 9000, gateways: ['tcp-gw'] }], route: [to('web')] }],
    });
    const ds = run(rule, [gateway('edge'), vs]);
    expect(ds.map((d) => d.path)).toEqual(['spec.http[0].match[1].gateways[1]', 'spec.tcp[0].match[0].gateways[0]']);
    expect(ds[0].message).toContain('"egde"');
  });

  test('explains that a Gateway API Gateway cannot take VirtualService routes', () => {
    const k8sGateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: 'default' },
      spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    };
    const ds = run(rule, [k8sGateway, bound(['public'])]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('Gateway API (gateway.networking.k8s.io) Gateway');
    expect(ds[0].fix).toContain('HTTPRoute whose parentRefs name default/public');
  });

  test('resolveGatewayRef follows Istio binding rules', () => {
    expect(resolveGatewayRef('gw', 'a')).toEqual({ namespace: 'a', name: 'gw' });
    expect(resolveGatewayRef('b/gw', 'a')).toEqual({ namespace: 'b', name: 'gw' });
    expect(resolveGatewayRef('./gw', 'a')).toEqual({ namespace: 'a', name: 'gw' });
    expect(resolveGatewayRef('gw.b.svc.cluster.local', 'a')).toEqual({ namespace: 'b', name: 'gw' });
    expect(resolveGatewayRef('gw.b', 'a')).toEqual({ namespace: 'b', name: 'gw' });
  });
});
