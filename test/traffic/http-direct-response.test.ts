import { renderRoute, reviewsApp } from './resilience-helpers';
import { StringMatch } from '../../src';

describe('direct response', () => {
  test('renders the status and the body as a string, and no destinations', () => {
    const route = renderRoute({ matches: [{ uri: StringMatch.prefix('/legacy') }], directResponse: { status: 503, body: 'down for maintenance' } });
    expect(route.directResponse).toEqual({ status: 503, body: { string: 'down for maintenance' } });
    expect(route.route).toBeUndefined();
  });

  test('a response without a body renders only the status', () => {
    expect(renderRoute({ directResponse: { status: 404 } }).directResponse).toEqual({ status: 404 });
  });

  test('a direct response together with destinations is rejected', () => {
    const { reviews, v1 } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'gone', directResponse: { status: 410 }, destinations: [{ version: v1 }] }))
      .toThrow("shop/reviews: route 'gone' sets both directResponse and destinations; a route that answers directly sends nothing to a destination. Remove destinations, or remove directResponse.");
  });

  test('a direct response together with a rewrite is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ directResponse: { status: 200 }, rewrite: { uri: '/x' } })).toThrow(/sets both directResponse and rewrite/);
  });

  test('a status outside 200-599 is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', directResponse: { status: 99 } }))
      .toThrow("shop/reviews: route 'r' directResponse.status is 99; Istio answers with an HTTP status from 200 to 599, e.g. 503.");
  });
});
