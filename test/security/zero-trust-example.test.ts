import * as fs from 'fs';
import { build } from '../../examples/zero-trust/app';
import { Mesh } from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';
import { only } from '../fixtures/app';

function manifests(): { app: ReturnType<typeof build>; objects: any[] } {
  const app = build(fs.mkdtempSync('/tmp/cdk8s-istio-zero-trust-'));
  const objects = app.charts.flatMap((c) => c.toJson());
  expectValidIstioObjects(objects);
  return { app, objects };
}

describe('examples/zero-trust', () => {
  test('requires mutual TLS in the whole namespace', () => {
    const pa = only(manifests().objects, 'PeerAuthentication');
    expect(pa.metadata.namespace).toBe('zero-trust');
    expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
  });

  test('denies by default', () => {
    expect(only(manifests().objects, 'AuthorizationPolicy', 'deny-all').spec).toEqual({ action: 'ALLOW' });
  });

  test('lets only the frontend\'s service account GET /api/* on the backend', () => {
    const { objects } = manifests();
    const p = only(objects, 'AuthorizationPolicy', 'backend-from-frontend');
    const frontend = objects.find((o) => o.kind === 'Deployment' && o.spec.template.metadata.labels.app === 'frontend');
    const frontendSa = frontend.spec.template.spec.serviceAccountName;
    expect(frontendSa).toBe('frontend');
    expect(p.spec.selector).toEqual({ matchLabels: { app: 'backend' } });
    expect(p.spec.rules).toEqual([{
      from: [{ source: { principals: [`cluster.local/ns/zero-trust/sa/${frontendSa}`] } }],
      to: [{ operation: { methods: ['GET'], paths: ['/api/*'] } }],
    }]);
  });

  test('authenticates the frontend\'s ingress path with a JWT and requires one', () => {
    const { objects } = manifests();
    const ra = only(objects, 'RequestAuthentication');
    expect(ra.spec.selector).toEqual({ matchLabels: { app: 'frontend' } });
    expect(ra.spec.jwtRules[0]).toMatchObject({ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/.well-known/jwks.json' });
    const p = only(objects, 'AuthorizationPolicy', 'frontend-jwt-require-jwt');
    expect(p.spec).toEqual({
      selector: { matchLabels: { app: 'frontend' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { requestPrincipals: ['*'] } }], to: [{ operation: { paths: ['/app/*'] } }] }],
    });
  });

  test('has no analysis error', () => {
    expect(Mesh.of(manifests().app).analyze().filter((d) => d.severity === 'error')).toEqual([]);
  });
});
