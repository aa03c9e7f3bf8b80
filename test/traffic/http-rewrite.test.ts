import { renderRoute, reviewsApp } from './resilience-helpers';
import { StringMatch } from '../../src';

describe('rewrite', () => {
  test('renders uri and authority, and the route still forwards', () => {
    const route = renderRoute({ matches: [{ uri: StringMatch.prefix('/ratings') }], rewrite: { uri: '/v1/bookRatings', authority: 'ratings.internal' } });
    expect(route.rewrite).toEqual({ uri: '/v1/bookRatings', authority: 'ratings.internal' });
    expect(route.route).toHaveLength(1);
  });

  test('renders uriRegexRewrite with its match and replacement', () => {
    const route = renderRoute({ rewrite: { uriRegexRewrite: { match: '^/service/([^/]+)(/.*)$', rewrite: '/custom/\\2/\\1' } } });
    expect(route.rewrite).toEqual({ uriRegexRewrite: { match: '^/service/([^/]+)(/.*)$', rewrite: '/custom/\\2/\\1' } });
  });

  test('uri together with uriRegexRewrite is rejected: Istio takes one', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', rewrite: { uri: '/a', uriRegexRewrite: { match: '^/b', rewrite: '/c' } } }))
      .toThrow("shop/reviews: route 'r' rewrite sets both uri and uriRegexRewrite; Istio takes one way to rewrite the path. Keep one.");
  });

  test('a rewrite that changes nothing is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ rewrite: {} })).toThrow(/rewrite changes nothing; give uri, uriRegexRewrite or authority/);
  });

  test('a regex rewrite without a replacement is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ rewrite: { uriRegexRewrite: { match: '^/old', rewrite: '' } } })).toThrow(/rewrite\.uriRegexRewrite\.rewrite is ""/);
  });

  test('a rewrite on a redirecting route is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ redirect: { uri: '/new' }, rewrite: { uri: '/x' } })).toThrow(/sets both redirect and rewrite; a rewrite changes requests that are forwarded/);
  });

  test('rewriting the authority and also setting the Host header is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ rewrite: { authority: 'a.internal' }, requestHeaders: { set: { Host: 'b.internal' } } }))
      .toThrow(/writes the request's authority \(Host\) in 2 places: rewrite\.authority, requestHeaders\.set\['Host'\]; Istio allows one/);
  });
});
