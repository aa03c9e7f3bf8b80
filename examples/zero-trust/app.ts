import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  AuthorizationPolicy,
  Mesh,
  MeshService,
  MeshServiceSource,
  MtlsMode,
  PeerAuthentication,
  Principal,
  RequestAuthentication,
  WorkloadSelector,
} from '../../src';

/**
 * A closed namespace: two workloads with their own service accounts, mutual TLS required,
 * everything denied unless allowed.
 *
 * - the backend accepts only `GET /api/*` from the frontend's service account;
 * - the frontend (reached through the ingress gateway) accepts requests to `/app/*` carrying a
 *   valid JWT of the example issuer; requests without a token are denied.
 */
export class ZeroTrustChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'zero-trust' });

    const frontendSa = new kplus.ServiceAccount(this, 'frontend-sa', { metadata: { name: 'frontend' } });
    const backendSa = new kplus.ServiceAccount(this, 'backend-sa', { metadata: { name: 'backend' } });

    const frontendDeployment = new kplus.Deployment(this, 'frontend-deployment', {
      serviceAccount: frontendSa,
      containers: [{ image: 'ghcr.io/example/frontend:1.0.0', portNumber: 8080 }],
    });
    const backendDeployment = new kplus.Deployment(this, 'backend-deployment', {
      serviceAccount: backendSa,
      containers: [{ image: 'ghcr.io/example/backend:1.0.0', portNumber: 9090 }],
    });

    // The ports are given so that they are declared HTTP: from an unnamed container port alone the
    // library cannot know the protocol, and would leave Istio to sniff it.
    const frontend = new MeshService(this, 'frontend', { source: MeshServiceSource.fromWorkload(frontendDeployment), port: 8080 });
    const backend = new MeshService(this, 'backend', { source: MeshServiceSource.fromWorkload(backendDeployment), port: 9090 });

    // Only mutual TLS traffic in this namespace, so every caller has an identity.
    new PeerAuthentication(this, 'strict-mtls', { mode: MtlsMode.STRICT });

    // Default deny: what no ALLOW policy allows is refused.
    AuthorizationPolicy.denyAll(this, 'deny-all');

    // The backend: only the frontend's service account, only reads of the API.
    AuthorizationPolicy.allowCallers(this, 'backend-from-frontend', {
      to: backend,
      from: [Principal.fromServiceAccount(frontendSa)],
      methods: ['GET'],
      paths: ['/api/*'],
    });

    // The frontend (behind the ingress gateway): requests must carry a valid JWT.
    const jwt = new RequestAuthentication(this, 'frontend-jwt', {
      selector: WorkloadSelector.fromMeshService(frontend),
      jwtRules: [{
        issuer: 'https://auth.example.com',
        jwksUri: 'https://auth.example.com/.well-known/jwks.json',
        audiences: ['shop-frontend'],
        fromHeaders: [{ name: 'Authorization', prefix: 'Bearer ' }],
        forwardOriginalToken: true,
        outputClaimToHeaders: [{ header: 'x-user-id', claim: 'sub' }],
      }],
    });
    jwt.requireJwt({ paths: ['/app/*'] });
  }
}

/** Builds the example app; `outdir` is where `app.synth()` writes the manifests. */
export function build(outdir?: string): App {
  const app = new App({ outdir });
  new Mesh(app, 'mesh');
  new ZeroTrustChart(app, 'zero-trust');
  return app;
}
