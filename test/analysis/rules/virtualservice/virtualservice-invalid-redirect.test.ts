import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-redirect');

const dest = [{ destination: { host: 'reviews' } }];

describe('virtualservice-invalid-redirect', () => {
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
