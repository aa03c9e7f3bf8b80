import { Duration } from 'cdk8s';
import { attach, renderedPolicy } from './traffic-policy-helpers';
import { HashAlgorithm, LoadBalancer } from '../../src';

function lb(loadBalancer: LoadBalancer): any {
  return renderedPolicy({ loadBalancer }).loadBalancer;
}

/** As {@link lb}, with outlier detection on: locality failover only triggers when hosts get ejected. */
function lbWithOutlierDetection(loadBalancer: LoadBalancer): any {
  return renderedPolicy({ loadBalancer, outlierDetection: { consecutive5xxErrors: 5 } }).loadBalancer;
}

describe('LoadBalancer: simple algorithms', () => {
  test('roundRobin renders simple ROUND_ROBIN', () => {
    expect(lb(LoadBalancer.roundRobin())).toEqual({ simple: 'ROUND_ROBIN' });
  });

  test('leastRequest renders simple LEAST_REQUEST', () => {
    expect(lb(LoadBalancer.leastRequest())).toEqual({ simple: 'LEAST_REQUEST' });
  });

  test('random renders simple RANDOM', () => {
    expect(lb(LoadBalancer.random())).toEqual({ simple: 'RANDOM' });
  });

  test('passthrough renders simple PASSTHROUGH', () => {
    expect(lb(LoadBalancer.passthrough())).toEqual({ simple: 'PASSTHROUGH' });
  });
});

describe('LoadBalancer: warmup', () => {
  test('renders warmup (not the deprecated warmupDurationSecs) with its duration', () => {
    expect(lb(LoadBalancer.roundRobin({ warmup: { duration: Duration.seconds(90) } }))).toEqual({
      simple: 'ROUND_ROBIN',
      warmup: { duration: '90s' },
    });
  });

  test('renders minimumPercent and aggression of a warmup', () => {
    const rendered = lb(LoadBalancer.leastRequest({ warmup: { duration: Duration.minutes(2), minimumPercent: 12.5, aggression: 2 } }));
    expect(rendered.warmup).toEqual({ duration: '2m', minimumPercent: 12.5, aggression: 2 });
  });

  test('rejects a warmup minimumPercent above 100', () => {
    expect(attach({ loadBalancer: LoadBalancer.roundRobin({ warmup: { duration: Duration.seconds(10), minimumPercent: 120 } }) }))
      .toThrow(/^shop\/api: trafficPolicy\.loadBalancer\.warmup\.minimumPercent is 120; a percentage is a number from 0 to 100\.$/);
  });

  test('rejects a negative warmup aggression', () => {
    expect(attach({ loadBalancer: LoadBalancer.roundRobin({ warmup: { duration: Duration.seconds(10), aggression: -1 } }) }))
      .toThrow(/trafficPolicy\.loadBalancer\.warmup\.aggression is -1; aggression is a finite number of 1 or more/);
  });
});

