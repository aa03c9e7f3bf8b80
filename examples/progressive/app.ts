import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ArgoRollout, FlaggerCanary, FlaggerWebhook, IstioAnalysisTemplate, Mesh, MeshService, RetryOn, RetryPolicy, RolloutStep,
} from '../../src';

/** Bookinfo's reviews v1 and v2 Deployments, as the canary example writes them. */
function reviewsVersions(scope: Construct) {
  const container = (tag: string) => ({
    image: `docker.io/istio/examples-bookinfo-reviews-${tag}:1.20.1`,
    portNumber: 9080,
    securityContext: { ensureNonRoot: false },
  });
  return {
    v1: new kplus.Deployment(scope, 'reviews-v1', { containers: [container('v1')] }),
    v2: new kplus.Deployment(scope, 'reviews-v2', { containers: [container('v2')] }),
  };
}

/**
 * The reviews canary handed to Argo Rollouts: one Rollout replaces the two Deployments and moves
 * the weights of the `default` route step by step, checking Istio's success rate and p99 latency
 * in Prometheus before going on. The test user `jason` keeps reaching the canary pods first.
 */
export class ArgoRolloutsChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'bookinfo-argo' });
    const deployments = reviewsVersions(this);
    const reviews = new MeshService(this, 'reviews', { port: 9080 });
    const v1 = reviews.addVersion('v1', deployments.v1);
    const v2 = reviews.addVersion('v2', deployments.v2);
    reviews.routeByHeader('end-user', 'jason', v2);
    const canary = reviews.canary({ stable: v1, candidate: v2 });

    const health = new IstioAnalysisTemplate(this, 'istio-health', { maxLatency: Duration.millis(800) });
    new ArgoRollout(this, 'reviews-rollout', {
      canary,
      steps: [
        RolloutStep.weight(10),
        RolloutStep.pause(Duration.minutes(2)),
        RolloutStep.analysis(health),
        RolloutStep.weight(50),
        RolloutStep.pause(Duration.minutes(5)),
        RolloutStep.analysis(health),
      ],
    });
  }
}

/**
 * The same canary handed to Flagger: Flagger copies the v2 Deployment to `reviews-primary`, writes
 * the VirtualService and DestinationRules itself (the route's timeout and retries are carried over),
 * and moves 10% at a time up to 50% while a load test keeps the canary busy. Flagger's VirtualService
 * holds the canary route only, so there is no header route here.
 */
export class FlaggerChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'bookinfo-flagger' });
    const deployments = reviewsVersions(this);
    const reviews = new MeshService(this, 'reviews', { port: 9080 });
    const v1 = reviews.addVersion('v1', deployments.v1);
    const v2 = reviews.addVersion('v2', deployments.v2);
    const canary = reviews.canary({ stable: v1, candidate: v2 });
    canary.route.updateTimeout(Duration.seconds(10));
    canary.route.updateRetries(RetryPolicy.of({ attempts: 2, perTryTimeout: Duration.seconds(3), retryOn: [RetryOn.GATEWAY_ERROR] }));

    new FlaggerCanary(this, 'reviews-canary', {
      canary,
      interval: Duration.minutes(1),
      maxWeight: 50,
      stepWeight: 10,
      webhooks: [FlaggerWebhook.loadTest({ command: 'hey -z 1m -q 10 -c 2 http://reviews-canary.bookinfo-flagger:9080/reviews/0' })],
    });
  }
}

/** Builds the example app; `outdir` is where `app.synth()` writes the manifests. */
export function build(outdir?: string): App {
  const app = new App({ outdir });
  new Mesh(app, 'mesh');
  new ArgoRolloutsChart(app, 'argo-rollouts');
  new FlaggerChart(app, 'flagger');
  return app;
}
