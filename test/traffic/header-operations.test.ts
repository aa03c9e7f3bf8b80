import { renderRoute, reviewsApp } from './resilience-helpers';

describe('header manipulation', () => {
  test('request operations render under headers.request', () => {
    const route = renderRoute({ requestHeaders: { set: { 'x-env': 'prod' }, add: { 'x-trace': 'on' }, remove: ['x-debug'] } });
    expect(route.headers).toEqual({ request: { set: { 'x-env': 'prod' }, add: { 'x-trace': 'on' }, remove: ['x-debug'] } });
  });

  test('response operations render under headers.response', () => {
    const route = renderRoute({ responseHeaders: { set: { 'cache-control': 'no-store' }, remove: ['server'] } });
    expect(route.headers).toEqual({ response: { set: { 'cache-control': 'no-store' }, remove: ['server'] } });
  });

  test('empty operations write no headers field', () => {
    expect(renderRoute({ requestHeaders: { set: {}, remove: [] }, responseHeaders: {} }).headers).toBeUndefined();
  });

  test('an empty header name is rejected with the prop', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', responseHeaders: { remove: [''] } }))
      .toThrow("shop/reviews: route 'r' responseHeaders.remove[0] is \"\"; give a value, e.g. 'x-internal-debug', or leave it out.");
  });

  test('setting and adding the Host header both is rejected: one place may write the authority', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ requestHeaders: { set: { host: 'a' }, add: { ':authority': 'b' } } }))
      .toThrow(/writes the request's authority \(Host\) in 2 places: requestHeaders\.set\['host'\], requestHeaders\.add\[':authority'\]/);
  });
});

describe('header manipulation: line breaks Envoy refuses', () => {
  test('a header name with a line feed is refused', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', requestHeaders: { set: { 'x-a\nx-b': '1' } } }))
      .toThrow(/requestHeaders\.set header name is "x-a\\nx-b": it contains a line feed/);
  });

  test('a header value with a line feed is refused', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', responseHeaders: { add: { 'x-a': 'one\ntwo' } } }))
      .toThrow(/responseHeaders\.add\['x-a'\] is "one\\ntwo": it contains a line feed/);
  });

  test('a rewrite authority with a line feed is refused', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', rewrite: { authority: 'a\nb' } })).toThrow(/rewrite\.authority is "a\\nb": it contains a line feed/);
  });
});

describe('header manipulation: messages', () => {
  test('a header value that is an object gets a fix without "[object Object]"', () => {
    const { reviews } = reviewsApp();
    const bad = { set: { 'x-a': { nested: 1 } as unknown as string } };
    expect(() => reviews.addRoute({ name: 'r', requestHeaders: bad })).toThrow("header values are strings, e.g. 'on'.");
    expect(() => reviews.addRoute({ name: 'r2', requestHeaders: bad })).not.toThrow(/object Object/);
  });

  test('a header value that is NaN gets a fix without "e.g. \'NaN\'"', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'r', requestHeaders: { set: { 'x-a': NaN as unknown as string } } })).toThrow("header values are strings, e.g. 'on'.");
  });
});
