import { Severity } from '../../../../src/analysis/diagnostic';
import { destinationRule, subset, to, virtualService } from '../../../fixtures/manifests';
import { many, none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-subset-not-found');

const reviewsDr = destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v1'), subset('v2')] });

describe('virtualservice-subset-not-found', () => {
  test('reports a route to a subset the DestinationRule does not define, naming the defined ones', () => {
    const vs = virtualService('reviews', undefined, {
      hosts: ['reviews'],
      http: [{ match: [{ headers: { end_user: { exact: 'jason' } } }], route: [to('reviews', 'v2')] }, { route: [to('reviews', 'v3')] }],
    });
    const d = one(rule, [reviewsDr, vs], { path: 'spec.http[1].route[0].destination.subset', severity: Severity.ERROR });
    expect(d).toMatchObject({ resource: { kind: 'VirtualService', name: 'reviews' } });
    expect(d.message).toContain('"v3"');
    expect(d.message).toContain('reviews.default.svc.cluster.local');
    expect(d.message).toContain('"v1", "v2"');
    expect(d.fix).toContain('Use one of the defined subsets "v1", "v2"');
    expect(d.fix).toContain('add a subset named "v3" to the DestinationRule for reviews.default.svc.cluster.local');
  });

  test('accepts subsets the DestinationRule defines', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1', 50), to('reviews', 'v2', 50)] }] });
    none(rule, [reviewsDr, vs]);
  });

  test('accepts destinations without a subset even when no DestinationRule exists', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews')] }] });
    none(rule, [vs]);
  });

  test('says to add a DestinationRule when none exists for the host', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1')] }] });
    const found = one(rule, [vs], { path: 'spec.http[0].route[0].destination.subset' });
    expect(found.path).toBe('spec.http[0].route[0].destination.subset');
    expect(found.message).toContain('no DestinationRule');
    expect(found.fix).toContain('Add a DestinationRule with host "reviews.default.svc.cluster.local" that defines a subset named "v1"');
  });

  test('resolves a short destination host in the VirtualService namespace, not the DestinationRule one', () => {
    const vs = virtualService('reviews', 'prod', { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1')] }] });
    // The DestinationRule in "default" is for reviews.default, not reviews.prod.
    const d = one(rule, [reviewsDr, vs], { path: 'spec.http[0].route[0].destination.subset' });
    expect(d.message).toContain('reviews.prod.svc.cluster.local');
    none(rule, [destinationRule('reviews', 'prod', { host: 'reviews', subsets: [subset('v1')] }), vs]);
  });

  test('resolves a short DestinationRule host in its own namespace', () => {
    const vs = virtualService('reviews', 'frontend', { hosts: ['reviews'], http: [{ route: [to('reviews.backend.svc.cluster.local', 'v1')] }] });
    none(rule, [destinationRule('reviews', 'backend', { host: 'reviews', subsets: [subset('v1')] }), vs]);
  });

  test('uses a wildcard DestinationRule when no exact one exists, as Istio does', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1')] }] });
    const wildcard = destinationRule('all', undefined, { host: '*.default.svc.cluster.local', subsets: [subset('v1')] });
    none(rule, [wildcard, vs]);
  });

  test('checks mirror and mirrors destinations', () => {
    const vs = virtualService('reviews', undefined, {
      hosts: ['reviews'],
      http: [
        { route: [to('reviews', 'v1')], mirror: { host: 'reviews', subset: 'shadow' } },
        { route: [to('reviews', 'v1')], mirrors: [{ destination: { host: 'reviews', subset: 'v2' } }, { destination: { host: 'reviews', subset: 'v9' } }] },
      ],
    });
    const ds = many(rule, [reviewsDr, vs], ['spec.http[0].mirror.subset', 'spec.http[1].mirrors[1].destination.subset']);
    expect(ds[0].message).toMatch(/^Mirrors to subset "shadow"/);
    expect(ds[1].message).toContain('"v9"');
  });

  test('checks tcp and tls routes', () => {
    const vs = virtualService('db', undefined, {
      hosts: ['db'],
      tcp: [{ route: [to('db', 'primary')] }],
      tls: [{ match: [{ sniHosts: ['db'] }], route: [to('db', 'replica')] }],
    });
    const d = one(rule, [destinationRule('db', undefined, { host: 'db', subsets: [subset('primary')] }), vs], { path: 'spec.tls[0].route[0].destination.subset' });
    expect(d.path).toBe('spec.tls[0].route[0].destination.subset');
    expect(d.message).toContain('"replica"');
  });

  test('suggests the nearest defined subset for a typo', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'V2')] }] });
    const ds = run(rule, [reviewsDr, vs]);
    expect(ds[0].fix).toContain('did you mean "v2"?');
  });

  test('names the only defined subset without a "did you mean" guess', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v2')] }] });
    const ds = run(rule, [destinationRule('reviews', undefined, { host: 'reviews', subsets: [subset('v1')] }), vs]);
    expect(ds[0].fix).toBe('Use the defined subset "v1", or add a subset named "v2" to the DestinationRule for reviews.default.svc.cluster.local.');
  });

  test('says so when the DestinationRule defines no subsets at all', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1')] }] });
    const ds = run(rule, [destinationRule('reviews', undefined, { host: 'reviews' }), vs]);
    expect(ds[0].message).toContain('DestinationRule default/reviews defines no subsets');
    expect(ds[0].fix).toBe('Add a subset named "v1" to the DestinationRule for reviews.default.svc.cluster.local.');
  });

  describe('a DestinationRule Istio cannot decode defines no subsets, as istioctl drops it', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1')] }] });
    const at = { path: 'spec.http[0].route[0].destination.subset' };
    const withPolicy = (trafficPolicy: any) => destinationRule('reviews', undefined, { host: 'reviews', trafficPolicy, subsets: [subset('v1')] });

    test('reports a subset of a rule with a fractional integer, saying the rule exists but is unreadable', () => {
      const d = one(rule, [withPolicy({ connectionPool: { tcp: { maxConnections: 1.5 } } }), vs], at);
      expect(d.message).toContain('DestinationRule default/reviews is in the analysed manifests, but Istio cannot decode it');
      expect(d.message).toContain('spec.trafficPolicy.connectionPool.tcp.maxConnections has the wrong type');
      expect(d.fix).toContain('Fix DestinationRule');
    });

    test('reports a subset of a rule with an int32 field past 2147483647', () => {
      const d = one(rule, [withPolicy({ connectionPool: { http: { http2MaxRequests: 2147483648 } } }), vs], at);
      expect(d.message).toContain('is 2147483648, which its 32-bit signed integer type cannot hold');
    });

    test('reports a subset of a rule with a negative unsigned integer', () => {
      one(rule, [withPolicy({ outlierDetection: { consecutive5xxErrors: -1 } }), vs], at);
    });

    test('reports a subset of a rule with a duration Go cannot parse', () => {
      const d = one(rule, [withPolicy({ outlierDetection: { baseEjectionTime: '1h30x' } }), vs], at);
      expect(d.message).toContain('spec.trafficPolicy.outlierDetection.baseEjectionTime is not a duration');
    });

    test('reports a subset of a rule with an empty enum name (protobuf knows no such name)', () => {
      one(rule, [withPolicy({ tls: { mode: '' } }), vs], at);
    });

    test('reports a subset of a rule with a duration without unit', () => {
      one(rule, [withPolicy({ connectionPool: { tcp: { connectTimeout: '1' } } }), vs], at);
    });

    test('accepts the subset when an enum field holds a number, which protobuf decodes', () => {
      none(rule, [withPolicy({ connectionPool: { http: { h2UpgradePolicy: 5 } } }), vs]);
    });

    test('accepts the subset when the rule decodes', () => {
      none(rule, [withPolicy({ connectionPool: { tcp: { maxConnections: 100 } }, outlierDetection: { baseEjectionTime: '30s' } }), vs]);
    });
  });
});
