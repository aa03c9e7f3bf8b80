import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import { reviewsCanary, synthChecked } from './support';
import { ArgoRollout, IstioAnalysisTemplate, MeshService, RolloutScaleDown, RolloutStep, RolloutWorkload } from '../../src';
import { deployment, edgeApp, ofKind, only, problems, shopChart } from '../fixtures/app';

describe('ArgoRollout', () => {
  test('a Rollout replaces the versions\' Deployments, naming the VirtualService, route, DestinationRule and subsets', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    reviews.routeByHeader('end-user', 'jason', v2);
    new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2, weight: 10 }) });
    const manifests = synthChecked(chart);
    expect(ofKind(manifests, 'Deployment')).toEqual([]);
    const rollout = only(manifests, 'Rollout');
    expect(rollout.metadata).toEqual({ name: 'reviews', namespace: 'shop' });
    expect(rollout.spec.strategy.canary.trafficRouting.istio).toEqual({
      virtualService: { name: 'reviews', routes: ['default'] },
      destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' },
    });
    expect(rollout.spec.template.spec.containers[0].image).toBe('reviews-v2:1');
  });

  test('the pod template keeps the app label and drops the version label, which no longer tells versions apart', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    const labels = only(synthChecked(chart), 'Rollout').spec.template.metadata.labels;
    expect(labels.app).toBe('reviews');
    expect(labels.version).toBeUndefined();
  });

  test('both subsets select all the Rollout\'s pods by the service\'s app label', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    const subsets = only(synthChecked(chart), 'DestinationRule').spec.subsets;
    expect(subsets).toEqual([{ name: 'v1', labels: { app: 'reviews' } }, { name: 'v2', labels: { app: 'reviews' } }]);
  });

  test('both subsets select by the Rollout\'s selector when the workload is not a version\'s', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    const other = deployment(chart, 'reviews-next', { port: 9080 });
    new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2 }), workload: RolloutWorkload.fromDeployment(other) });
    const manifests = synthChecked(chart);
    const selector = only(manifests, 'Rollout').spec.selector.matchLabels;
    expect(only(manifests, 'DestinationRule').spec.subsets).toEqual([{ name: 'v1', labels: selector }, { name: 'v2', labels: selector }]);
  });

  test('the route rests on the stable subset and is recorded as the controller\'s', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2, weight: 30 }) });
    const vs = only(synthChecked(chart), 'VirtualService');
    expect(vs.spec.http[0].route.map((r: any) => [r.destination.subset, r.weight])).toEqual([['v1', 100], ['v2', 0]]);
    expect(vs.metadata.annotations['cdk8s-istio.io/controller-routes']).toBe('argo-rollouts:default');
  });

  test('the canary\'s weight methods throw once Argo Rollouts owns the weights', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    const canary = reviews.canary({ stable: v1, candidate: v2 });
    new ArgoRollout(chart, 'rollout', { canary });
    expect(() => canary.updateWeight(20)).toThrow(/shop\/reviews: canary updateWeight\(\) cannot be used: the canary's weights belong to argo-rollouts/);
    expect(() => canary.promote()).toThrow(/belong to argo-rollouts/);
  });

  test('writes the default steps: 10%, a minute, 50%, a minute', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    expect(only(synthChecked(chart), 'Rollout').spec.strategy.canary.steps).toEqual([
      { setWeight: 10 }, { pause: { duration: '1m' } }, { setWeight: 50 }, { pause: { duration: '1m' } },
    ]);
  });

  test('an analysis step runs the Istio template with the service host as argument', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    const template = new IstioAnalysisTemplate(chart, 'istio-health');
    new ArgoRollout(chart, 'rollout', {
      canary: reviews.canary({ stable: v1, candidate: v2 }),
      steps: [RolloutStep.weight(20), RolloutStep.analysis(template), RolloutStep.pause(), RolloutStep.pause(Duration.seconds(90))],
    });
    const manifests = synthChecked(chart);
    expect(only(manifests, 'Rollout').spec.strategy.canary.steps).toEqual([
      { setWeight: 20 },
      { analysis: { templates: [{ templateName: 'istio-health' }], args: [{ name: 'service-host', value: 'reviews.shop.svc.cluster.local' }] } },
      { pause: {} },
      { pause: { duration: '90s' } },
    ]);
    expect(only(manifests, 'AnalysisTemplate').metadata).toEqual({ name: 'istio-health', namespace: 'shop' });
  });

  test('referenceDeployment keeps the Deployment and writes workloadRef', () => {
    const { chart, reviews, v1, v2, v2Deployment } = reviewsCanary();
    new ArgoRollout(chart, 'rollout', {
      canary: reviews.canary({ stable: v1, candidate: v2 }),
      workload: RolloutWorkload.referenceDeployment(v2Deployment, { scaleDown: RolloutScaleDown.ON_SUCCESS }),
    });
    const manifests = synthChecked(chart);
    expect(ofKind(manifests, 'Deployment').map((d) => d.metadata.name)).toEqual([v2Deployment.name]);
    const rollout = only(manifests, 'Rollout');
    expect(rollout.spec.workloadRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: v2Deployment.name, scaleDown: 'onsuccess' });
    expect(rollout.spec.template).toBeUndefined();
  });

  test('takes a Deployment written as an ApiObject', () => {
    const chart = shopChart();
    const obj = new ApiObject(chart, 'ratings-v2', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ratings-v2' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'ratings' } },
        template: { metadata: { labels: { app: 'ratings' } }, spec: { containers: [{ name: 'ratings', image: 'ratings:2', ports: [{ containerPort: 9080 }] }] } },
      },
    });
    const ratings = new MeshService(chart, 'ratings', { port: 9080 });
    const v1 = ratings.addVersionWithLabels('v1', { app: 'ratings' });
    const v2 = ratings.addVersionFromObject('v2', obj);
    new ArgoRollout(chart, 'rollout', { canary: ratings.canary({ stable: v1, candidate: v2 }) });
    const rollout = only(synthChecked(chart), 'Rollout');
    expect(rollout.spec.replicas).toBe(2);
    expect(rollout.spec.selector).toEqual({ matchLabels: { app: 'ratings' } });
  });

  test('refuses a candidate without a Deployment when no workload is given, naming the prop', () => {
    const chart = shopChart();
    const ratings = new MeshService(chart, 'ratings', { port: 9080 });
    const v1 = ratings.addVersionWithLabels('v1', { version: 'v1' });
    const v2 = ratings.addVersionWithLabels('v2', { version: 'v2' });
    expect(() => new ArgoRollout(chart, 'rollout', { canary: ratings.canary({ stable: v1, candidate: v2 }) }))
      .toThrow("shop/rollout: workload is not set, and the candidate version 'v2' has no workload; pass workload: RolloutWorkload.fromDeployment(deployment)");
  });

  test('refuses an analysis template of another namespace', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    const template = new IstioAnalysisTemplate(chart, 'istio-health', { namespace: 'ops' });
    expect(() => new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2 }), steps: [RolloutStep.analysis(template)] }))
      .toThrow(/shop\/rollout: steps\[0\] runs AnalysisTemplate istio-health of namespace 'ops', but the Rollout is in 'shop'; a Rollout reads AnalysisTemplates of its own namespace/);
  });

  test('refuses a canary handed to a controller twice', () => {
    const { chart, reviews, v1, v2 } = reviewsCanary();
    const canary = reviews.canary({ stable: v1, candidate: v2 });
    new ArgoRollout(chart, 'rollout', { canary });
    expect(() => new ArgoRollout(chart, 'rollout2', { canary, name: 'reviews2' })).toThrow(/already belong to argo-rollouts/);
  });
});