describe('LoadBalancer: consistent hash', () => {
  test('hashes on a header', () => {
    expect(lb(LoadBalancer.consistentHashByHeader('x-user-id'))).toEqual({ consistentHash: { httpHeaderName: 'x-user-id' } });
  });

  test('hashes on a cookie with name, path and ttl', () => {
    const rendered = lb(LoadBalancer.consistentHashByCookie({ name: 'session', path: '/', ttl: Duration.hours(1) }));
    expect(rendered).toEqual({ consistentHash: { httpCookie: { name: 'session', path: '/', ttl: '1h' } } });
  });

  test('renders a zero cookie ttl as 0s (a session cookie)', () => {
    const rendered = lb(LoadBalancer.consistentHashByCookie({ name: 'session', ttl: Duration.seconds(0) }));
    expect(rendered.consistentHash.httpCookie).toEqual({ name: 'session', ttl: '0s' });
  });

  test('renders cookie attributes, with and without a value', () => {
    const rendered = lb(LoadBalancer.consistentHashByCookie({
      name: 'session',
      attributes: [{ name: 'SameSite', value: 'Strict' }, { name: 'Secure' }],
    }));
    expect(rendered.consistentHash.httpCookie.attributes).toEqual([{ name: 'SameSite', value: 'Strict' }, { name: 'Secure' }]);
  });

  test('hashes on the source IP', () => {
    expect(lb(LoadBalancer.consistentHashBySourceIp())).toEqual({ consistentHash: { useSourceIp: true } });
  });

  test('hashes on a query parameter', () => {
    expect(lb(LoadBalancer.consistentHashByQueryParameter('user'))).toEqual({ consistentHash: { httpQueryParameterName: 'user' } });
  });

  test('renders a ring hash with its minimum ring size under ringHash (not the deprecated minimumRingSize)', () => {
    const rendered = lb(LoadBalancer.consistentHashByHeader('x-user-id', { hashAlgorithm: HashAlgorithm.ringHash(2048) }));
    expect(rendered.consistentHash).toEqual({ httpHeaderName: 'x-user-id', ringHash: { minimumRingSize: 2048 } });
  });

  test('renders a ring hash without a size as an empty ringHash', () => {
    const rendered = lb(LoadBalancer.consistentHashBySourceIp({ hashAlgorithm: HashAlgorithm.ringHash() }));
    expect(rendered.consistentHash).toEqual({ useSourceIp: true, ringHash: {} });
  });

  test('renders maglev with its table size', () => {
    const rendered = lb(LoadBalancer.consistentHashBySourceIp({ hashAlgorithm: HashAlgorithm.maglev(65537) }));
    expect(rendered.consistentHash).toEqual({ useSourceIp: true, maglev: { tableSize: 65537 } });
  });

  test('rejects a cookie hash without a cookie name', () => {
    expect(attach({ loadBalancer: LoadBalancer.consistentHashByCookie({ name: '' }) }))
      .toThrow(/^shop\/api: trafficPolicy\.loadBalancer\.consistentHash\.httpCookie\.name is empty; a cookie hash needs the cookie's name/);
  });

  test('rejects an empty header name', () => {
    expect(attach({ loadBalancer: LoadBalancer.consistentHashByHeader(' ') }))
      .toThrow(/trafficPolicy\.loadBalancer\.consistentHash\.httpHeaderName is " "; give a value/);
  });

  test('rejects a negative maglev table size', () => {
    expect(attach({ loadBalancer: LoadBalancer.consistentHashBySourceIp({ hashAlgorithm: HashAlgorithm.maglev(-7) }) }))
      .toThrow(/trafficPolicy\.loadBalancer\.consistentHash\.maglev\.tableSize is -7/);
  });
});

describe('LoadBalancer: locality', () => {
  test('renders locality failover and enabled under localityLbSetting', () => {
    const rendered = lbWithOutlierDetection(LoadBalancer.leastRequest({
      locality: { enabled: true, failover: [{ from: 'us-east', to: 'eu-west' }] },
    }));
    expect(rendered).toEqual({
      simple: 'LEAST_REQUEST',
      localityLbSetting: { enabled: true, failover: [{ from: 'us-east', to: 'eu-west' }] },
    });
  });

  test('renders a weighted locality distribution', () => {
    const rendered = lb(LoadBalancer.random({
      locality: { distribute: [{ from: 'us-west/zone1/*', to: { 'us-west/zone1/*': 80, 'us-west/zone2/*': 20 } }] },
    }));
    expect(rendered.localityLbSetting).toEqual({
      distribute: [{ from: 'us-west/zone1/*', to: { 'us-west/zone1/*': 80, 'us-west/zone2/*': 20 } }],
    });
  });

  test('renders failoverPriority labels in order', () => {
    const labels = ['topology.istio.io/network', 'topology.kubernetes.io/region'];
    const rendered = lbWithOutlierDetection(LoadBalancer.consistentHashBySourceIp({ locality: { failoverPriority: labels } }));
    expect(rendered.localityLbSetting).toEqual({ failoverPriority: labels });
  });

  test('renders enabled: false, which turns locality balancing off for this destination', () => {
    expect(lb(LoadBalancer.roundRobin({ locality: { enabled: false } })).localityLbSetting).toEqual({ enabled: false });
  });

  test('rejects failover together with distribute', () => {
    expect(attach({
      loadBalancer: LoadBalancer.roundRobin({
        locality: { failover: [{ from: 'us-east', to: 'eu-west' }], distribute: [{ from: 'us-east/*', to: { 'us-east/*': 100 } }] },
      }),
    })).toThrow(/^shop\/api: trafficPolicy\.loadBalancer\.locality sets both failover and distribute/);
  });

  test('accepts failoverPriority labels other than region, zone and subzone next to failover', () => {
    const rendered = lbWithOutlierDetection(LoadBalancer.roundRobin({
      locality: { failover: [{ from: 'us-east', to: 'eu-west' }], failoverPriority: ['topology.istio.io/network'] },
    }));
    expect(rendered.localityLbSetting.failoverPriority).toEqual(['topology.istio.io/network']);
  });

  test('writes any cookie path as given (Envoy only copies it into Set-Cookie)', () => {
    const rendered = lb(LoadBalancer.consistentHashByCookie({ name: 'session', path: '/shop cart', ttl: Duration.hours(1) }));
    expect(rendered.consistentHash.httpCookie.path).toBe('/shop cart');
  });

  test('rejects a negative distribution weight', () => {
    expect(attach({
      loadBalancer: LoadBalancer.roundRobin({ locality: { distribute: [{ from: 'us-east/*', to: { 'us-east/*': -10 } }] } }),
    })).toThrow(/trafficPolicy\.loadBalancer\.locality\.distribute\[0\]\.to\['us-east\/\*'\] is -10/);
  });
});

describe('LoadBalancer: values Envoy refuses', () => {
  test('a ring-hash minimum ring size above 8388608 is refused', () => {
    expect(attach({ loadBalancer: LoadBalancer.consistentHashByHeader('x-user', { hashAlgorithm: HashAlgorithm.ringHash(8_388_609) }) }))
      .toThrow(/ringHash\.minimumRingSize is 8388609; Istio takes a whole number from 0 to 8388608/);
  });

  test('8388608 itself is accepted', () => {
    const rendered = lb(LoadBalancer.consistentHashByHeader('x-user', { hashAlgorithm: HashAlgorithm.ringHash(8_388_608) }));
    expect(rendered.consistentHash.ringHash).toEqual({ minimumRingSize: 8388608 });
  });

  test('a hash header name with a line feed is refused', () => {
    expect(attach({ loadBalancer: LoadBalancer.consistentHashByHeader('x-user\nx-evil') }))
      .toThrow(/httpHeaderName is "x-user\\nx-evil": it contains a line feed \(\\n\), which Envoy refuses in headers; write the header name on one line/);
  });

  test.each([Infinity, NaN])('a warmup aggression of %s is refused (no JSON form)', (aggression) => {
    expect(attach({ loadBalancer: LoadBalancer.roundRobin({ warmup: { duration: Duration.seconds(10), aggression } }) }))
      .toThrow(new RegExp(`aggression is ${aggression}; aggression is a finite number of 1 or more`));
  });

  test('a warmup longer than a Go duration can hold is refused', () => {
    expect(attach({ loadBalancer: LoadBalancer.roundRobin({ warmup: { duration: Duration.days(200_000) } }) }))
      .toThrow(/warmup\.duration is 17280000000000 ms, longer than a Go duration can hold.*CEL duration\(\) refuses it/);
  });
});
