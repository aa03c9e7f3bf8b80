import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-cors');

const cors = (policy: Record<string, any>) => vsRoute({ corsPolicy: { allowOrigins: [{ exact: 'https://a.example' }], ...policy } });

describe('virtualservice-invalid-cors', () => {
  test('reports an origin with an empty exact value', () => {
    const d = one(rule, [cors({ allowOrigins: [{ exact: '' }] })], { path: 'spec.http[0].corsPolicy.allowOrigins[0]', severity: Severity.ERROR });
    expect(d.message).toContain('{"exact":""} has no origin to match');
  });

  test('reports a lower-case method and suggests the upper-case one', () => {
    const d = one(rule, [cors({ allowMethods: ['GET', 'post'] })], { path: 'spec.http[0].corsPolicy.allowMethods[1]' });
    expect(d.message).toContain('"post" is not a supported HTTP method');
    expect(d.fix).toBe('Write "POST".');
  });

  test('reports several headers written in one entry', () => {
    const d = one(rule, [cors({ allowHeaders: ['x-a, x-b'] })], { path: 'spec.http[0].corsPolicy.allowHeaders[0]' });
    expect(d.message).toContain('"x-a, x-b"');
    expect(d.fix).toBe('List each header separately: "x-a", "x-b".');
  });

  test('reports an empty expose header', () => {
    one(rule, [cors({ exposeHeaders: [''] })], { path: 'spec.http[0].corsPolicy.exposeHeaders[0]' });
  });

  test('accepts a complete policy with wildcards', () => {
    none(rule, [cors({ allowOrigins: [{ prefix: 'https://' }, { regex: '.*' }], allowMethods: ['GET', '*'], allowHeaders: ['*', 'x-a'], exposeHeaders: ['x-b'] })]);
  });
});
