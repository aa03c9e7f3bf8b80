import { Severity } from '../../../../src/analysis/diagnostic';
import { destinationRuleSubsetNoPods as rule } from '../../../../src/analysis/rules/destinationrule/destinationrule-subset-no-pods';
import { deployment, destinationRule, run, service, subset } from '../fixtures';

const reviewsSvc = service('reviews', { app: 'reviews' });
const v1 = deployment('reviews-v1', { app: 'reviews', version: 'v1' });
const v2 = deployment('reviews-v2', { app: 'reviews', version: 'v2' });

describe('destinationrule-subset-no-pods', () => {
  test('reports a subset whose labels match no pod of the Service, suggesting the versions present', () => {
    const dr = destinationRule('reviews', 'reviews', [subset('v1'), subset('v3')]);
    const ds = run(rule, [reviewsSvc, v1, v2, dr]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      ruleId: 'destinationrule-subset-no-pods',
      severity: Severity.ERROR,
      istioCode: 'IST0173',
      path: 'spec.subsets[1].labels',
      resource: { kind: 'DestinationRule', name: 'reviews' },
    });
    expect(ds[0].message).toContain('Subset "v3" selects labels version=v3 within Service default/reviews (selector app=reviews)');
    expect(ds[0].message).toContain('"version" is "v1" or "v2"');
    expect(ds[0].fix).toContain('Change the subset\'s labels to values the pods carry ("version" is "v1" or "v2")');
  });

  test('accepts subsets that match pod templates', () => {
    const dr = destinationRule('reviews', 'reviews', [subset('v1'), subset('v2')]);
    expect(run(rule, [reviewsSvc, v1, v2, dr])).toEqual([]);
  });

  test('combines the subset labels with the Service selector', () => {
    // A pod labelled version=v1 exists, but it belongs to another app.
    const other = deployment('ratings-v1', { app: 'ratings', version: 'v1' });
    const dr = destinationRule('reviews', 'reviews', [subset('v1')]);
    const ds = run(rule, [reviewsSvc, v2, other, dr]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('"version" is "v2"');
  });

  test('says when no pod of the Service has the label key at all', () => {
    const dr = destinationRule('reviews', 'reviews', [subset('canary', { track: 'canary' })]);
    const ds = run(rule, [reviewsSvc, v1, dr]);
    expect(ds[0].message).toContain('no pod of the Service has a "track" label');
  });

  test('only looks at pod templates in the Service namespace', () => {
    const svc = service('reviews', { app: 'reviews' }, 'shop');
    const shopV1 = deployment('reviews-v1', { app: 'reviews', version: 'v1' }, 'shop');
    const dr = destinationRule('reviews', 'reviews.shop.svc.cluster.local', [subset('v2')], 'mesh-config');
    // v2 only exists in "default": not a pod of shop/reviews.
    const ds = run(rule, [svc, shopV1, v2, dr]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain('Service shop/reviews');
  });

  test('says nothing when the host is not a Service in the analysed set', () => {
    const dr = destinationRule('ext', 'api.example.com', [subset('v9')]);
    expect(run(rule, [v1, dr])).toEqual([]);
  });

  test('says nothing when the analysed set has no workloads', () => {
    const dr = destinationRule('reviews', 'reviews', [subset('v9')]);
    expect(run(rule, [reviewsSvc, dr])).toEqual([]);
  });

  test('says nothing when no pod template belongs to the Service (its workloads live elsewhere)', () => {
    const dr = destinationRule('reviews', 'reviews', [subset('v9')]);
    expect(run(rule, [reviewsSvc, deployment('ratings', { app: 'ratings' }), dr])).toEqual([]);
  });

  test('says nothing for a Service without selector', () => {
    const dr = destinationRule('reviews', 'reviews', [subset('v9')]);
    expect(run(rule, [service('reviews', undefined), v1, dr])).toEqual([]);
  });

  test('ignores topology labels that Istio adds from the node', () => {
    const dr = destinationRule('reviews', 'reviews', [
      subset('west', { 'version': 'v1', 'topology.kubernetes.io/region': 'us-west1' }),
      subset('west-v3', { 'version': 'v3', 'topology.kubernetes.io/zone': 'us-west1-a' }),
    ]);
    const ds = run(rule, [reviewsSvc, v1, dr]);
    expect(ds).toHaveLength(1);
    expect(ds[0].path).toBe('spec.subsets[1].labels');
  });

  test('accepts a subset without labels (the whole Service)', () => {
    expect(run(rule, [reviewsSvc, v1, destinationRule('reviews', 'reviews', [{ name: 'all' }])])).toEqual([]);
  });

  test('reads pod templates of StatefulSets and CronJobs too', () => {
    const sts = { ...deployment('reviews-v2', { app: 'reviews', version: 'v2' }), kind: 'StatefulSet' };
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'reviews-batch' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'reviews', version: 'batch' } }, spec: {} } } } },
    };
    const dr = destinationRule('reviews', 'reviews', [subset('v2'), subset('batch')]);
    expect(run(rule, [reviewsSvc, sts, cron, dr])).toEqual([]);
  });
});

describe('destinationrule-subset-no-pods at scale', () => {
  test('indexes pod templates instead of scanning all of them per subset', () => {
    const objects: any[] = [];
    for (let i = 0; i < 2000; i++) {
      objects.push(service(`svc-${i}`, { app: `svc-${i}` }));
      objects.push(deployment(`svc-${i}-v1`, { app: `svc-${i}`, version: 'v1' }));
      objects.push(destinationRule(`svc-${i}`, `svc-${i}`, [subset('v1'), subset(i === 7 ? 'v2' : 'v1')]));
    }
    const ds = run(rule, objects);
    expect(ds.map((d) => d.resource.name)).toEqual(['svc-7']);
  });
});
