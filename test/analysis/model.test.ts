/**
 * Indexes added for scale must answer exactly as the scans they replace.
 */
import { EffectiveMtls } from '../../src/analysis/facts/effective-mtls';
import { MeshModel } from '../../src/analysis/model';
import { peerAuthentication, workload } from '../fixtures/manifests';
import { reviewsRollout } from '../fixtures/progressive-delivery';

function mtls(manifests: any[]): EffectiveMtls {
  return EffectiveMtls.of(new MeshModel(manifests.map((manifest) => ({ manifest }))));
}

const names = (found: Array<{ name: string }>) => found.map((o) => o.name);

describe('EffectiveMtls.workloadPolicies (policies filed by one label of their selector)', () => {
  test('finds every policy whose whole selector the pod carries, in input order', () => {
    const index = mtls([
      peerAuthentication('by-version', 'shop', { selector: { matchLabels: { version: 'v1' } }, mtls: { mode: 'PERMISSIVE' } }),
      peerAuthentication('by-app', 'shop', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
      peerAuthentication('by-both', 'shop', { selector: { matchLabels: { app: 'api', version: 'v1' } }, mtls: { mode: 'DISABLE' } }),
    ]);
    expect(names(index.workloadPolicies('shop', { app: 'api', version: 'v1' }))).toEqual(['by-version', 'by-app', 'by-both']);
    expect(index.forWorkload('shop', { version: 'v1', app: 'api' }).workload.policy?.name).toBe('by-version');
  });

  test('skips a policy when the pod lacks one of its selector labels, or has another value', () => {
    const index = mtls([
      peerAuthentication('api-v2', 'shop', { selector: { matchLabels: { app: 'api', version: 'v2' } }, mtls: { mode: 'STRICT' } }),
      peerAuthentication('api-canary', 'shop', { selector: { matchLabels: { app: 'api', track: 'canary' } }, mtls: { mode: 'STRICT' } }),
    ]);
    expect(index.workloadPolicies('shop', { app: 'api', version: 'v1' })).toEqual([]);
    expect(names(index.workloadPolicies('shop', { app: 'api', version: 'v2' }))).toEqual(['api-v2']);
  });

  test('looks only in the pod\'s namespace, and ignores selector policies of the root namespace', () => {
    const index = mtls([
      peerAuthentication('other-ns', 'billing', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
      peerAuthentication('in-root', 'istio-system', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'STRICT' } }),
    ]);
    expect(index.workloadPolicies('shop', { app: 'api' })).toEqual([]);
    expect(index.workloadPolicies('istio-system', { app: 'api' })).toEqual([]);
    expect(names(index.workloadPolicies('billing', { app: 'api' }))).toEqual(['other-ns']);
  });
});

describe('MeshModel pod templates (read once per model)', () => {
  const model = () => new MeshModel([
    workload('api', 'shop', { app: 'api' }),
    workload('web', 'shop', { app: 'web' }),
    workload('batch', 'jobs', { app: 'batch' }),
  ].map((manifest) => ({ manifest })));

  test('every index hands out the same record for a pod template, so rules can key maps by it', () => {
    const m = model();
    const [api] = m.allPodTemplates();
    expect(m.allPodTemplates()[0]).toBe(api);
    expect(m.podTemplates('shop')[0]).toBe(api);
    expect(m.podTemplatesMatching('shop', { app: 'api' })).toEqual([api]);
    expect(m.podTemplatesMatching('shop', { app: 'api' })[0]).toBe(api);
  });

  test('keeps input order, per namespace too, and knows when there is none', () => {
    const m = model();
    expect(m.allPodTemplates().map((p) => p.owner.name)).toEqual(['api', 'web', 'batch']);
    expect(m.podTemplates('shop').map((p) => p.owner.name)).toEqual(['api', 'web']);
    expect(m.hasWorkloads()).toBe(true);
    expect(new MeshModel([]).hasWorkloads()).toBe(false);
  });
});

describe('MeshModel pods of Argo Rollouts', () => {
  test('reads the pod template of an argoproj.io Rollout, whose pods subsets and policies select', () => {
    const m = new MeshModel([{ manifest: reviewsRollout() }]);
    expect(m.podTemplatesMatching('default', { app: 'reviews' }).map((p) => `${p.owner.kind} ${p.owner.name}`)).toEqual(['Rollout reviews']);
  });

  test('ignores a kind named Rollout of another API group', () => {
    const other = { ...reviewsRollout(), apiVersion: 'example.com/v1' };
    expect(new MeshModel([{ manifest: other }]).hasWorkloads()).toBe(false);
  });
});
