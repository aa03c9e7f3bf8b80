import { Severity } from '../../../../src/analysis/diagnostic';
import { drPolicy } from '../../../fixtures/manifests';
import { many, none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-invalid-load-balancer');

const lb = (loadBalancer: Record<string, any>, extra: Record<string, any> = {}) => drPolicy({ loadBalancer, ...extra });
const od = { outlierDetection: { consecutive5xxErrors: 5 } };

describe('destinationrule-invalid-load-balancer', () => {
  test('reports an httpCookie without name', () => {
    const d = one(rule, [lb({ consistentHash: { httpCookie: { ttl: '0s' } } })], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash.httpCookie',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('has no name');
  });

  test('reports a cookie attribute name given twice', () => {
    const d = one(rule, [lb({ consistentHash: { httpCookie: { name: 's', attributes: [{ name: 'SameSite', value: 'Lax' }, { name: 'SameSite', value: 'Strict' }] } } })], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[1].name',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('sets "SameSite" again');
  });

  test('reports a cookie attribute with an empty name', () => {
    const d = one(rule, [lb({ consistentHash: { httpCookie: { name: 's', attributes: [{ name: '' }] } } })], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[0].name',
    });
    expect(d.message).toContain('has an empty name');
  });

  test('reports a line break in a cookie attribute value, which Envoy refuses', () => {
    const d = one(rule, [lb({ consistentHash: { httpCookie: { name: 's', attributes: [{ name: 'SameSite', value: 'Lax\nX: y' }] } } })], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[0].value',
    });
    expect(d.message).toContain('a line feed');
  });

  test('accepts distinct cookie attributes', () => {
    none(rule, [lb({ consistentHash: { httpCookie: { name: 's', attributes: [{ name: 'SameSite', value: 'Lax' }, { name: 'Secure' }] } } })]);
  });

  test('reports minimumRingSize together with ringHash', () => {
    const d = one(rule, [lb({ consistentHash: { useSourceIp: true, minimumRingSize: 1024, ringHash: { minimumRingSize: 1024 } } })], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize',
    });
    expect(d.message).toContain('minimumRingSize (1024) and ringHash');
  });

  test('reports a maglev table size that is not prime, suggesting the next prime', () => {
    const d = one(rule, [lb({ consistentHash: { useSourceIp: true, maglev: { tableSize: 65536 } } })], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize',
    });
    expect(d.message).toContain('65536 of the top-level traffic policy is not a prime');
    expect(d.fix).toBe('Use a prime, e.g. 65537.');
  });

  test('reports a missing and a too large maglev table size', () => {
    one(rule, [lb({ consistentHash: { useSourceIp: true, maglev: {} } })], { path: 'spec.trafficPolicy.loadBalancer.consistentHash.maglev' });
    one(rule, [lb({ consistentHash: { useSourceIp: true, maglev: { tableSize: 5000011 } } })], {
      path: 'spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize',
    });
  });

  test('reports distribute weights that do not add up to 100', () => {
    const d = one(rule, [lb({ localityLbSetting: { distribute: [{ from: 'us-west/*', to: { 'us-west/*': 80, 'us-east/*': 10 } }] } })], {
      path: 'spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to',
    });
    expect(d.message).toContain('adding up to 90 (us-west/*: 80, us-east/*: 10)');
  });

  test('reports a distribute weight of 0', () => {
    const d = one(rule, [lb({ localityLbSetting: { distribute: [{ from: 'us-west/*', to: { 'us-west/*': 100, 'us-east/*': 0 } }] } })], {
      path: 'spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to["us-east/*"]',
    });
    expect(d.message).toContain('gives "us-east/*" weight 0');
  });

  test('reports an overlapping target locality', () => {
    const d = one(rule, [lb({ localityLbSetting: { distribute: [{ from: 'us-west/*', to: { 'us-east': 50, 'us-east/zone1': 50 } }] } })], {
      path: 'spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to["us-east/zone1"]',
    });
    expect(d.message).toContain('"us-east/zone1"');
    expect(d.message).toContain('overlaps');
  });

  test('reports distribute together with failover', () => {
    const d = one(rule, [lb({ localityLbSetting: { distribute: [{ from: 'a', to: { a: 100 } }], failover: [{ from: 'a', to: 'b' }] } }, od)], {
      path: 'spec.trafficPolicy.loadBalancer.localityLbSetting',
    });
    expect(d.message).toContain('both distribute and failover');
  });

  test('reports failover with a topology label in failoverPriority', () => {
    const d = one(rule, [lb({ localityLbSetting: { failover: [{ from: 'a', to: 'b' }], failoverPriority: ['topology.kubernetes.io/zone'] } }, od)], {
      path: 'spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority[0]',
    });
    expect(d.message).toContain('"topology.kubernetes.io/zone"');
  });

  test('reports failover to the same region, to a zone, and with a wildcard', () => {
    const ds = many(rule, [lb({ localityLbSetting: { failover: [{ from: 'us-east', to: 'us-east' }, { from: 'us-east/zone1', to: 'eu-*' }] } }, od)], [
      'spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0]',
      'spec.trafficPolicy.loadBalancer.localityLbSetting.failover[1]',
      'spec.trafficPolicy.loadBalancer.localityLbSetting.failover[1]',
    ]);
    expect(ds[0].message).toContain('same region');
    expect(ds[1].message).toContain('names a zone');
    expect(ds[2].message).toContain('contains "*"');
  });

  test('reports a warmup without duration and with bad numbers', () => {
    const ds = many(rule, [lb({ simple: 'ROUND_ROBIN', warmup: { minimumPercent: 150, aggression: 0.5 } })], [
      'spec.trafficPolicy.loadBalancer.warmup',
      'spec.trafficPolicy.loadBalancer.warmup.minimumPercent',
      'spec.trafficPolicy.loadBalancer.warmup.aggression',
    ]);
    expect(ds[1].message).toContain('150');
    expect(ds[2].message).toContain('0.5');
  });

  test('accepts valid consistent hash, locality and warmup settings', () => {
    none(rule, [lb({ consistentHash: { httpCookie: { name: 'user', ttl: '0s' }, maglev: { tableSize: 65537 } } })]);
    none(rule, [lb({ localityLbSetting: { distribute: [{ from: 'us-west/zone1/*', to: { 'us-west/zone1/*': 80, 'us-west/zone2/*': 20 } }] } })]);
    none(rule, [lb({ localityLbSetting: { failover: [{ from: 'us-east', to: 'eu-west' }] } }, od)]);
    none(rule, [lb({ simple: 'ROUND_ROBIN', warmup: { duration: '60s', minimumPercent: 10, aggression: 1 } })]);
  });
});
