import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { gateway, requestAuthentication, virtualService, workload } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const virtualServiceJwtClaimRouteWithoutAuthn = ruleById('virtualservice-jwt-claim-route-without-authn');

describe('virtualservice-jwt-claim-route-without-authn (IST0149)', () => {
  const ingressPods = workload('istio-ingressgateway', 'istio-system', { istio: 'ingressgateway' });
  const gw = gateway('shop-gateway', 'shop', { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'] }] });
  const vs = virtualService('shop', 'shop', {
    hosts: ['shop.example.com'],
    gateways: ['shop-gateway'],
    http: [{ match: [{ headers: { '@request.auth.claims.group': { exact: 'beta' } } }], route: [{ destination: { host: 'reviews' } }] }],
  });

  test('reports claim routing at a gateway whose pods no RequestAuthentication selects', () => {
    const d = one(virtualServiceJwtClaimRouteWithoutAuthn, [ingressPods, gw, vs], { path: 'spec.http[0].match[0].headers["@request.auth.claims.group"]', severity: Severity.ERROR });
    expect(d.message).toContain('(Deployment istio-system/istio-ingressgateway)');
  });

  test('accepts a RequestAuthentication on the gateway pods, in their namespace or the root namespace', () => {
    const ra = requestAuthentication('jwt', 'istio-system', { selector: { matchLabels: { istio: 'ingressgateway' } }, jwtRules: [{ issuer: 'https://auth.example.com' }] });
    expectValidIstioObjects([gw, vs, ra]);
    none(virtualServiceJwtClaimRouteWithoutAuthn, [ingressPods, gw, vs, ra]);
    const meshWide = requestAuthentication('jwt', 'mesh-root', { jwtRules: [{ issuer: 'https://auth.example.com' }] });
    none(virtualServiceJwtClaimRouteWithoutAuthn, [ingressPods, gw, vs, meshWide], { rootNamespace: 'mesh-root' });
  });

  test('cannot judge when the gateway pods are not in the app', () => {
    none(virtualServiceJwtClaimRouteWithoutAuthn, [gw, vs]);
  });
});
