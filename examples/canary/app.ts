import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Mesh, MeshService } from '../../src';

/**
 * Canary release of the `reviews` service: the test user `jason` always gets v2, everyone
 * else is split 90/10 between v1 and v2.
 */
export class CanaryChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });

    const reviewsV1 = new kplus.Deployment(this, 'reviews-v1', {
      containers: [{ image: 'docker.io/istio/examples-bookinfo-reviews-v1:1.20.1', portNumber: 9080, securityContext: { ensureNonRoot: false } }],
    });
    const reviewsV2 = new kplus.Deployment(this, 'reviews-v2', {
      containers: [{ image: 'docker.io/istio/examples-bookinfo-reviews-v2:1.20.1', portNumber: 9080, securityContext: { ensureNonRoot: false } }],
    });

    const reviews = new MeshService(this, 'reviews', { port: 9080 });
    const v1 = reviews.addVersion('v1', reviewsV1);
    const v2 = reviews.addVersion('v2', reviewsV2);

    // Envoy takes the first route that matches: the header route must come before the split.
    reviews.routeByHeader('end-user', 'jason', v2);
    reviews.canary({ stable: v1, candidate: v2, weight: 10 });
  }
}

/** Builds the example app; `outdir` is where `app.synth()` writes the manifests. */
export function build(outdir?: string): App {
  const app = new App({ outdir });
  new Mesh(app, 'mesh');
  new CanaryChart(app, 'canary');
  return app;
}
