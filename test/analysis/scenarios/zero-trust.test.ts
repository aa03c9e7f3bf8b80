/**
 * A closed namespace as the security seeds build it: STRICT mTLS, default deny, the backend
 * reachable by the frontend's account only, JWT on the frontend. The security rules must stay
 * quiet on it, and report each classic mistake once.
 */
import { authorizationPolicy, destinationRule, peerAuthentication, requestAuthentication, selecting, service, workload } from '../../fixtures/manifests';
import { ruleById, run } from '../../fixtures/rules';

/** The rules about workload security (mTLS, authorization, JWT). */
const SECURITY_RULES = [
  'security-invalid-workload-selector', 'security-empty-workload-selector', 'security-invalid-target-ref',
  'peerauthentication-invalid-port-level-mtls', 'authorizationpolicy-invalid-action',
  'authorizationpolicy-invalid-rule', 'authorizationpolicy-invalid-condition',
  'authorizationpolicy-invalid-ip', 'authorizationpolicy-invalid-port',
  'authorizationpolicy-invalid-path-template', 'authorizationpolicy-deny-http-only',
  'requestauthentication-invalid-jwt-rule', 'authorizationpolicy-invalid-principal',
  'authorizationpolicy-invalid-wildcard', 'authorizationpolicy-relative-path',
  'authorizationpolicy-invalid-method', 'authorizationpolicy-allow-all-rule',
  'authorizationpolicy-allow-nothing', 'authorizationpolicy-default-service-account',
  'destinationrule-mtls-conflict', 'authorizationpolicy-identity-without-mtls',
  'authorizationpolicy-http-field-on-tcp-port', 'authorizationpolicy-unknown-principal',
  'authorizationpolicy-unknown-namespace', 'authorizationpolicy-selector-no-workloads',
  'peerauthentication-selector-no-workloads', 'requestauthentication-selector-no-workloads',
  'peerauthentication-root-namespace-selector', 'peerauthentication-conflicting-policies',
  'peerauthentication-port-not-found',
].map(ruleById);

function zeroTrust(): any[] {
  const ns = 'zero-trust';
  return [
    workload('frontend', ns, { app: 'frontend' }, { serviceAccount: 'frontend', ports: [{ containerPort: 8080 }] }),
    workload('backend', ns, { app: 'backend' }, { serviceAccount: 'backend', ports: [{ containerPort: 9090 }] }),
    service('frontend', ns, selecting({ app: 'frontend' }, [{ name: 'http', port: 80, targetPort: 8080 }])),
    service('backend', ns, selecting({ app: 'backend' }, [{ name: 'http', port: 80, targetPort: 9090 }])),
    peerAuthentication('default', ns, { mtls: { mode: 'STRICT' } }),
    authorizationPolicy('deny-all', ns, {}),
    authorizationPolicy('backend-from-frontend', ns, {
      selector: { matchLabels: { app: 'backend' } },
      rules: [{ from: [{ source: { principals: [`cluster.local/ns/${ns}/sa/frontend`] } }], to: [{ operation: { methods: ['GET'], paths: ['/api/*'] } }] }],
    }),
    requestAuthentication('frontend-jwt', ns, {
      selector: { matchLabels: { app: 'frontend' } },
      jwtRules: [{ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/.well-known/jwks.json', fromHeaders: [{ name: 'Authorization', prefix: 'Bearer ' }] }],
    }),
    authorizationPolicy('frontend-require-jwt', ns, {
      selector: { matchLabels: { app: 'frontend' } },
      rules: [{ from: [{ source: { requestPrincipals: ['*'] } }], to: [{ operation: { paths: ['/app/*'] } }] }],
    }),
    destinationRule('backend', ns, { host: 'backend', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }),
  ];
}

describe('zero-trust namespace', () => {
  test('a correct setup only gets the default-deny notice', () => {
    const ds = run(SECURITY_RULES, zeroTrust());
    expect(ds.map((d) => `${d.ruleId} ${d.resource.name}`)).toEqual(['authorizationpolicy-allow-nothing deny-all']);
  });

  test('the classic mistakes of that setup are each reported once, errors first', () => {
    const objects = zeroTrust().map((o) => JSON.parse(JSON.stringify(o)));
    const byName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
    const allowBackend = byName('AuthorizationPolicy', 'backend-from-frontend');
    allowBackend.spec.rules[0].from[0].source.principals = ['spiffe://cluster.local/ns/zero-trust/sa/frontend'];
    allowBackend.spec.rules[0].to[0].operation.paths = ['/api/*/items'];
    byName('DestinationRule', 'backend').spec.trafficPolicy.tls.mode = 'DISABLE';
    const ds = run(SECURITY_RULES, objects);
    expect(ds.map((d) => `${d.severity} ${d.ruleId} ${d.path}`)).toEqual([
      'error destinationrule-mtls-conflict spec.trafficPolicy.tls.mode',
      'warning authorizationpolicy-invalid-principal spec.rules[0].from[0].source.principals[0]',
      'warning authorizationpolicy-invalid-wildcard spec.rules[0].to[0].operation.paths[0]',
      'info authorizationpolicy-allow-nothing spec',
    ]);
  });
});
