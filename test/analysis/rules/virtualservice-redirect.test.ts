import { run } from './fixtures';
import { none, one, vsRoute } from './resilience-fixtures';
import { Severity } from '../../../src/analysis/diagnostic';
import { virtualServiceInvalidDirectResponse } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-direct-response';
import { virtualServiceInvalidRedirect } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-redirect';
import { virtualServiceInvalidRewrite } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-rewrite';
import { virtualServiceLargeDirectResponse } from '../../../src/analysis/rules/virtualservice/virtualservice-large-direct-response';

const dest = [{ destination: { host: 'reviews' } }];

describe('virtualservice-invalid-redirect', () => {
  const rule = virtualServiceInvalidRedirect;

  test('reports a redirect that changes nothing', () => {
    const d = one(rule, [vsRoute({ redirect: { redirectCode: 301 } })], { path: 'spec.http[0].redirect', severity: Severity.ERROR });
    expect(d.message).toContain('sets none of uri, authority, scheme, port or derivePort');
  });

  test('reports a redirect code that is not 3xx', () => {
    const d = one(rule, [vsRoute({ redirect: { uri: '/new', redirectCode: 200 } })], { path: 'spec.http[0].redirect.redirectCode' });
    expect(d.message).toContain('redirectCode 200 is not a 3xx status');
  });

  test('reports an upper-case scheme', () => {
    const d = one(rule, [vsRoute({ redirect: { scheme: 'HTTPS' } })], { path: 'spec.http[0].redirect.scheme' });
    expect(d.message).toContain('"HTTPS"');
    expect(d.fix).toBe('Write scheme: "https".');
  });

  test('reports a port above 65535', () => {
    const d = one(rule, [vsRoute({ redirect: { port: 70000 } })], { path: 'spec.http[0].redirect.port' });
    expect(d.message).toContain('70000');
  });

  test('reports a redirect combined with route destinations', () => {
    const d = one(rule, [vsRoute({ redirect: { uri: '/new' }, route: dest })], { path: 'spec.http[0].redirect' });
    expect(d.message).toContain('both a redirect and route destinations');
  });

  test('reports a redirect combined with a fault and a direct response', () => {
    const ds = run(rule, [vsRoute({ redirect: { uri: '/new' }, fault: { abort: { httpStatus: 503 } }, directResponse: { status: 200 } })]);
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining('a redirect and a fault'),
      expect.stringContaining('a redirect and a directResponse'),
    ]);
  });

  test('accepts a redirect with a target and a 3xx code', () => {
    none(rule, [vsRoute({ redirect: { scheme: 'https', redirectCode: 308 } })]);
    none(rule, [vsRoute({ redirect: { derivePort: 'FROM_REQUEST_PORT' } })]);
  });
});

describe('virtualservice-invalid-direct-response', () => {
  const rule = virtualServiceInvalidDirectResponse;

  test('reports a status outside 200..600', () => {
    const d = one(rule, [vsRoute({ directResponse: { status: 100 } })], { path: 'spec.http[0].directResponse.status', severity: Severity.ERROR });
    expect(d.message).toContain('directResponse.status 100 is not between 200 and 600');
  });

  test('reports a missing status', () => {
    const d = one(rule, [vsRoute({ directResponse: { body: { string: 'hi' } } })], { path: 'spec.http[0].directResponse' });
    expect(d.message).toContain('has no status');
  });

  test('reports a body over 1 MiB', () => {
    const d = one(rule, [vsRoute({ directResponse: { status: 200, body: { string: 'x'.repeat(1024 * 1024 + 1) } } })], {
      path: 'spec.http[0].directResponse.body',
    });
    expect(d.message).toContain('1048577 bytes');
  });

  test('reports a direct response combined with route destinations', () => {
    const d = one(rule, [vsRoute({ directResponse: { status: 200 }, route: dest })], { path: 'spec.http[0].directResponse' });
    expect(d.message).toContain('both a directResponse and route destinations');
  });

  test('accepts a small direct response', () => {
    none(rule, [vsRoute({ directResponse: { status: 503, body: { string: 'down for maintenance' } } })]);
  });
});

describe('virtualservice-large-direct-response', () => {
  const rule = virtualServiceLargeDirectResponse;

  test('warns (as Istio does) about a body over 100 KiB', () => {
    const body = Buffer.alloc(200 * 1024, 1).toString('base64');
    const d = one(rule, [vsRoute({ directResponse: { status: 200, body: { bytes: body } } })], {
      path: 'spec.http[0].directResponse.body',
      severity: Severity.WARNING,
    });
    expect(d.istioCode).toBe('IST0133');
    expect(d.message).toContain('204800 bytes');
  });

  test('accepts a body of 100 KiB', () => {
    none(rule, [vsRoute({ directResponse: { status: 200, body: { string: 'x'.repeat(100 * 1024) } } })]);
  });
});

describe('virtualservice-invalid-rewrite', () => {
  const rule = virtualServiceInvalidRewrite;

  test('reports uri together with uriRegexRewrite', () => {
    const d = one(rule, [vsRoute({ rewrite: { uri: '/v2', uriRegexRewrite: { match: '^/v1', rewrite: '/v2' } } })], {
      path: 'spec.http[0].rewrite',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('both uri "/v2" and uriRegexRewrite');
  });

  test('reports an empty rewrite', () => {
    const d = one(rule, [vsRoute({ rewrite: {} })], { path: 'spec.http[0].rewrite' });
    expect(d.message).toContain('rewrite {} sets none of');
  });

  test('reports a uriRegexRewrite without rewrite', () => {
    const d = one(rule, [vsRoute({ rewrite: { uriRegexRewrite: { match: '^/v1' } } })], { path: 'spec.http[0].rewrite.uriRegexRewrite' });
    expect(d.message).toContain('has no rewrite');
  });

  test('reports the authority set both by rewrite and by a header', () => {
    const d = one(rule, [vsRoute({ rewrite: { authority: 'a.example' }, headers: { request: { set: { Host: 'b.example' } } } })], {
      path: 'spec.http[0].headers.request.set.Host',
    });
    expect(d.message).toContain('"b.example"');
    expect(d.message).toContain('rewrite.authority already sets it to "a.example"');
  });

  test('accepts a uri rewrite with the authority set once', () => {
    none(rule, [vsRoute({ rewrite: { uri: '/v2', authority: 'a.example' }, headers: { request: { set: { 'x-a': '1' } } } })]);
  });
});
