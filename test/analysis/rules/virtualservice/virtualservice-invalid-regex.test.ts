import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-regex');

describe('virtualservice-invalid-regex', () => {
  test('reports a lookahead in a uri regex (valid in JavaScript, not in RE2), as istioctl\'s webhook error IST0106', () => {
    const d = one(rule, [vsRoute({ match: [{ uri: { regex: '/api/(?!internal).*' } }] })], {
      path: 'spec.http[0].match[0].uri.regex',
      severity: Severity.ERROR,
    });
    expect(d.istioCode).toBe('IST0106');
    expect(d.message).toContain('"/api/(?!internal).*" is not valid RE2 syntax');
    expect(d.fix).toContain('lookahead');
  });

  test('reports an unbalanced header regex', () => {
    const d = one(rule, [vsRoute({ match: [{ headers: { 'user-agent': { regex: '(Chrome' } } }] })], {
      path: 'spec.http[0].match[0].headers.user-agent.regex',
    });
    expect(d.message).toContain('missing closing )');
  });

  test('reports an empty regex', () => {
    const d = one(rule, [vsRoute({ match: [{ queryParams: { v: { regex: '' } } }] })], { path: 'spec.http[0].match[0].queryParams.v.regex' });
    expect(d.message).toContain('"" is empty');
  });

  test('reports a regex over 1024 bytes', () => {
    const d = one(rule, [vsRoute({ match: [{ authority: { regex: 'a'.repeat(1100) } }] })], { path: 'spec.http[0].match[0].authority.regex' });
    expect(d.message).toContain('1100 bytes');
  });

  test('reports a CORS origin regex and a URI rewrite regex', () => {
    one(rule, [vsRoute({ corsPolicy: { allowOrigins: [{ regex: 'https://(a|b.example' }] } })], { path: 'spec.http[0].corsPolicy.allowOrigins[0].regex' });
    one(rule, [vsRoute({ rewrite: { uriRegexRewrite: { match: '^/x/(\\d+', rewrite: '/y/\\1' } } })], { path: 'spec.http[0].rewrite.uriRegexRewrite.match' });
  });

  test('accepts "*" in withoutHeaders, where it means "present"', () => {
    none(rule, [vsRoute({ match: [{ withoutHeaders: { 'x-debug': { regex: '*' } } }] })]);
  });

  test('reports "*" in headers, where it is a regex', () => {
    one(rule, [vsRoute({ match: [{ headers: { 'x-debug': { regex: '*' } } }] })], { path: 'spec.http[0].match[0].headers.x-debug.regex' });
  });

  test('accepts RE2 regexes', () => {
    none(rule, [vsRoute({ match: [{ uri: { regex: '^/api/v[0-9]+/(?P<rest>.*)$' }, headers: { 'user-agent': { regex: '.*(?i)chrome.*' } } }] })]);
  });
});
