import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy, selecting, service, workload } from '../../../fixtures/manifests';
import { reviewsRollout } from '../../../fixtures/progressive-delivery';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-outlier-ejects-single-replica');

const ejectAll = { outlierDetection: { consecutive5xxErrors: 5, maxEjectionPercent: 100 } };
const replicas = (d: any, n: number) => ({ ...d, spec: { ...d.spec, replicas: n } });
const svc = service('reviews', undefined, selecting({ app: 'reviews' }));
const v1 = workload('reviews-v1', undefined, { app: 'reviews', version: 'v1' });
const v2 = workload('reviews-v2', undefined, { app: 'reviews', version: 'v2' });

describe('destinationrule-outlier-ejects-single-replica', () => {
  test('warns about maxEjectionPercent 100 on a service with one pod (replicas unset, default 1)', () => {
    const d = one(rule, [drPolicy(ejectAll), svc, v1], {
      path: 'spec.trafficPolicy.outlierDetection.maxEjectionPercent',
      severity: Severity.WARNING,
    });
    expect(d.message).toContain('maxEjectionPercent: 100 and minHealthPercent 0');
    expect(d.message).toContain('the host reviews (Deployment reviews-v1 with replicas unset (default 1))');
    expect(d.message).toContain('503 "no healthy upstream"');
    expect(d.fix).toContain('at least 2 replicas');
  });

  test('counts the replicas of an Argo Rollout as of a Deployment', () => {
    const d = one(rule, [drPolicy(ejectAll), svc, reviewsRollout()], { path: 'spec.trafficPolicy.outlierDetection.maxEjectionPercent' });
    expect(d.message).toContain('Rollout reviews with replicas unset (default 1)');
    none(rule, [drPolicy(ejectAll), svc, replicas(reviewsRollout(), 3)]);
  });

  test('warns about an explicit replicas: 1', () => {
    const d = one(rule, [drPolicy(ejectAll), svc, replicas(v1, 1)], { path: 'spec.trafficPolicy.outlierDetection.maxEjectionPercent' });
    expect(d.message).toContain('replicas: 1');
  });

  test('judges each subset cluster: a subset with one pod behind an inherited policy', () => {
    const dr = drPolicy(ejectAll, [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }]);
    const d = one(rule, [dr, svc, replicas(v1, 3), v2], { path: 'spec.trafficPolicy.outlierDetection.maxEjectionPercent' });
    expect(d.message).toContain('subset "v2" (Deployment reviews-v2');
    expect(d.message).not.toContain('the host reviews');
  });

  test('uses the minReplicas of a HorizontalPodAutoscaler', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'reviews' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'reviews-v1' }, minReplicas: 2, maxReplicas: 5 },
    };
    none(rule, [drPolicy(ejectAll), svc, replicas(v1, 1), hpa]);
  });

  test('accepts several replicas', () => {
    none(rule, [drPolicy(ejectAll), svc, replicas(v1, 2)]);
  });

  test('accepts maxEjectionPercent below 100, and minHealthPercent above 0 (panic mode keeps traffic flowing)', () => {
    none(rule, [drPolicy({ outlierDetection: { maxEjectionPercent: 50 } }), svc, v1]);
    none(rule, [drPolicy({ outlierDetection: { maxEjectionPercent: 100, minHealthPercent: 50 } }), svc, v1]);
  });

  test('does not judge a service whose pods are not in the app', () => {
    none(rule, [drPolicy(ejectAll), svc, workload('other', undefined, { app: 'other' })]);
  });
});
