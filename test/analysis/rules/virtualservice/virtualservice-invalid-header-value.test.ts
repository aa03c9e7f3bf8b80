import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-header-value');

describe('virtualservice-invalid-header-value', () => {
  test('reports a lone percent sign', () => {
    const d = one(rule, [vsRoute({ headers: { response: { add: { 'x-share': '50%' } } } })], {
      path: 'spec.http[0].headers.response.add.x-share',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('value "50%"');
    expect(d.fix).toContain('"50%%"');
  });

  test('reports an unclosed variable', () => {
    const d = one(rule, [vsRoute({ headers: { request: { set: { 'x-start': '%START_TIME' } } } })], { path: 'spec.http[0].headers.request.set.x-start' });
    expect(d.message).toContain('"%START_TIME"');
  });

  test('reports a line break', () => {
    const d = one(rule, [vsRoute({ headers: { request: { add: { 'x-a': 'a\nb' } } } })], { path: 'spec.http[0].headers.request.add.x-a' });
    expect(d.message).toContain('U+000A');
    expect(d.fix).toContain('control characters');
  });

  test('accepts literals, escaped percent signs and variables', () => {
    none(rule, [vsRoute({ headers: { request: { set: { 'x-a': '100%%', 'x-b': '%HOSTNAME%', 'x-c': '%REQ(x-id)%' } } } })]);
  });
});