describe('ArgoRollout in the synth-time analysis', () => {
  test('a hand-off with a header route and an analysis step has no error or warning', () => {
    const { mesh, chart } = edgeApp();
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    const v1 = reviews.addVersion('v1', deployment(chart, 'reviews-v1', { port: 9080 }));
    const v2 = reviews.addVersion('v2', deployment(chart, 'reviews-v2', { port: 9080 }));
    reviews.routeByHeader('end-user', 'jason', v2);
    const template = new IstioAnalysisTemplate(chart, 'istio-health');
    new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2 }), steps: [RolloutStep.weight(20), RolloutStep.analysis(template)] });
    expect(problems(mesh)).toEqual([]);
  });

  test('a subset label patched onto the DestinationRule, which no pod carries, is reported once', () => {
    const { mesh, chart } = edgeApp();
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    const v1 = reviews.addVersion('v1', deployment(chart, 'reviews-v1', { port: 9080 }));
    const v2 = reviews.addVersion('v2', deployment(chart, 'reviews-v2', { port: 9080 }));
    new ArgoRollout(chart, 'rollout', { canary: reviews.canary({ stable: v1, candidate: v2 }) });
    reviews.destinationRule!.addJsonPatch(JsonPatch.add('/spec/subsets/0/labels/version', 'v1'));
    expect(problems(mesh)).toEqual([expect.stringMatching(/^destinationrule-subset-no-pods: Subset "v1" selects labels app=reviews, version=v1/)]);
  });
});

