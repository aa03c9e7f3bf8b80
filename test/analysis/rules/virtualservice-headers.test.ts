import { none, one, vsRoute } from './resilience-fixtures';
import { Severity } from '../../../src/analysis/diagnostic';
import { virtualServiceInvalidHeaderName } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-header-name';
import { virtualServiceInvalidHeaderValue } from '../../../src/analysis/rules/virtualservice/virtualservice-invalid-header-value';

describe('virtualservice-invalid-header-name', () => {
  const rule = virtualServiceInvalidHeaderName;

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

describe('virtualservice-invalid-header-value', () => {
  const rule = virtualServiceInvalidHeaderValue;

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
