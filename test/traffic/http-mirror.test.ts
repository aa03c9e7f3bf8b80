import { HOST, reviewsApp, synthRoutes } from './resilience-helpers';
import { HttpRoute, IstioApiVersion, MeshService } from '../../src';

describe('mirroring', () => {
  test('API v1: a mirror to a version renders a mirrors list with host and subset', () => {
    const { chart, reviews, v1, v2 } = reviewsApp();
    reviews.addRoute({ destinations: [{ version: v1 }], mirrors: [{ version: v2, percentage: 25 }] });
    expect(synthRoutes(chart)[0].mirrors).toEqual([{ destination: { host: HOST, subset: 'v2' }, percentage: { value: 25 } }]);
  });

  test('API v1: a mirror to a host, with a port and no percentage, copies all traffic', () => {
    const { chart, reviews, v1 } = reviewsApp();
    reviews.addRoute({ destinations: [{ version: v1 }], mirrors: [{ host: 'shadow.test.svc.cluster.local', port: 8080 }] });
    expect(synthRoutes(chart)[0].mirrors).toEqual([{ destination: { host: 'shadow.test.svc.cluster.local', port: { number: 8080 } } }]);
  });

  test('API v1: several mirrors are written in order', () => {
    const { chart, reviews, v1, v2 } = reviewsApp();
    reviews.addRoute({ destinations: [{ version: v1 }], mirrors: [{ version: v2, percentage: 10 }, { host: 'audit.example.com', percentage: 0.5 }] });
    expect(synthRoutes(chart)[0].mirrors).toEqual([
      { destination: { host: HOST, subset: 'v2' }, percentage: { value: 10 } },
      { destination: { host: 'audit.example.com' }, percentage: { value: 0.5 } },
    ]);
  });

  test('a mirror to another mesh service uses that service\'s host', () => {
    const { chart, reviews, v1 } = reviewsApp();
    const ratings = new MeshService(chart, 'ratings', { port: 9080 });
    reviews.addRoute({ destinations: [{ version: v1 }], mirrors: [{ service: ratings }] });
    expect(synthRoutes(chart)[0].mirrors).toEqual([{ destination: { host: 'ratings.shop.svc.cluster.local' } }]);
  });

  test('API v1beta1: one mirror renders the single mirror field and mirrorPercentage', () => {
    const { chart, reviews, v1, v2 } = reviewsApp(IstioApiVersion.V1BETA1);
    reviews.addRoute({ destinations: [{ version: v1 }], mirrors: [{ version: v2, percentage: 30 }] });
    const route = synthRoutes(chart)[0];
    expect(route.mirror).toEqual({ host: HOST, subset: 'v2' });
    expect(route.mirrorPercentage).toEqual({ value: 30 });
    expect(route.mirrors).toBeUndefined();
  });

  test('API v1beta1: a mirror without a percentage writes no mirrorPercentage (all traffic)', () => {
    const { chart, reviews, v1, v2 } = reviewsApp(IstioApiVersion.V1BETA1);
    reviews.addRoute({ destinations: [{ version: v1 }], mirrors: [{ version: v2 }] });
    const route = synthRoutes(chart)[0];
    expect(route.mirror).toEqual({ host: HOST, subset: 'v2' });
    expect(route.mirrorPercentage).toBeUndefined();
  });

  test('API v1beta1: several mirrors fail the synth, naming the route and the two ways out', () => {
    const { chart, reviews, v1, v2 } = reviewsApp(IstioApiVersion.V1BETA1);
    reviews.addRoute({ name: 'shadowed', destinations: [{ version: v1 }], mirrors: [{ version: v2 }, { host: 'audit.example.com' }] });
    expect(() => synthRoutes(chart)).toThrow(
      /shop\/reviews: route 'shadowed' has 2 mirrors, but the mesh emits networking\.istio\.io\/v1beta1.*Keep one mirror, or use IstioApiVersion\.V1/,
    );
  });

  test('addMirror after construction is reflected in the manifest', () => {
    const { chart, reviews, v2 } = reviewsApp();
    const route = reviews.addRoute();
    route.addMirror({ version: v2, percentage: 5 });
    expect(route.mirrors).toHaveLength(1);
    expect(synthRoutes(chart)[0].mirrors).toEqual([{ destination: { host: HOST, subset: 'v2' }, percentage: { value: 5 } }]);
  });

  test('a mirror naming no target is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', mirrors: [{ percentage: 10 }] }))
      .toThrow("shop/reviews: route 'r' mirrors[0] sets none of version, service and host; give exactly one, e.g. { version: v2 }.");
  });

  test('a mirror naming two targets is rejected', () => {
    const { reviews, v2 } = reviewsApp();
    expect(() => reviews.addRoute({ mirrors: [{ version: v2, host: 'x.example.com' }] })).toThrow(/mirrors\[0\] sets more than one of version, service and host/);
  });

  test('a mirror percentage above 100 is rejected', () => {
    const { reviews, v2 } = reviewsApp();
    expect(() => reviews.addRoute({ mirrors: [{ version: v2 }, { host: 'a.example.com', percentage: 101 }] })).toThrow(/mirrors\[1\]\.percentage is 101/);
  });

  test('a mirror port outside 1-65535 is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ mirrors: [{ host: 'a.example.com', port: 0 }] })).toThrow(/mirrors\[0\]\.port is 0; a port is a whole number from 1 to 65535/);
  });

  test('toJson defaults to API v1 when the context names no version', () => {
    const route = new HttpRoute('somewhere', { mirrors: [{ host: 'a.example.com' }] });
    expect(route.toJson({ defaultHost: 'h.example.com' }).mirrors).toEqual([{ destination: { host: 'a.example.com' } }]);
  });
});
