import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AuthorizationAction, AuthorizationPolicy, AuthorizationRule, ConditionKey, IstioApiVersion, Mesh, MeshService, MtlsMode,
  PeerAuthentication, Principal, RequestAuthentication, RequestPrincipal, RuleCondition, RuleOperation, RuleSource, WorkloadSelector,
} from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';

/** An app using every security feature, for one API version. */
function securityApp(apiVersion: IstioApiVersion): Chart {
  const app = Testing.app();
  new Mesh(app, 'mesh', { apiVersion });
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const sa = new kplus.ServiceAccount(chart, 'web-sa', { metadata: { name: 'web' } });
  const web = new kplus.Deployment(chart, 'web', { serviceAccount: sa, containers: [{ image: 'web:1', portNumber: 8080, ports: [{ number: 9100 }] }] });
  const api = new MeshService(chart, 'api', { port: 9090 });
  new PeerAuthentication(chart, 'mesh-mtls', { meshWide: true, mode: MtlsMode.STRICT });
  new PeerAuthentication(chart, 'ns-mtls', { mode: MtlsMode.STRICT });
  new PeerAuthentication(chart, 'web-mtls', { selector: WorkloadSelector.fromWorkload(web), mode: MtlsMode.UNSET, portLevelMtls: [{ port: 9100, mode: MtlsMode.PERMISSIVE }] });
  AuthorizationPolicy.denyAll(chart, 'deny-all');
  AuthorizationPolicy.allowCallers(chart, 'api-callers', { to: api, from: [Principal.fromWorkload(web)], methods: ['GET'], paths: ['/api/*'], ports: [9090] });
  new AuthorizationPolicy(chart, 'deny-some', {
    action: AuthorizationAction.DENY,
    selector: WorkloadSelector.fromLabels({ app: 'api' }),
    rules: [new AuthorizationRule({
      from: [new RuleSource({
        notPrincipals: [Principal.any()],
        namespaces: ['shop'],
        notNamespaces: ['x'],
        ipBlocks: ['10.0.0.0/8'],
        notIpBlocks: ['10.1.0.0/16'],
        remoteIpBlocks: ['0.0.0.0/0'],
        notRemoteIpBlocks: ['1.2.3.4'],
        requestPrincipals: [RequestPrincipal.any()],
        notRequestPrincipals: [RequestPrincipal.of('i', 's')],
      })],
      to: [new RuleOperation({ hosts: ['a'], notHosts: ['b'], ports: [1], notPorts: [2], methods: ['GET'], notMethods: ['PUT'], paths: ['/x'], notPaths: ['/y'] })],
      when: [new RuleCondition({ key: ConditionKey.requestAuthClaim('groups'), values: ['admin'], notValues: ['guest'] })],
    })],
  });
  new AuthorizationPolicy(chart, 'ext', { action: AuthorizationAction.custom('ext-authz'), targetRefs: [{ kind: 'Gateway', name: 'gw' }], rules: [AuthorizationRule.matchAll()] });
  new AuthorizationPolicy(chart, 'audit', { action: AuthorizationAction.AUDIT, rules: [new AuthorizationRule({ to: [RuleOperation.onPaths('/admin/*')] })] });
  const ra = new RequestAuthentication(chart, 'jwt', {
    selector: WorkloadSelector.fromMeshService(api),
    jwtRules: [{
      issuer: 'https://auth.example.com',
      audiences: ['a'],
      jwksUri: 'https://auth.example.com/jwks',
      fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }],
      fromParams: ['t'],
      fromCookies: ['c'],
      outputPayloadToHeader: 'x-payload',
      forwardOriginalToken: true,
      outputClaimToHeaders: [{ header: 'x-sub', claim: 'sub' }],
      spaceDelimitedClaims: ['scope'],
      timeout: Duration.seconds(2),
    }, { issuer: 'https://inline.example.com', jwks: JSON.stringify({ keys: [{ kty: 'RSA', e: 'AQAB', n: 'xjlCRBqkQxX1m8yr8ZuoiiH0zkLc' }] }) }],
  });
  ra.requireJwt({ paths: ['/app/*'], from: [Principal.fromName('istio-system', 'ingress')] });
  return chart;
}

describe('every security object validates against Istio\'s CRD schema', () => {
  test.each([IstioApiVersion.V1, IstioApiVersion.V1BETA1])('all security features, API %s', (apiVersion) => {
    const manifests = Testing.synth(securityApp(apiVersion));
    const kinds = manifests.filter((m) => m.apiVersion === `security.istio.io/${apiVersion}`).map((m) => m.kind);
    expect(new Set(kinds)).toEqual(new Set(['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication']));
    expect(kinds).toHaveLength(10);
    expectValidIstioObjects(manifests);
  });
});
