import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-direct-response');

const dest = [{ destination: { host: 'reviews' } }];

describe('virtualservice-invalid-direct-response', () => {
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
