import { Duration } from 'cdk8s';
import { renderRoute, reviewsApp } from './resilience-helpers';
import { StringMatch } from '../../src';

describe('CORS policy', () => {
  test('renders origins as StringMatch objects, the lists, maxAge as a duration and allowCredentials', () => {
    const route = renderRoute({
      corsPolicy: {
        allowOrigins: [StringMatch.exact('https://shop.example.com'), StringMatch.regex('https://.*\\.shop\\.example\\.com')],
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['content-type', 'authorization'],
        exposeHeaders: ['x-request-id'],
        maxAge: Duration.hours(24),
        allowCredentials: true,
      },
    });
    expect(route.corsPolicy).toEqual({
      allowOrigins: [{ exact: 'https://shop.example.com' }, { regex: 'https://.*\\.shop\\.example\\.com' }],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['content-type', 'authorization'],
      exposeHeaders: ['x-request-id'],
      maxAge: '24h',
      allowCredentials: true,
    });
  });

  test('only the origins are required', () => {
    const route = renderRoute({ corsPolicy: { allowOrigins: [StringMatch.prefix('https://')] } });
    expect(route.corsPolicy).toEqual({ allowOrigins: [{ prefix: 'https://' }] });
  });

  test('allowCredentials false is written, not dropped', () => {
    const route = renderRoute({ corsPolicy: { allowOrigins: [StringMatch.exact('https://a.example.com')], allowCredentials: false } });
    expect(route.corsPolicy.allowCredentials).toBe(false);
  });

  test('an empty origin list is rejected with the prop and an example', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', corsPolicy: { allowOrigins: [] } }))
      .toThrow("shop/reviews: route 'r' corsPolicy.allowOrigins is empty; list the origins browsers may call from, e.g. [StringMatch.exact('https://shop.example.com')].");
  });

  test('an empty method name is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ corsPolicy: { allowOrigins: [StringMatch.exact('https://a.example.com')], allowMethods: ['GET', ' '] } }))
      .toThrow(/corsPolicy\.allowMethods\[1\] is " "/);
  });
});
