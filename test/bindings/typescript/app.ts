// The reference smoke app of the language bindings. test/bindings/<lang>/ holds the same app in
// Python, Java and Go; scripts/bindings/smoke.sh synthesizes each and requires byte-identical YAML.
//
// Usage: ts-node test/bindings/typescript/app.ts OUTDIR
// Writes OUTDIR/canary.k8s.yaml and OUTDIR/zero-trust.k8s.yaml, then checks that an analysis
// error at synth time fails the synth with the rule id in the message.
import { App, Chart, JsonPatch } from 'cdk8s';
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
} from '../../../src';

/** reviews v1/v2: the test user `jason` always gets v2, everyone else 90/10. */
class CanaryChart extends Chart {
  public readonly reviews: MeshService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });

    const reviewsV1 = new kplus.Deployment(this, 'reviews-v1', {
      containers: [{ image: 'docker.io/istio/examples-bookinfo-reviews-v1:1.20.1', portNumber: 9080, securityContext: { ensureNonRoot: false } }],
    });
    const reviewsV2 = new kplus.Deployment(this, 'reviews-v2', {
      containers: [{ image: 'docker.io/istio/examples-bookinfo-reviews-v2:1.20.1', portNumber: 9080, securityContext: { ensureNonRoot: false } }],
    });

    this.reviews = new MeshService(this, 'reviews', { port: 9080 });
    const v1 = this.reviews.addVersion('v1', reviewsV1);
    const v2 = this.reviews.addVersion('v2', reviewsV2);

    this.reviews.routeByHeader('end-user', 'jason', v2);
    this.reviews.canary({ stable: v1, candidate: v2, weight: 10 });
  }
}

/** STRICT mTLS, deny by default, the backend callable only by the frontend's service account. */
class ZeroTrustChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'zero-trust' });

    const frontendSa = new kplus.ServiceAccount(this, 'frontend-sa', { metadata: { name: 'frontend' } });
    const backendSa = new kplus.ServiceAccount(this, 'backend-sa', { metadata: { name: 'backend' } });
    new kplus.Deployment(this, 'frontend-deployment', {
      serviceAccount: frontendSa,
      containers: [{ image: 'ghcr.io/example/frontend:1.0.0', portNumber: 8080 }],
    });
    const backendDeployment = new kplus.Deployment(this, 'backend-deployment', {
      serviceAccount: backendSa,
      containers: [{ image: 'ghcr.io/example/backend:1.0.0', portNumber: 9090 }],
    });
    const backend = new MeshService(this, 'backend', { source: MeshServiceSource.fromWorkload(backendDeployment) });

    new PeerAuthentication(this, 'strict-mtls', { mode: MtlsMode.STRICT });
    AuthorizationPolicy.denyAll(this, 'deny-all');
    AuthorizationPolicy.allowCallers(this, 'backend-from-frontend', {
      to: backend,
      from: [Principal.fromServiceAccount(frontendSa)],
      methods: ['GET'],
      paths: ['/api/*'],
    });
  }
}

function main(outdir: string): void {
  const app = new App({ outdir });
  new Mesh(app, 'mesh');
  new CanaryChart(app, 'canary');
  new ZeroTrustChart(app, 'zero-trust');
  app.synth();

  // The canary again, its VirtualService patched to route to a subset no DestinationRule defines.
  const broken = new App({ outdir: `${outdir}-broken` });
  new Mesh(broken, 'mesh');
  const canary = new CanaryChart(broken, 'canary');
  canary.reviews.virtualService!.addJsonPatch(JsonPatch.replace('/spec/http/0/route/0/destination/subset', 'v3'));
  try {
    broken.synth();
  } catch (e) {
    if (!String((e as Error).message).includes('virtualservice-subset-not-found')) {
      throw new Error(`the synth failed without the rule id: ${(e as Error).message}`);
    }
    return;
  }
  throw new Error('a route to a missing subset did not fail the synth');
}

main(process.argv[2] ?? 'dist/bindings/typescript');