describe('RolloutStep', () => {
  test('refuses a weight above 100', () => {
    expect(() => RolloutStep.weight(140)).toThrow('RolloutStep.weight(): percent is 140; write a whole number from 0 to 100, e.g. 20.');
  });

  test('refuses a pause that is not whole seconds', () => {
    expect(() => RolloutStep.pause(Duration.millis(1500))).toThrow(/pause\(\): duration is 1500 ms; the controller counts whole seconds/);
  });
});

describe('IstioAnalysisTemplate', () => {
  test('queries Istio\'s request count and duration for the service host, with the typed defaults', () => {
    const chart = shopChart();
    new IstioAnalysisTemplate(chart, 'istio-health');
    const spec = only(synthChecked(chart), 'AnalysisTemplate').spec;
    expect(spec.args).toEqual([{ name: 'service-host' }]);
    const [success, latency] = spec.metrics;
    expect(success).toMatchObject({ name: 'success-rate', interval: '1m', count: 5, failureLimit: 1, successCondition: 'result[0] >= 0.99' });
    expect(success.provider.prometheus.address).toBe('http://prometheus.istio-system:9090');
    expect(success.provider.prometheus.query).toBe(
      'sum(irate(istio_requests_total{reporter="source",destination_service="{{args.service-host}}",response_code!~"5.*"}[1m])) / ' +
      'sum(irate(istio_requests_total{reporter="source",destination_service="{{args.service-host}}"}[1m]))',
    );
    expect(latency).toMatchObject({ name: 'latency-p99', successCondition: 'result[0] <= 500' });
    expect(latency.provider.prometheus.query).toBe(
      'histogram_quantile(0.99, sum(irate(istio_request_duration_milliseconds_bucket{reporter="source",destination_service="{{args.service-host}}"}[1m])) by (le))',
    );
  });

  test('writes the given bounds', () => {
    const chart = shopChart();
    new IstioAnalysisTemplate(chart, 'strict', { minSuccessRatePercent: 99.5, latencyPercentile: 95, maxLatency: Duration.seconds(1), interval: Duration.seconds(30), count: 10, failureLimit: 2 });
    const [success, latency] = only(synthChecked(chart), 'AnalysisTemplate').spec.metrics;
    expect(success).toMatchObject({ interval: '30s', count: 10, failureLimit: 2, successCondition: 'result[0] >= 0.995' });
    expect(latency).toMatchObject({ name: 'latency-p95', successCondition: 'result[0] <= 1000' });
  });

  test('refuses a namespace that is not a valid name', () => {
    expect(() => new IstioAnalysisTemplate(shopChart(), 't', { namespace: 'Ops' })).toThrow(/^shop\/t: namespace /);
  });

  test('refuses a failure limit above the count', () => {
    expect(() => new IstioAnalysisTemplate(shopChart(), 't', { count: 3, failureLimit: 4 }))
      .toThrow('shop/t: failureLimit is 4; write a whole number from 0 to 3, e.g. 1.');
  });
});
