import { Severity } from '../../../../src/analysis/diagnostic';
import { to, virtualService } from '../../../fixtures/manifests';
import { many, none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-unreachable-route');

const route = (match?: any[], name?: string) => ({ ...(name ? { name } : {}), ...(match ? { match } : {}), route: [to('reviews')] });
const vsWith = (http: any[]) => virtualService('reviews', undefined, { hosts: ['reviews'], http });

describe('virtualservice-unreachable-route', () => {
  test('reports a route after a route with no match', () => {
    const d = one(rule, [vsWith([route(undefined, 'default'), route([{ uri: { prefix: '/api' } }], 'api')])], { path: 'spec.http[1]', severity: Severity.WARNING });
    expect(d.message).toContain('Route "api" (#1)');
    expect(d.message).toContain('route "default" (#0) comes before it and has no match');
    expect(d.fix).toContain('Move route "default" (#0) to the end of spec.http');
  });

  test('accepts a catch-all route placed last', () => {
    none(rule, [vsWith([route([{ uri: { prefix: '/api' } }]), route()])]);
  });

  test('reports every route after two routes without match (only the last may have none)', () => {
    const ds = many(rule, [vsWith([route(), route(), route([{ uri: { exact: '/x' } }])])], ['spec.http[1]', 'spec.http[2]']);
    expect(ds[1].message).toContain('route #0 comes before it');
  });

  test('treats a match with only a name as matching everything', () => {
    const found = one(rule, [vsWith([route([{ name: 'all' }]), route([{ uri: { prefix: '/v2' } }])])], { path: 'spec.http[1]' });
    expect(found.path).toBe('spec.http[1]');
    expect(found.message).toContain('its match[0] has no condition that narrows it');
  });

  test('treats uri prefix "/" as matching everything', () => {
    const d = one(rule, [vsWith([route([{ uri: { prefix: '/' } }]), route([{ headers: { x: { exact: '1' } } }])])], { path: 'spec.http[1]' });
    expect(d.path).toBe('spec.http[1]');
  });

  test('does not treat a narrowing condition next to prefix "/" as a catch-all', () => {
    const ds = run(rule, [vsWith([route([{ uri: { prefix: '/' }, headers: { x: { exact: '1' } } }]), route([{ uri: { prefix: '/v2' } }])])]);
    expect(ds).toEqual([]);
  });

  test('reports a route whose every match repeats earlier matches (names ignored)', () => {
    const found = one(rule, [
      vsWith([
        route([{ name: 'a', uri: { prefix: '/a' } }, { uri: { prefix: '/b' } }]),
        route([{ uri: { prefix: '/b' } }, { name: 'other', uri: { prefix: '/a' } }], 'dup'),
      ]),
    ], { path: 'spec.http[1]' });
    expect(found.message).toContain('every one of its matches is already taken');
    expect(found.message).toContain('match[1] of route #0; match[0] of route #0');
  });

  test('does not report a route that still has one match of its own', () => {
    const ds = run(rule, [vsWith([route([{ uri: { prefix: '/a' } }]), route([{ uri: { prefix: '/a' } }, { uri: { prefix: '/c' } }])])]);
    expect(ds).toEqual([]);
  });

  test('reports a route whose match a shorter prefix earlier already takes', () => {
    const d = one(rule, [vsWith([route([{ uri: { prefix: '/api' } }]), route([{ uri: { prefix: '/api/v1' } }])])], { path: 'spec.http[1]' });
    expect(d.path).toBe('spec.http[1]');
  });

  test('checks tcp routes: an empty match list takes every connection', () => {
    const vs = virtualService('db', undefined, { hosts: ['db'], tcp: [{ route: [to('db')] }, { match: [{ port: 5432 }], route: [to('db')] }] });
    const found = one(rule, [vs], { path: 'spec.tcp[1]' });
    expect(found.path).toBe('spec.tcp[1]');
    expect(found.message).toContain('of spec.tcp');
  });

  test('checks tls routes for repeated matches', () => {
    const tlsRoute = { match: [{ port: 443, sniHosts: ['a.example.com'] }], route: [to('a.example.com')] };
    const found = one(rule, [virtualService('tls', undefined, { hosts: ['a.example.com'], tls: [tlsRoute, tlsRoute] })], { path: 'spec.tls[1]' });
    expect(found.path).toBe('spec.tls[1]');
  });

  test('keeps http, tcp and tls lists separate', () => {
    const vs = virtualService('mixed', undefined, { hosts: ['mixed'], http: [route()], tcp: [{ match: [{ port: 9000 }], route: [to('mixed')] }] });
    none(rule, [vs]);
  });
});
