import { authorizationPolicy, destinationRule, peerAuthentication, requestAuthentication, service, workload } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { analyzeSources } from '../../../../src/analysis/engine';
import { ALL_RULES } from '../../../../src/analysis/rules';

const IDS: Record<string, [Severity, string | undefined]> = {
  'security-invalid-workload-selector': [Severity.ERROR, 'IST0106'],
  'security-empty-workload-selector': [Severity.WARNING, 'IST0133'],
  'security-invalid-target-ref': [Severity.ERROR, 'IST0106'],
  'peerauthentication-invalid-port-level-mtls': [Severity.ERROR, 'IST0106'],
  'authorizationpolicy-invalid-action': [Severity.ERROR, 'IST0106'],
  'authorizationpolicy-invalid-rule': [Severity.ERROR, 'IST0106'],
  'authorizationpolicy-invalid-condition': [Severity.ERROR, 'IST0106'],
  'authorizationpolicy-invalid-ip': [Severity.ERROR, 'IST0106'],
  'authorizationpolicy-invalid-port': [Severity.ERROR, 'IST0106'],
  'authorizationpolicy-invalid-path-template': [Severity.ERROR, 'IST0106'],
  'authorizationpolicy-deny-http-only': [Severity.WARNING, 'IST0133'],
  'requestauthentication-invalid-jwt-rule': [Severity.ERROR, 'IST0106'],
  'authorizationpolicy-invalid-principal': [Severity.ERROR, undefined],
  'authorizationpolicy-invalid-wildcard': [Severity.ERROR, undefined],
  'authorizationpolicy-relative-path': [Severity.ERROR, undefined],
  'authorizationpolicy-invalid-method': [Severity.ERROR, undefined],
  'authorizationpolicy-allow-all-rule': [Severity.WARNING, undefined],
  'authorizationpolicy-allow-nothing': [Severity.INFO, undefined],
  'authorizationpolicy-default-service-account': [Severity.WARNING, undefined],
  'destinationrule-mtls-conflict': [Severity.ERROR, 'IST0113'],
  'authorizationpolicy-identity-without-mtls': [Severity.WARNING, undefined],
  'authorizationpolicy-http-field-on-tcp-port': [Severity.ERROR, undefined],
  'authorizationpolicy-unknown-principal': [Severity.WARNING, undefined],
  'authorizationpolicy-unknown-namespace': [Severity.WARNING, 'IST0101'],
  'authorizationpolicy-selector-no-workloads': [Severity.WARNING, 'IST0127'],
  'peerauthentication-selector-no-workloads': [Severity.WARNING, undefined],
  'requestauthentication-selector-no-workloads': [Severity.WARNING, undefined],
  'peerauthentication-root-namespace-selector': [Severity.WARNING, undefined],
  'peerauthentication-conflicting-policies': [Severity.WARNING, undefined],
  'peerauthentication-port-not-found': [Severity.WARNING, undefined],
};

/** The seeds' closed namespace: STRICT mTLS, default deny, backend reachable by the frontend's account only, JWT on the frontend. */
function zeroTrust(): any[] {
  const ns = 'zero-trust';
  return [
    workload('frontend', ns, { app: 'frontend' }, { serviceAccount: 'frontend', ports: [{ containerPort: 8080 }] }),
    workload('backend', ns, { app: 'backend' }, { serviceAccount: 'backend', ports: [{ containerPort: 9090 }] }),
    service('frontend', ns, { app: 'frontend' }, [{ name: 'http', port: 80, targetPort: 8080 }]),
    service('backend', ns, { app: 'backend' }, [{ name: 'http', port: 80, targetPort: 9090 }]),
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

const SECURITY_RULES = ALL_RULES.filter((r) => r.id in IDS);

describe('security rules in ALL_RULES', () => {
  test.each(Object.entries(IDS))('%s is registered with its severity and istio code', (id, [severity, code]) => {
    const rule = ALL_RULES.find((r) => r.id === id);
    expect(rule).toBeDefined();
    expect(rule!.severity).toBe(severity);
    expect(rule!.istioCode).toBe(code);
    expect(rule!.summary.length).toBeGreaterThan(20);
  });

  test('SECURITY_RULES holds exactly these rules, each once', () => {
    expect(SECURITY_RULES.map((r) => r.id).sort()).toEqual(Object.keys(IDS).sort());
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
  });

  test('a correct zero-trust namespace only gets the default-deny notice', () => {
    const ds = analyzeSources(zeroTrust().map((manifest) => ({ manifest })), { rules: SECURITY_RULES });
    expect(ds.map((d) => `${d.ruleId} ${d.resource.name}`)).toEqual(['authorizationpolicy-allow-nothing deny-all']);
  });

  test('the classic mistakes of that setup are each reported once, errors first', () => {
    const objects = zeroTrust().map((o) => JSON.parse(JSON.stringify(o)));
    const byName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
    const allowBackend = byName('AuthorizationPolicy', 'backend-from-frontend');
    allowBackend.spec.rules[0].from[0].source.principals = ['spiffe://cluster.local/ns/zero-trust/sa/frontend'];
    allowBackend.spec.rules[0].to[0].operation.paths = ['/api/*/items'];
    byName('DestinationRule', 'backend').spec.trafficPolicy.tls.mode = 'DISABLE';
    const ds = analyzeSources(objects.map((manifest) => ({ manifest })), { rules: SECURITY_RULES });
    expect(ds.map((d) => `${d.severity} ${d.ruleId} ${d.path}`)).toEqual([
      'error authorizationpolicy-invalid-principal spec.rules[0].from[0].source.principals[0]',
      'error authorizationpolicy-invalid-wildcard spec.rules[0].to[0].operation.paths[0]',
      'error destinationrule-mtls-conflict spec.trafficPolicy.tls.mode',
      'info authorizationpolicy-allow-nothing spec',
    ]);
  });
});
