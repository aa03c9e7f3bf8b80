import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-invalid-header-name');

describe('virtualservice-invalid-header-name', () => {
  test('reports a match header name with a space, at the key', () => {
    const d = one(rule, [vsRoute({ match: [{ headers: { 'x user': { exact: 'a' } } }] })], {
      path: 'spec.http[0].match[0].headers["x user"]',
      severity: Severity.ERROR,
    });
    expect(d.message).toContain('name "x user" is invalid');
    expect(d.fix).toContain('"x-user"');
  });

  test('reports a withoutHeaders name with a colon', () => {
    const d = one(rule, [vsRoute({ match: [{ withoutHeaders: { 'x:debug': {} } }] })], {
      path: 'spec.http[0].match[0].withoutHeaders["x:debug"]',
    });
    expect(d.message).toContain('"x:debug"');
  });

  test('reports JWT claim routing on a VirtualService for sidecars', () => {
    const d = one(rule, [vsRoute({ match: [{ headers: { '@request.auth.claims.group': { exact: 'admin' } } }] })], {
      path: 'spec.http[0].match[0].headers["@request.auth.claims.group"]',
    });
    expect(d.message).toContain('only supports JWT claim routing on gateways');
  });

  test('accepts JWT claim routing on a gateway-only VirtualService', () => {
    none(rule, [vsRoute({ match: [{ headers: { '@request.auth.claims.group': { exact: 'admin' } } }] }, { gateways: ['istio-system/public'] })]);
  });

  test('reports setting a pseudo-header on requests', () => {
    const d = one(rule, [vsRoute({ headers: { request: { set: { ':path': '/x' } } } })], { path: 'spec.http[0].headers.request.set[":path"]' });
    expect(d.message).toContain('":path"');
  });

  test('reports removing Host, in a destination-level headers block', () => {
    const vs = vsRoute({ route: [{ destination: { host: 'reviews' }, headers: { request: { remove: ['x-a', 'Host'] } } }] });
    const d = one(rule, [vs], { path: 'spec.http[0].route[0].headers.request.remove[1]' });
    expect(d.message).toContain('route[0].headers.request.remove header "Host"');
  });

  test('accepts tokens, pseudo-headers in matches and authority on requests', () => {
    none(rule, [vsRoute({
      match: [{ headers: { 'x-user': { exact: 'a' }, ':authority': { exact: 'x' } } }],
      headers: { request: { set: { ':authority': 'x.example', 'x-a': '1' } }, response: { remove: ['server'] } },
    })]);
  });
});
