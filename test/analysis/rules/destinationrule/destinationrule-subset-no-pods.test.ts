import { Severity } from '../../../../src/analysis/diagnostic';
import { destinationRule, selecting, service, subset, workload } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-subset-no-pods');

const reviewsSvc = service('reviews', undefined, selecting({ app: 'reviews' }));
const v1 = workload('reviews-v1', undefined, { app: 'reviews', version: 'v1' });
const v2 = workload('reviews-v2', undefined, { app: 'reviews', version: 'v2' });

describe('destinationrule-subset-no-pods', () => {
  test('reports a subset whose labels match no pod of the Service, suggesting the versions present', () => {
    const dr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v1'), subset('v3')] });
    const d = one(rule, [reviewsSvc, v1, v2, dr], { path: 'spec.subsets[1].labels', severity: Severity.ERROR });
    expect(d).toMatchObject({ resource: { kind: 'DestinationRule', name: 'reviews' } });
    expect(d.message).toContain('Subset "v3" selects labels version=v3 within Service default/reviews (selector app=reviews)');
    expect(d.message).toContain('"version" is "v1" or "v2"');
    expect(d.fix).toContain('Change the subset\'s labels to values the pods carry ("version" is "v1" or "v2")');
  });

  test('accepts subsets that match pod templates', () => {
    const dr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v1'), subset('v2')] });
    none(rule, [reviewsSvc, v1, v2, dr]);
  });

  test('combines the subset labels with the Service selector, and warns when only another app\'s pods carry them (istioctl ignores the selector)', () => {
    // A pod labelled version=v1 exists, but it belongs to another app.
    const other = workload('ratings-v1', undefined, { app: 'ratings', version: 'v1' });
    const dr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v1')] });
    const found = one(rule, [reviewsSvc, v2, other, dr], { path: 'spec.subsets[0].labels', severity: Severity.WARNING });
    expect(found.message).toContain('"version" is "v2"');
    expect(found.message).toContain('ratings-v1');
  });

  test('says when no pod of the Service has the label key at all', () => {
    const dr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('canary', { track: 'canary' })] });
    const ds = run(rule, [reviewsSvc, v1, dr]);
    expect(ds[0].message).toContain('no pod of the Service has a "track" label');
  });

  test('warns (not errors) when only pods of another namespace carry the subset labels, as istioctl looks in every namespace', () => {
    const svc = service('reviews', 'shop', selecting({ app: 'reviews' }));
    const shopV1 = workload('reviews-v1', 'shop', { app: 'reviews', version: 'v1' });
    const dr = destinationRule('reviews', 'mesh-config', { host: 'reviews.shop.svc.cluster.local', subsets: [subset('v2')] });
    // v2 only exists in "default": not a pod of shop/reviews, but istioctl's IST0173 is satisfied by it.
    const d = one(rule, [svc, shopV1, v2, dr], { path: 'spec.subsets[0].labels', severity: Severity.WARNING });
    expect(d.message).toContain('Service shop/reviews');
    expect(d.message).toContain('Only pods of other workloads carry the subset\'s labels (Deployment default/reviews-v2)');
  });

  test('errors when no pod of any namespace matches', () => {
    const svc = service('reviews', 'shop', selecting({ app: 'reviews' }));
    const shopV1 = workload('reviews-v1', 'shop', { app: 'reviews', version: 'v1' });
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', subsets: [subset('v3')] });
    one(rule, [svc, shopV1, v2, dr], { path: 'spec.subsets[0].labels', severity: Severity.ERROR });
  });

  test('says nothing when the host is not a Service in the analysed set', () => {
    const dr = destinationRule('ext', undefined, { host: 'api.example.com', subsets: [subset('v9')] });
    none(rule, [v1, dr]);
  });

  test('says nothing when the analysed set has no workloads', () => {
    const dr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v9')] });
    none(rule, [reviewsSvc, dr]);
  });

  test('says nothing when no pod template belongs to the Service (its workloads live elsewhere)', () => {
    const dr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v9')] });
    none(rule, [reviewsSvc, workload('ratings', undefined, { app: 'ratings' }), dr]);
  });

  test('says nothing for a Service without selector', () => {
    const dr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v9')] });
    none(rule, [service('reviews', undefined, selecting(undefined)), v1, dr]);
  });

  test('ignores topology labels that Istio adds from the node', () => {
    const dr = destinationRule('reviews', undefined, {
      host: 'reviews',
      subsets: [
        subset('west', { 'version': 'v1', 'topology.kubernetes.io/region': 'us-west1' }),
        subset('west-v3', { 'version': 'v3', 'topology.kubernetes.io/zone': 'us-west1-a' }),
      ],
    });
    const d = one(rule, [reviewsSvc, v1, dr], { path: 'spec.subsets[1].labels' });
    expect(d.path).toBe('spec.subsets[1].labels');
  });

  test('accepts a subset without labels (the whole Service)', () => {
    none(rule, [reviewsSvc, v1, destinationRule('reviews', undefined, { host: 'reviews', subsets: [{ name: 'all' }] })]);
  });

  test('reads pod templates of StatefulSets and CronJobs too', () => {
    const sts = { ...workload('reviews-v2', undefined, { app: 'reviews', version: 'v2' }), kind: 'StatefulSet' };
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'reviews-batch' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'reviews', version: 'batch' } }, spec: {} } } } },
    };
    const dr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v2'), subset('batch')] });
    none(rule, [reviewsSvc, sts, cron, dr]);
  });
});

describe('destinationrule-subset-no-pods at scale', () => {
  test('indexes pod templates instead of scanning all of them per subset', () => {
    const objects: any[] = [];
    for (let i = 0; i < 2000; i++) {
      objects.push(service(`svc-${i}`, undefined, selecting({ app: `svc-${i}` })));
      objects.push(workload(`svc-${i}-v1`, undefined, { app: `svc-${i}`, version: 'v1' }));
      objects.push(destinationRule(`svc-${i}`, undefined, { host: `svc-${i}`, subsets: [subset('v1'), subset(i === 7 ? 'v2' : 'v1')] }));
    }
    const ds = run(rule, objects);
    expect(ds.map((d) => d.resource.name)).toEqual(['svc-7']);
  });
});
