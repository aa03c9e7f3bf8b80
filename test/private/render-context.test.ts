import { IstioApiVersion } from '../../src';
import { RenderContext } from '../../src/private/render-context';

describe('RenderContext', () => {
  test('a failure names the construct path, the prop path, the problem and the fix', () => {
    const ctx = RenderContext.of('shop/reviews').child('trafficPolicy').child('outlierDetection').child('maxEjectionPercent');
    expect(() => ctx.fail('is 200', 'a percentage is a whole number from 0 to 100.'))
      .toThrow('shop/reviews: trafficPolicy.outlierDetection.maxEjectionPercent is 200; a percentage is a whole number from 0 to 100.');
  });

  test('an index joins the prop path without a dot', () => {
    expect(RenderContext.of('shop/gw').child('servers').child('[2]').child('tls').where).toBe('shop/gw: servers[2].tls');
  });

  test('a failure on the construct itself puts a colon after the path', () => {
    expect(() => RenderContext.of('shop/sidecar').fail('configures nothing')).toThrow(/^shop\/sidecar: configures nothing$/);
  });

  test('a subject comes before the prop path', () => {
    const ctx = RenderContext.of('shop/reviews').about("route 'api'").child('retries').child('perTryTimeout');
    expect(ctx.where).toBe("shop/reviews: route 'api' retries.perTryTimeout");
  });

  test('mesh settings default to Istio\'s and can be replaced below', () => {
    const ctx = RenderContext.of('shop/reviews');
    expect(ctx.mesh).toEqual({ trustDomain: 'cluster.local', apiVersion: IstioApiVersion.V1 });
    const child = ctx.withMesh({ defaultHost: 'reviews.shop.svc.cluster.local' }).child('http');
    expect(child.mesh.defaultHost).toBe('reviews.shop.svc.cluster.local');
    expect(child.where).toBe('shop/reviews: http');
  });
});
