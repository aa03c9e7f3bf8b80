import { renderRoute, reviewsApp } from './resilience-helpers';
import { RedirectPortDerivation, StringMatch } from '../../src';

describe('redirect', () => {
  test('renders uri, authority, scheme, port and redirectCode, and no destinations', () => {
    const route = renderRoute({
      matches: [{ uri: StringMatch.exact('/v1/getProductRatings') }],
      redirect: { uri: '/v1/bookRatings', authority: 'ratings.example.com', scheme: 'https', port: 8443, redirectCode: 308 },
    });
    expect(route.redirect).toEqual({ uri: '/v1/bookRatings', authority: 'ratings.example.com', scheme: 'https', port: 8443, redirectCode: 308 });
    expect(route.route).toBeUndefined();
  });

  test('renders derivePort', () => {
    const route = renderRoute({ redirect: { scheme: 'https', derivePort: RedirectPortDerivation.FROM_PROTOCOL_DEFAULT } });
    expect(route.redirect).toEqual({ scheme: 'https', derivePort: 'FROM_PROTOCOL_DEFAULT' });
  });

  test('a redirect route exposes no destinations', () => {
    const { reviews } = reviewsApp();
    expect(reviews.addRoute({ redirect: { uri: '/new' } }).destinations).toEqual([]);
  });

  test('a redirect together with destinations is rejected', () => {
    const { reviews, v1 } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'old', redirect: { uri: '/new' }, destinations: [{ version: v1 }] }))
      .toThrow("shop/reviews: route 'old' sets both redirect and destinations; a route that redirects sends nothing to a destination. Remove destinations, or remove redirect.");
  });

  test('replaceDestinations on a redirecting route is rejected', () => {
    const { reviews, v1 } = reviewsApp();
    const route = reviews.addRoute({ name: 'old', redirect: { uri: '/new' } });
    expect(() => route.replaceDestinations([{ version: v1 }])).toThrow(/route 'old' has redirect, so it sends nothing to a destination/);
  });

  test('a redirect together with a direct response is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ redirect: { uri: '/new' }, directResponse: { status: 404 } })).toThrow(/sets both redirect and directResponse; a route answers one way/);
  });

  test('a redirect that changes nothing is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ redirect: { redirectCode: 302 } })).toThrow(/redirect changes nothing; give at least one of uri, authority, scheme, port and derivePort/);
  });

  test('a redirect code outside 3xx is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', redirect: { uri: '/x', redirectCode: 200 } }))
      .toThrow("shop/reviews: route 'r' redirect.redirectCode is 200; Envoy redirects with 301, 302, 303, 307 or 308 only; write one of them (301 is the default).");
  });

  test('a scheme other than http or https is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ redirect: { scheme: 'HTTPS' } })).toThrow(/redirect\.scheme is "HTTPS"; Istio redirects to 'http' or 'https'/);
  });

  test('port together with derivePort is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ redirect: { port: 443, derivePort: RedirectPortDerivation.FROM_REQUEST_PORT } }))
      .toThrow(/redirect sets both port 443 and derivePort FROM_REQUEST_PORT; keep one/);
  });

  test('a redirect port outside 1-65535 is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ redirect: { port: 70000 } })).toThrow(/redirect\.port is 70000/);
  });
});

describe('redirect: values Envoy refuses', () => {
  test.each([300, 304, 399])('redirectCode %d is refused: Envoy redirects with 301, 302, 303, 307 or 308', (redirectCode) => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', redirect: { uri: '/v2', redirectCode } }))
      .toThrow(`redirect.redirectCode is ${redirectCode}; Envoy redirects with 301, 302, 303, 307 or 308 only`);
  });

  test('an authority with a line break is refused', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', redirect: { authority: 'a.example.com\r\nx: y' } }))
      .toThrow(/redirect\.authority is "a\.example\.com\\r\\nx: y": it contains a carriage return/);
  });
});
