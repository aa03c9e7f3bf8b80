import { deployment, selecting, service, workload } from '../../../fixtures/manifests';
import { istioCanary, reviewsByRollout, reviewsDestinationRule, reviewsRollout, reviewsVirtualService, rollout } from '../../../fixtures/progressive-delivery';
import { clean, none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('rollout-subset-selects-no-pods');

describe('rollout-subset-selects-no-pods', () => {
  test('accepts subsets that select by the labels of the Rollout\'s pods', () => {
    clean(rule, reviewsByRollout());
  });

  test('reports a version label, which the stable pods stop carrying after a rollout', () => {
    const dr = reviewsDestinationRule([{ name: 'stable', labels: { app: 'reviews', version: 'v1' } }, { name: 'canary', labels: { app: 'reviews', version: 'v2' } }]);
    const d = one(rule, [reviewsRollout(istioCanary(), { version: 'v2' }), reviewsVirtualService(), dr], { path: 'spec.subsets[0].labels.version' });
    expect(d.resource.kind).toBe('DestinationRule');
    expect(d.message).toContain('Subset "stable", the stable subset of Rollout reviews, selects version=v1, which the pod template of Rollout reviews does not carry (it has version=v2)');
    expect(d.fix).toContain('e.g. app: reviews');
  });

  test('ignores the pod-template hash, which Argo Rollouts adds itself', () => {
    const dr = reviewsDestinationRule([
      { name: 'stable', labels: { 'app': 'reviews', 'rollouts-pod-template-hash': '6f7d9' } },
      { name: 'canary', labels: { 'app': 'reviews', 'rollouts-pod-template-hash': '84bc1' } },
    ]);
    none(rule, [reviewsRollout(), reviewsVirtualService(), dr]);
  });

  test('reads the pods of a referenced Deployment', () => {
    const ref = rollout('reviews', undefined, {
      selector: { matchLabels: { app: 'reviews' } },
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'reviews', scaleDown: 'progressively' },
      strategy: istioCanary(),
    });
    const dr = reviewsDestinationRule([{ name: 'stable', labels: { app: 'reviews' } }, { name: 'canary', labels: { app: 'reviewz' } }]);
    const d = one(rule, [ref, deployment('reviews', undefined), reviewsVirtualService(), dr], { path: 'spec.subsets[1].labels.app' });
    expect(d.message).toContain('the pod template of Deployment reviews, which Rollout reviews references');
  });

  test('says nothing when the Rollout\'s pods are not in the analysed set', () => {
    const ref = rollout('reviews', undefined, { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'reviews' }, strategy: istioCanary() });
    none(rule, [ref, reviewsVirtualService(), reviewsDestinationRule([{ name: 'stable', labels: { x: 'y' } }])]);
  });

  test('reports labels that an old Deployment of the Service carries but the Rollout\'s pods do not', () => {
    const dr = reviewsDestinationRule([{ name: 'stable', labels: { app: 'reviews', version: 'v1' } }, { name: 'canary', labels: { app: 'reviews' } }]);
    const objects = [reviewsRollout(), workload('reviews-v1', undefined, { app: 'reviews', version: 'v1' }), service('reviews', undefined, selecting({ app: 'reviews' })), reviewsVirtualService(), dr];
    const d = one(rule, objects, { path: 'spec.subsets[0].labels.version' });
    expect(d.message).toContain('selects version=v1, which the pod template of Rollout reviews does not carry');
  });

  test('leaves labels no pod of the Service carries to destinationrule-subset-no-pods', () => {
    const dr = reviewsDestinationRule([{ name: 'stable', labels: { app: 'reviews', version: 'v1' } }, { name: 'canary', labels: { app: 'reviews' } }]);
    none(rule, [reviewsRollout(), service('reviews', undefined, selecting({ app: 'reviews' })), reviewsVirtualService(), dr]);
    expect(run(ruleById('destinationrule-subset-no-pods'), [reviewsRollout(), service('reviews', undefined, selecting({ app: 'reviews' })), reviewsVirtualService(), dr])
      .map((d) => d.path)).toEqual(['spec.subsets[0].labels']);
  });
});
