import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { reviewsCanary, synthChecked } from './support';
import {
  FlaggerCanary, FlaggerTarget, FlaggerWebhook, FlaggerWebhookType, Gateway, GatewayServer, LoadBalancer, MeshService, MeshServiceSource,
  RetryOn, RetryPolicy, StringMatch, TrafficPolicy,
} from '../../src';
import { deployment, edgeApp, ofKind, only, problems, shopChart } from '../fixtures/app';

describe('FlaggerCanary', () => {
  test('targets the candidate\'s Deployment and leaves the Service, VirtualService and DestinationRule to Flagger', () => {
    const { chart, reviews, v1, v2, v2Deployment } = reviewsCanary();
    new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    const manifests = synthChecked(chart);
    expect(ofKind(manifests, 'Service')).toEqual([]);
    expect(ofKind(manifests, 'VirtualService')).toEqual([]);
    expect(ofKind(manifests, 'DestinationRule')).toEqual([]);
    expect(reviews.serviceObject).toBeUndefined();
    // Flagger's reviews-primary copy replaces the stable Deployment.
    expect(ofKind(manifests, 'Deployment').map((d) => d.metadata.name)).toEqual([v2Deployment.name]);
    const canary = only(manifests, 'Canary');
    expect(canary.metadata).toEqual({ name: 'reviews', namespace: 'shop' });
    expect(canary.spec.targetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: v2Deployment.name });
    expect(canary.spec.provider).toBe('istio');
    expect(canary.spec.service).toEqual({ name: 'reviews', port: 9080 });
  });

  test('gives the target\'s selector the app label Flagger names its copies after', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    expect(only(synthChecked(chart), 'Deployment').spec.selector.matchLabels.app).toBe('reviews');
  });

  test('writes the default analysis: 1m interval, threshold 5, 10% steps up to 50%, success rate 99%, p99 500ms', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    expect(only(synthChecked(chart), 'Canary').spec.analysis).toEqual({
      interval: '1m',
      threshold: 5,
      maxWeight: 50,
      stepWeight: 10,
      metrics: [
        { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
        { name: 'request-duration', thresholdRange: { max: 500 }, interval: '1m' },
      ],
    });
  });

  test('writes stepWeights, a load test and a gate', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    new FlaggerCanary(chart, 'canary', {
      canary: reviews.canary({ stable: v1, candidate: v2 }),
      interval: Duration.seconds(30),
      stepWeights: [1, 5, 25, 50],
      webhooks: [
        FlaggerWebhook.loadTest({ command: 'hey -z 1m -q 10 -c 2 http://reviews-canary.shop:9080/', timeout: Duration.seconds(15) }),
        FlaggerWebhook.of(FlaggerWebhookType.CONFIRM_PROMOTION, { name: 'approve', url: 'http://gate.ops/approve' }),
      ],
      progressDeadline: Duration.minutes(5),
    });
    const spec = only(synthChecked(chart), 'Canary').spec;
    expect(spec.progressDeadlineSeconds).toBe(300);
    expect(spec.analysis).toMatchObject({ interval: '30s', stepWeights: [1, 5, 25, 50] });
    expect(spec.analysis.maxWeight).toBeUndefined();
    expect(spec.analysis.webhooks).toEqual([
      { name: 'load-test', type: 'rollout', url: 'http://flagger-loadtester.test/', timeout: '15s', metadata: { type: 'cmd', cmd: 'hey -z 1m -q 10 -c 2 http://reviews-canary.shop:9080/' } },
      { name: 'approve', type: 'confirm-promotion', url: 'http://gate.ops/approve' },
    ]);
  });

  test('carries over the gateways, hosts, route timeout and retries, and the service\'s traffic policy', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary({ trafficPolicy: new TrafficPolicy({ loadBalancer: LoadBalancer.leastRequest() }) });
    const gateway = new Gateway(chart, 'bookinfo-gateway', { servers: [GatewayServer.http({ hosts: ['reviews.example.com'] })] });
    reviews.exposeThroughGateway(gateway, { hosts: ['reviews.example.com'] });
    const canary = reviews.canary({ stable: v1, candidate: v2 });
    canary.route.updateTimeout(Duration.seconds(5));
    canary.route.updateRetries(RetryPolicy.of({ attempts: 3, perTryTimeout: Duration.seconds(1), retryOn: [RetryOn.FIVE_XX] }));
    new FlaggerCanary(chart, 'canary', { canary });
    const service = only(synthChecked(chart), 'Canary').spec.service;
    expect(service).toEqual({
      name: 'reviews',
      port: 9080,
      gateways: ['shop/bookinfo-gateway', 'mesh'],
      hosts: ['reviews.example.com'],
      timeout: '5s',
      retries: { attempts: 3, perTryTimeout: '1s', retryOn: '5xx' },
      trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } },
    });
  });

  test('takes a Deployment written as an ApiObject whose selector has an app label', () => {
    const chart = shopChart();
    const obj = new ApiObject(chart, 'ratings-deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ratings' },
      spec: {
        selector: { matchLabels: { app: 'ratings' } },
        template: { metadata: { labels: { app: 'ratings' } }, spec: { containers: [{ name: 'ratings', image: 'ratings:2' }] } },
      },
    });
    const ratings = new MeshService(chart, 'ratings', { port: 9080 });
    const v1 = ratings.addVersionWithLabels('v1', { app: 'ratings' });
    const v2 = ratings.addVersionFromObject('v2', obj);
    new FlaggerCanary(chart, 'canary', { canary: ratings.canary({ stable: v1, candidate: v2 }), target: FlaggerTarget.workloadObject(obj) });
    expect(only(synthChecked(chart), 'Canary').spec.targetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'ratings' });
  });

  test('carries a target port that differs from the port', () => {
    const chart = shopChart();
    const reviews = new MeshService(chart, 'reviews', { ports: [{ port: 80, targetPort: 9080 }] });
    const v1 = reviews.addVersion('v1', deployment(chart, 'reviews-v1', { port: 9080 }));
    const v2 = reviews.addVersion('v2', deployment(chart, 'reviews-v2', { port: 9080 }));
    new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    expect(only(synthChecked(chart), 'Canary').spec.service).toEqual({ name: 'reviews', port: 80, targetPort: 9080 });
  });

  test('leaves an adopted Service in place', () => {
    const chart = shopChart();
    const svc = new kplus.Service(chart, 'reviews-svc', { metadata: { name: 'reviews' }, ports: [{ port: 9080 }], selector: kplus.Pods.select(chart, 'pods', { labels: { app: 'reviews' } }) });
    const reviews = new MeshService(chart, 'reviews', { source: MeshServiceSource.fromService(svc) });
    const v1 = reviews.addVersionWithLabels('v1', { app: 'reviews' });
    const v2Deployment = new kplus.Deployment(chart, 'reviews-v2', { containers: [{ image: 'reviews:2', portNumber: 9080 }], podMetadata: { labels: { app: 'reviews' } } });
    const v2 = reviews.addVersion('v2', v2Deployment);
    new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    expect(ofKind(synthChecked(chart), 'Service').map((s) => s.metadata.name)).toEqual(['reviews']);
  });

  test('refuses a Deployment object whose selector has no label Flagger names its copies after', () => {
    const chart = shopChart();
    const obj = new ApiObject(chart, 'ratings-deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ratings' },
      spec: {
        selector: { matchLabels: { tier: 'ratings' } },
        template: { metadata: { labels: { tier: 'ratings' } }, spec: { containers: [{ name: 'ratings', image: 'ratings:2' }] } },
      },
    });
    const ratings = new MeshService(chart, 'ratings', { port: 9080 });
    const v1 = ratings.addVersionWithLabels('v1', { tier: 'ratings' });
    const v2 = ratings.addVersionFromObject('v2', obj);
    expect(() => new FlaggerCanary(chart, 'canary', { canary: ratings.canary({ stable: v1, candidate: v2 }) })).toThrow(
      'shop/canary: target selects its pods by tier, without an app, name or app.kubernetes.io/name label, which Flagger names its copies after; ' +
      "add app: <name> to the workload's spec.selector.matchLabels and its pod labels (app: ratings).",
    );
  });

  test('refuses a header route, which the VirtualService Flagger writes cannot hold', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    reviews.routeByHeader('end-user', 'jason', v2);
    expect(() => new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) })).toThrow(
      "shop/canary: route (unnamed) of reviews cannot be kept: Flagger writes the VirtualService of the host with the canary's route only; " +
      'remove that route, or hand the canary to Argo Rollouts (ArgoRollout), which keeps the other routes.',
    );
  });

  test('refuses a third version', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    reviews.addVersion('v3', new kplus.Deployment(chart, 'reviews-v3', { containers: [{ image: 'reviews:3', portNumber: 9080 }] }));
    expect(() => new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) }))
      .toThrow(/shop\/canary: version 'v3' of reviews cannot be kept/);
  });

  test('refuses a route mirror, naming the field', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    const canary = reviews.canary({ stable: v1, candidate: v2 });
    canary.route.addMatch({ uri: StringMatch.prefix('/') });
    canary.route.addMirror({ version: v1 });
    expect(() => new FlaggerCanary(chart, 'canary', { canary })).toThrow(/shop\/canary: the canary's route sets mirrors, which Flagger's Canary cannot carry/);
  });

  test('refuses stepWeights with stepWeight', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    expect(() => new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }), stepWeights: [10, 20], stepWeight: 5 }))
      .toThrow('shop/canary: stepWeights is set with maxWeight or stepWeight; give either stepWeights (the weight at each step) or maxWeight and stepWeight.');
  });

  test('refuses decreasing stepWeights', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    expect(() => new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }), stepWeights: [10, 5] }))
      .toThrow('shop/canary: stepWeights[1] is 5, not above the step before (10); list increasing weights, e.g. [5, 10, 25, 50].');
  });

  test('refuses an interval Flagger cannot read', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    expect(() => new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }), interval: Duration.millis(500) }))
      .toThrow(/shop\/canary: interval is 500 ms; the controller counts whole seconds/);
  });

  test('keeps a route added after the hand-off out of the manifests', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    reviews.addVersionWithLabels('extra', { track: 'x' });
    expect(ofKind(synthChecked(chart), 'DestinationRule')).toEqual([]);
  });

  test('a hand-off has no error or warning in the synth-time analysis', () => {
    const { mesh, chart } = edgeApp();
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    const v1 = reviews.addVersion('v1', deployment(chart, 'reviews-v1', { port: 9080 }));
    const v2 = reviews.addVersion('v2', deployment(chart, 'reviews-v2', { port: 9080 }));
    new FlaggerCanary(chart, 'canary', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    expect(problems(mesh)).toEqual([]);
  });
});
