import { MeshService, MeshServiceSource, StringMatch } from '../../src';
import { ofKind, only, shopChart, synth } from '../util';

function reviewsWithVersions() {
  const chart = shopChart();
  const reviews = new MeshService(chart, 'reviews', { port: 9080 });
  const v1 = reviews.addVersionWithLabels('v1', { version: 'v1' });
  const v2 = reviews.addVersionWithLabels('v2', { version: 'v2' });
  return { chart, reviews, v1, v2 };
}

const HOST = 'reviews.shop.svc.cluster.local';

describe('HTTP routes', () => {
  test('keeps routes in the order they were added', () => {
    const { chart, reviews, v1, v2 } = reviewsWithVersions();
    reviews.addRoute({ name: 'first', matches: [{ uri: StringMatch.prefix('/a') }], destinations: [{ version: v2 }] });
    reviews.addRoute({ name: 'second', destinations: [{ version: v1 }] });
    const vs = only(synth(chart), 'VirtualService');
    expect(vs.spec.http.map((r: any) => r.name)).toEqual(['first', 'second']);
  });

  test('writes the service host fully qualified, in hosts and destinations', () => {
    const { chart, reviews, v1 } = reviewsWithVersions();
    reviews.addRoute({ destinations: [{ version: v1 }] });
    const vs = only(synth(chart), 'VirtualService');
    expect(vs.spec.hosts).toEqual([HOST]);
    expect(vs.spec.http[0].route).toEqual([{ destination: { host: HOST, subset: 'v1' } }]);
  });

  test('routeByHeader matches the header exactly and sends to the version', () => {
    const { chart, reviews, v2 } = reviewsWithVersions();
    reviews.routeByHeader('end-user', 'jason', v2);
    const route = only(synth(chart), 'VirtualService').spec.http[0];
    expect(route.match).toEqual([{ headers: { 'end-user': { exact: 'jason' } } }]);
    expect(route.route).toEqual([{ destination: { host: HOST, subset: 'v2' } }]);
  });

  test('renders uri, method, query, source label and port conditions', () => {
    const { chart, reviews, v1 } = reviewsWithVersions();
    reviews.addRoute({
      matches: [{
        name: 'api',
        uri: StringMatch.regex('^/api/v[0-9]+'),
        method: StringMatch.exact('GET'),
        queryParams: { debug: StringMatch.exact('1') },
        sourceLabels: { app: 'productpage' },
        ignoreUriCase: true,
        port: 9080,
      }],
      destinations: [{ version: v1 }],
    });
    expect(only(synth(chart), 'VirtualService').spec.http[0].match).toEqual([{
      name: 'api',
      uri: { regex: '^/api/v[0-9]+' },
      method: { exact: 'GET' },
      queryParams: { debug: { exact: '1' } },
      sourceLabels: { app: 'productpage' },
      ignoreUriCase: true,
      port: 9080,
    }]);
  });

  test('several matches on one route are alternatives (OR)', () => {
    const { chart, reviews, v1 } = reviewsWithVersions();
    const route = reviews.addRoute({ matches: [{ uri: StringMatch.prefix('/a') }], destinations: [{ version: v1 }] });
    route.addMatch({ uri: StringMatch.prefix('/b') });
    expect(only(synth(chart), 'VirtualService').spec.http[0].match).toEqual([{ uri: { prefix: '/a' } }, { uri: { prefix: '/b' } }]);
  });

  test('a route without destinations sends to its own service', () => {
    const { chart, reviews } = reviewsWithVersions();
    reviews.addRoute();
    expect(only(synth(chart), 'VirtualService').spec.http[0].route).toEqual([{ destination: { host: HOST } }]);
  });

  test('routes to another mesh service or a host, with a port', () => {
    const { chart, reviews } = reviewsWithVersions();
    const ratings = new MeshService(chart, 'ratings', { port: 9080 });
    reviews.addRoute({ destinations: [{ service: ratings, port: 9080, weight: 50 }, { host: 'ratings.legacy.svc.cluster.local', weight: 50 }] });
    expect(ofKind(synth(chart), 'VirtualService')[0].spec.http[0].route).toEqual([
      { destination: { host: 'ratings.shop.svc.cluster.local', port: { number: 9080 } }, weight: 50 },
      { destination: { host: 'ratings.legacy.svc.cluster.local' }, weight: 50 },
    ]);
  });

  test('emits the DestinationRule before the VirtualService even when routes came first', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'ext', { source: MeshServiceSource.fromHost('api.example.com') });
    svc.addRoute();
    svc.addVersionWithLabels('v1', { version: 'v1' });
    const kinds = synth(chart).map((m) => m.kind);
    expect(kinds.indexOf('DestinationRule')).toBeLessThan(kinds.indexOf('VirtualService'));
  });

  test('a destination may name only one of version, service and host', () => {
    const { reviews, v1 } = reviewsWithVersions();
    expect(() => reviews.addRoute({ destinations: [{ version: v1, host: 'x' }] })).toThrow(/destinations\[0\] of route \(unnamed\) sets more than one of version, service and host/);
  });

  test('several destinations each need a weight', () => {
    const { reviews, v1, v2 } = reviewsWithVersions();
    expect(() => reviews.addRoute({ destinations: [{ version: v1, weight: 90 }, { version: v2 }] })).toThrow(/destinations\[1\] of route \(unnamed\) has no weight/);
  });

  test('a negative weight is rejected with the prop', () => {
    const { reviews, v1, v2 } = reviewsWithVersions();
    expect(() => reviews.addRoute({ name: 'r', destinations: [{ version: v1, weight: -1 }, { version: v2, weight: 101 }] })).toThrow(/destinations\[0\]\.weight of route 'r' is -1/);
  });
});

