import { analyzeSources } from '../../../../src/analysis/analysis-run';
import { Severity } from '../../../../src/analysis/diagnostic';
import { to, virtualService } from '../../../fixtures/manifests';
import { many, none, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-conflicting-mesh-hosts');

const vs = (name: string, hosts: string[] | undefined, namespace?: string, extra: Record<string, any> = {}) =>
  virtualService(name, namespace, { ...(hosts ? { hosts } : {}), http: [{ route: [to('reviews')] }], ...extra });

describe('virtualservice-conflicting-mesh-hosts', () => {
  test('reports each mesh VirtualService defining the same host, naming the others', () => {
    const ds = many(rule, [vs('reviews-a', ['reviews']), vs('reviews-b', ['reviews.default.svc.cluster.local'])], ['spec.hosts[0]', 'spec.hosts[0]']);
    expect(ds[0]).toMatchObject({
      ruleId: 'virtualservice-conflicting-mesh-hosts',
      severity: Severity.ERROR,
      istioCode: 'IST0109',
      path: 'spec.hosts[0]',
      resource: { name: 'reviews-a' },
    });
    expect(ds[0].message).toContain('host reviews.default.svc.cluster.local is also defined by default/reviews-b');
    expect(ds[1].resource.name).toBe('reviews-b');
    expect(ds[1].message).toContain('also defined by default/reviews-a');
    expect(ds[0].fix).toContain('Merge the routes of default/reviews-a, default/reviews-b into one VirtualService');
  });

  // istioctl skips an object it cannot decode, and the API server rejects it: it conflicts with nothing.
  test.each([
    ['a duration Go cannot parse', { http: [{ route: [to('reviews')], timeout: '1h30x' }] }],
    ['a field of the wrong type', { http: [{ name: 5, route: [to('reviews')] }] }],
  ])('leaves out a VirtualService with %s', (_what, spec) => {
    none(rule, [vs('reviews-a', ['reviews']), virtualService('reviews-b', undefined, { hosts: ['reviews'], ...spec })]);
  });

  test('still reports a conflict with a VirtualService the webhook refuses but istioctl decodes', () => {
    const refused = virtualService('reviews-b', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews')], timeout: '0.5ms' }] });
    many(rule, [vs('reviews-a', ['reviews']), refused], ['spec.hosts[0]', 'spec.hosts[0]']);
  });

  test('names the other object by where it comes from when both share a namespace/name (never "shop/ … also defined by shop/")', () => {
    // Objects without a name are all kept (each is an error of its own), so both carry "shop/".
    const nameless = (host: string) => {
      const m = vs('x', [host], 'shop');
      delete m.metadata.name;
      return m;
    };
    const ds = analyzeSources([
      { manifest: nameless('reviews'), constructPath: 'app/shop/reviews-a' },
      { manifest: nameless('reviews'), file: 'routes.yaml', line: 12 },
    ], { rules: [rule] });
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining('is also defined by another VirtualService without a name in namespace shop, in routes.yaml:12.'),
      expect.stringContaining('is also defined by another VirtualService without a name in namespace shop, emitted by construct app/shop/reviews-a.'),
    ]);
  });

  test('reports a VirtualService listing one host twice, which conflicts with itself for istioctl', () => {
    const ds = many(rule, [vs('reviews', ['reviews', 'reviews.default.svc.cluster.local'])], ['spec.hosts[1]']);
    expect(ds[0].message).toBe('VirtualService default/reviews applies to the mesh and lists host reviews.default.svc.cluster.local more than once; Istio rejects the repeated host.');
  });

  test('accepts one VirtualService per host', () => {
    none(rule, [vs('reviews', ['reviews']), vs('ratings', ['ratings'])]);
  });

  test('resolves short hosts in each VirtualService namespace', () => {
    none(rule, [vs('reviews', ['reviews'], 'a'), vs('reviews', ['reviews'], 'b')]);
  });

  test('counts VirtualServices listing mesh among gateways, ignores gateway-only ones', () => {
    const meshToo = vs('mesh-and-edge', ['reviews'], undefined, { gateways: ['edge', 'mesh'] });
    const edgeOnly = vs('edge-only', ['reviews'], undefined, { gateways: ['edge'] });
    const plain = vs('plain', ['reviews']);
    none(rule, [plain, edgeOnly]);
    expect(run(rule, [plain, meshToo]).map((d) => d.resource.name)).toEqual(['plain', 'mesh-and-edge']);
  });

  test('ignores delegate VirtualServices, which have no hosts', () => {
    none(rule, [vs('root', ['reviews']), vs('delegate-a', undefined), vs('delegate-b', undefined)]);
  });

  test('keeps VirtualServices exported to different namespaces apart', () => {
    const a = vs('a', ['shared.example.com'], 'team-a', { exportTo: ['.'] });
    const b = vs('b', ['shared.example.com'], 'team-b', { exportTo: ['.'] });
    none(rule, [a, b]);
  });

  test('reports two VirtualServices exported to the same namespace', () => {
    const a = vs('a', ['shared.example.com'], 'team-a', { exportTo: ['.', 'web'] });
    const b = vs('b', ['shared.example.com'], 'team-b', { exportTo: ['web'] });
    const ds = run(rule, [a, b]);
    expect(ds).toHaveLength(2);
    expect(ds[0].message).toContain('shared.example.com (as seen from namespace web) is also defined by team-b/b');
  });

  test('reports a namespace-scoped VirtualService overlapping an exported-to-all wildcard', () => {
    const wild = vs('wild', ['*.example.com'], 'edge');
    const local = vs('local', ['api.example.com'], 'team', { exportTo: ['.'] });
    const ds = run(rule, [wild, local]);
    expect(ds.map((d) => d.resource.name)).toEqual(['wild', 'local']);
    expect(ds[1].message).toContain('also defined by edge/wild');
  });

  test('like istioctl, does not compare wildcards among exported-to-all VirtualServices', () => {
    none(rule, [vs('wild', ['*.example.com']), vs('api', ['api.example.com'])]);
  });

  test('reports one finding per VirtualService even with several conflicting hosts', () => {
    const a = vs('a', ['x.example.com', 'y.example.com']);
    const b = vs('b', ['y.example.com', 'x.example.com']);
    const ds = run(rule, [a, b]);
    expect(ds).toHaveLength(2);
    expect(ds[0].message).toContain('x.example.com is also defined by default/b');
    expect(ds[0].message).toContain('y.example.com is also defined by default/b');
    expect(ds[1].path).toBe('spec.hosts[0]');
  });

  describe('follows Istio wildcard overlap between a namespace-scoped host and exported-to-all ones', () => {
    const exported = ['a.foo.com', '*.foo.com', '*.com', 'foo.com', '*.b.foo.com', 'x.bar.org'];
    const conflicting = (host: string) => {
      const local = vs('local', [host], 'team', { exportTo: ['.'] });
      const others = exported.map((h, i) => vs(`e${i}`, [h], 'edge'));
      return run(rule, [...others, local]).map((d) => d.resource.name).filter((n) => n !== 'local').map((n) => exported[Number(n.slice(1))]).sort();
    };

    test.each([
      ['a.foo.com', ['*.com', '*.foo.com', 'a.foo.com']],
      ['*.foo.com', ['*.b.foo.com', '*.com', '*.foo.com', 'a.foo.com']],
      ['*', ['*.b.foo.com', '*.com', '*.foo.com', 'a.foo.com', 'foo.com', 'x.bar.org']],
      ['y.bar.org', []],
    ])('%s overlaps %j', (host, expected) => {
      expect(conflicting(host)).toEqual(expected);
    });
  });

  test('scales with an index, not pairwise comparison', () => {
    const thousands = Array.from({ length: 3000 }, (_, i) => vs(`svc-${i}`, [`svc-${i}`]));
    thousands.push(vs('dup', ['svc-42']));
    const ds = run(rule, thousands);
    expect(ds.map((d) => d.resource.name)).toEqual(['svc-42', 'dup']);
  });
});
