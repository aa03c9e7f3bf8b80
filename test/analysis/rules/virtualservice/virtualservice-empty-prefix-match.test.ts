import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-empty-prefix-match');

describe('virtualservice-empty-prefix-match', () => {
  test('reports an empty header prefix', () => {
    const d = one(rule, [vsRoute({ match: [{ headers: { 'x-user': { prefix: '' } } }] })], {
      path: 'spec.http[0].match[0].headers.x-user.prefix',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('prefix is the empty string ""');
    expect(d.fix).toContain('regex: ".*"');
  });

  test('reports an empty method prefix', () => {
    one(rule, [vsRoute({ match: [{ method: { prefix: '' } }] })], { path: 'spec.http[0].match[0].method.prefix' });
  });

  test('accepts an empty uri prefix (it matches every path)', () => {
    none(rule, [vsRoute({ match: [{ uri: { prefix: '' } }] })]);
  });
});
