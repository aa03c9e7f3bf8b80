import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-rewrite');

describe('virtualservice-invalid-rewrite', () => {
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
