import { Severity } from '../../../../src/analysis/diagnostic';
import { to, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-ineffective-match');

const route = (match?: any[], name?: string) => ({ ...(name ? { name } : {}), ...(match ? { match } : {}), route: [to('reviews')] });
const vsWith = (http: any[]) => virtualService('reviews', undefined, { hosts: ['reviews'], http });

describe('virtualservice-ineffective-match', () => {
  test('reports a match that repeats a match of an earlier route', () => {
    const d = one(rule, [
      vsWith([route([{ uri: { exact: '/login' } }], 'login'), route([{ uri: { prefix: '/v2' } }, { uri: { exact: '/login' } }])]),
    ], { path: 'spec.http[1].match[1]', severity: Severity.INFO });
    expect(d.message).toContain('Match[1] of route #1 repeats match[0] of route "login" (#0)');
    expect(d.message).toContain('uri exact "/login"');
    expect(d.fix).toContain('move route #1 before route "login" (#0)');
  });

  test('still compares the matches of routes after a catch-all route, as istioctl does (a second empty match {} repeats the first)', () => {
    one(rule, [vsWith([route([{}]), route([{}])])], { path: 'spec.http[1].match[0]' });
    const d = one(rule, [vsWith([route([{ uri: { prefix: '/' } }]), route([{ uri: { prefix: '/old' } }])])], { path: 'spec.http[1].match[0]' });
    expect(d.message).toContain('is included in match[0] of route #0');
  });

  test('accepts distinct matches', () => {
    none(rule, [vsWith([route([{ uri: { exact: '/a' } }]), route([{ uri: { exact: '/b' } }]), route()])]);
  });

  test('ignores key order and match names when comparing', () => {
    one(rule, [
      vsWith([
        route([{ name: 'first', uri: { prefix: '/a' }, method: { exact: 'GET' } }]),
        route([{ method: { exact: 'GET' }, name: 'second', uri: { prefix: '/a' } }]),
      ]),
    ], { path: 'spec.http[1].match[0]' });
  });

  test('reports a longer prefix after a shorter one with the same other conditions', () => {
    const found = one(rule, [
      vsWith([
        route([{ uri: { prefix: '/api' }, headers: { 'x-env': { exact: 'test' } } }]),
        route([{ uri: { prefix: '/api/v1' }, headers: { 'x-env': { exact: 'test' } } }]),
      ]),
    ], { path: 'spec.http[1].match[0]' });
    expect(found.message).toContain('uri prefix "/api/v1"');
    expect(found.message).toContain('is included in match[0] of route #0');
    expect(found.fix).toContain('Put the more specific route #1 before route #0');
  });

  test('accepts a longer prefix placed before the shorter one', () => {
    none(rule, [vsWith([route([{ uri: { prefix: '/api/v1' } }]), route([{ uri: { prefix: '/api' } }])])]);
  });

  test('does not report a broader match placed after a narrower one', () => {
    // Earlier match is narrower (has a header), so the later, broader one still gets traffic.
    const ds = run(rule, [
      vsWith([route([{ uri: { prefix: '/api' }, headers: { 'x-env': { exact: 'test' } } }]), route([{ uri: { prefix: '/api/v1' } }])]),
    ]);
    expect(ds).toEqual([]);
  });

  test('reports an exact uri under an earlier prefix', () => {
    one(rule, [vsWith([route([{ uri: { prefix: '/static' } }]), route([{ uri: { exact: '/static/app.js' } }])])], { path: 'spec.http[1].match[0]' });
  });

  test('respects ignoreUriCase: a case-sensitive prefix does not cover a case-insensitive match', () => {
    const ds = run(rule, [vsWith([route([{ uri: { prefix: '/api' } }]), route([{ uri: { prefix: '/api/v1' }, ignoreUriCase: true }])])]);
    expect(ds).toEqual([]);
    one(rule, [vsWith([route([{ uri: { prefix: '/API' }, ignoreUriCase: true }]), route([{ uri: { prefix: '/api/v1' } }])])], { path: 'spec.http[1].match[0]' });
  });

  test('does not report matches of a route already dead behind a catch-all', () => {
    none(rule, [vsWith([route(), route([{ uri: { prefix: '/a' } }])])]);
  });

  test('reports repeated tcp matches', () => {
    const tcp = { match: [{ port: 9000 }], route: [to('db')] };
    const d = one(rule, [virtualService('db', undefined, { hosts: ['db'], tcp: [tcp, tcp] })], { path: 'spec.tcp[1].match[0]' });
    expect(d.path).toBe('spec.tcp[1].match[0]');
  });
});