describe('split and promote', () => {
  test('split writes a default route with one weighted destination per version', () => {
    const { chart, reviews } = reviewsWithVersions();
    reviews.split({ v1: 90, v2: 10 });
    const route = only(synth(chart), 'VirtualService').spec.http[0];
    expect(route).toEqual({
      name: 'default',
      route: [
        { destination: { host: HOST, subset: 'v1' }, weight: 90 },
        { destination: { host: HOST, subset: 'v2' }, weight: 10 },
      ],
    });
  });

  test('calling split again changes the same route instead of adding one', () => {
    const { chart, reviews } = reviewsWithVersions();
    reviews.split({ v1: 90, v2: 10 });
    reviews.split({ v1: 50, v2: 50 });
    const http = only(synth(chart), 'VirtualService').spec.http;
    expect(http).toHaveLength(1);
    expect(http[0].route.map((r: any) => r.weight)).toEqual([50, 50]);
  });

  test('the default route stays where it was first created', () => {
    const { chart, reviews, v2 } = reviewsWithVersions();
    reviews.routeByHeader('end-user', 'jason', v2);
    reviews.split({ v1: 100 });
    reviews.split({ v1: 80, v2: 20 });
    const http = only(synth(chart), 'VirtualService').spec.http;
    expect(http.map((r: any) => r.name)).toEqual([undefined, 'default']);
  });

  test('split rejects a percentage above 100, naming the version', () => {
    const { reviews } = reviewsWithVersions();
    expect(() => reviews.split({ v1: 140 })).toThrow(/split\(\) weight of 'v1' is 140; a percentage is a whole number from 0 to 100/);
  });

  test('split rejects an unknown version, listing the known ones', () => {
    const { reviews } = reviewsWithVersions();
    expect(() => reviews.split({ v3: 100 })).toThrow(/no version 'v3'; versions are v1, v2/);
  });

  test('promote sends the default route to one version', () => {
    const { chart, reviews, v2 } = reviewsWithVersions();
    reviews.split({ v1: 90, v2: 10 });
    reviews.promote(v2);
    expect(only(synth(chart), 'VirtualService').spec.http[0].route).toEqual([{ destination: { host: HOST, subset: 'v2' } }]);
  });
});
