import { Chart, Duration, Testing } from 'cdk8s';
import {
  FaultInjection, GrpcStatus, HttpRoute, IstioApiVersion, Mesh, MeshService, MeshServiceSource,
  RedirectPortDerivation, RetryOn, RetryPolicy, StringMatch,
} from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';
import { ofKind, only, shopChart, synth } from '../fixtures/app';

function reviewsWithVersions() {
  const chart = shopChart();
  const reviews = new MeshService(chart, 'reviews', { port: 9080 });
  const v1 = reviews.addVersionWithLabels('v1', { version: 'v1' });
  const v2 = reviews.addVersionWithLabels('v2', { version: 'v2' });
  return { chart, reviews, v1, v2 };
}

const HOST = 'reviews.shop.svc.cluster.local';

describe('HTTP routes', () => {
  test('accepts the regex * in withoutHeaders, where Istio reads it as "the header is present"', () => {
    const { chart, reviews, v1 } = reviewsWithVersions();
    reviews.addRoute({ matches: [{ withoutHeaders: { 'x-canary': StringMatch.regex('*') } }], destinations: [{ version: v1 }] });
    expect(only(synth(chart), 'VirtualService').spec.http[0].match).toEqual([{ withoutHeaders: { 'x-canary': { regex: '*' } } }]);
  });

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
    expect(() => reviews.addRoute({ destinations: [{ version: v1, host: 'x' }] })).toThrow(/^shop\/reviews: route \(unnamed\) destinations\[0\] sets more than one of version, service and host/);
  });

  test('several destinations each need a weight', () => {
    const { reviews, v1, v2 } = reviewsWithVersions();
    expect(() => reviews.addRoute({ destinations: [{ version: v1, weight: 90 }, { version: v2 }] })).toThrow(/^shop\/reviews: route \(unnamed\) destinations\[1\] has no weight/);
  });

  test('a negative weight is rejected with the prop', () => {
    const { reviews, v1, v2 } = reviewsWithVersions();
    expect(() => reviews.addRoute({ name: 'r', destinations: [{ version: v1, weight: -1 }, { version: v2, weight: 101 }] })).toThrow(/^shop\/reviews: route 'r' destinations\[0\]\.weight is -1/);
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

describe('route timeout', () => {
  test('renders the timeout as an Istio duration string', () => {
    const { chart, reviews, v1 } = reviewsWithVersions();
    reviews.addRoute({ destinations: [{ version: v1 }], timeout: Duration.millis(1500) });
    expect(only(synth(chart), 'VirtualService').spec.http[0].timeout).toBe('1500ms');
  });

  test('a route without a timeout writes none (Istio: no time limit)', () => {
    const { chart, reviews } = reviewsWithVersions();
    reviews.addRoute();
    expect(only(synth(chart), 'VirtualService').spec.http[0].timeout).toBeUndefined();
  });

  test('updateTimeout after construction is reflected in the manifest', () => {
    const { chart, reviews } = reviewsWithVersions();
    const route = reviews.split({ v1: 100 });
    route.updateTimeout(Duration.seconds(10));
    expect(route.timeout?.toSeconds()).toBe(10);
    expect(only(synth(chart), 'VirtualService').spec.http[0].timeout).toBe('10s');
  });

  test('a NaN timeout is rejected with the route and the prop', () => {
    const { reviews } = reviewsWithVersions();
    expect(() => reviews.addRoute({ name: 'slow', timeout: Duration.seconds(NaN) }))
      .toThrow("shop/reviews: route 'slow' timeout is NaN ms; a duration is a finite amount of 0 or more, e.g. Duration.millis(500).");
  });
});

describe('toJson render context', () => {
  test('takes the default host from the context', () => {
    const route = new HttpRoute('somewhere');
    expect(route.toJson({ defaultHost: 'a.example.com' })).toEqual({ route: [{ destination: { host: 'a.example.com' } }] });
  });

  test('with API v1beta1 a single mirror is written as mirror', () => {
    const route = new HttpRoute('somewhere', { mirrors: [{ host: 'm.example.com', percentage: 50 }] });
    const json = route.toJson({ defaultHost: 'a.example.com', apiVersion: IstioApiVersion.V1BETA1 });
    expect(json.mirror).toEqual({ host: 'm.example.com' });
    expect(json.mirrorPercentage).toEqual({ value: 50 });
  });
});

describe('every resilience option together', () => {
  test.each([IstioApiVersion.V1, IstioApiVersion.V1BETA1])('validates against Istio\'s CRD schema with API %s', (apiVersion) => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { apiVersion });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    const v1 = reviews.addVersionWithLabels('v1', { version: 'v1' });
    const v2 = reviews.addVersionWithLabels('v2', { version: 'v2' });
    reviews.addRoute({
      name: 'legacy',
      matches: [{ uri: StringMatch.prefix('/legacy') }],
      redirect: { uri: '/api', scheme: 'https', derivePort: RedirectPortDerivation.FROM_PROTOCOL_DEFAULT, redirectCode: 308 },
    });
    reviews.addRoute({ name: 'gone', matches: [{ uri: StringMatch.exact('/old') }], directResponse: { status: 410, body: 'gone' } });
    reviews.addRoute({
      name: 'api',
      matches: [{ uri: StringMatch.prefix('/api') }],
      destinations: [{ version: v1 }],
      timeout: Duration.seconds(3),
      retries: RetryPolicy.of({
        attempts: 2,
        perTryTimeout: Duration.seconds(1),
        retryOn: [RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE, RetryOn.statusCode(429)],
        retryRemoteLocalities: true,
        retryIgnorePreviousHosts: true,
        backoff: Duration.millis(100),
      }),
      mirrors: [{ version: v2, percentage: 10 }],
      rewrite: { uriRegexRewrite: { match: '^/api/(.*)$', rewrite: '/\\1' }, authority: 'reviews.internal' },
      requestHeaders: { set: { 'x-env': 'prod' }, add: { 'x-via': 'mesh' }, remove: ['x-debug'] },
      responseHeaders: { set: { 'cache-control': 'no-store' }, remove: ['server'] },
      corsPolicy: {
        allowOrigins: [StringMatch.exact('https://shop.example.com')],
        allowMethods: ['GET'],
        allowHeaders: ['content-type'],
        exposeHeaders: ['x-request-id'],
        maxAge: Duration.hours(1),
        allowCredentials: false,
      },
    });
    reviews.addRoute({
      name: 'chaos',
      matches: [{ headers: { 'x-chaos': StringMatch.exact('on') } }],
      destinations: [{ version: v2 }],
      fault: FaultInjection.of({
        delay: { fixedDelay: Duration.seconds(2), percentage: 50 },
        abort: { grpcStatus: GrpcStatus.UNAVAILABLE, percentage: 0.5 },
      }),
    });
    reviews.addRoute({ name: 'default', destinations: [{ version: v1 }], retries: RetryPolicy.none() });
    const manifests = Testing.synth(chart);
    expect(() => expectValidIstioObjects(manifests)).not.toThrow();
    expect(only(manifests, 'VirtualService').spec.http).toHaveLength(5);
  });
});
