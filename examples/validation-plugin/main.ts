import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Mesh, MeshService, RetryPolicy } from '../../src';

// `cdk8s synth` in this folder runs the IstioValidation plugin named in cdk8s.yaml over the
// manifests this app writes. The app turns its own synth-time analysis off, so that the plugin
// is the one gate and its report (`--validation-reports-output-file`) the one record.
//
// BREAK_MESH=1 makes two mistakes, and synth exits 2:
// - the canary sends 10% of the traffic to a version v2 that no Deployment runs
//   (error destinationrule-subset-no-pods);
// - the canary route retries 3 × 2s inside a 5s timeout, so the last retry never runs
//   (warning virtualservice-retries-exceed-timeout, failing because cdk8s.yaml sets failOnWarnings).
const broken = process.env.BREAK_MESH === '1';

const app = new App();
new Mesh(app, 'mesh', { analyze: false });
const chart = new Chart(app, 'shop', { namespace: 'shop' });

const reviewsWorkload = (version: string) =>
  new kplus.Deployment(chart, `reviews-${version}`, {
    containers: [{
      image: `docker.io/istio/examples-bookinfo-reviews-${version}:1.20.1`,
      portNumber: 9080,
      securityContext: { ensureNonRoot: false },
    }],
  });

const reviews = new MeshService(chart, 'reviews', { port: 9080 });
const v1 = reviews.addVersion('v1', reviewsWorkload('v1'));
const v2 = broken
  ? reviews.addVersionWithLabels('v2', { version: 'v2' }) // the v2 Deployment was forgotten
  : reviews.addVersion('v2', reviewsWorkload('v2'));

const canary = reviews.canary({ stable: v1, candidate: v2, weight: 10 });
canary.route.updateTimeout(Duration.seconds(5));
canary.route.updateRetries(RetryPolicy.of({
  attempts: broken ? 3 : 2,
  perTryTimeout: Duration.seconds(2),
}));

app.synth();
