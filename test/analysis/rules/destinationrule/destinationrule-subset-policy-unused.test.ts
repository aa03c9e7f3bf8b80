import { Severity } from '../../../../src/analysis/diagnostic';
import { to, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-subset-policy-unused');

const pool = { connectionPool: { tcp: { maxConnections: 10 } } };
const dr = (namespace?: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', ...(namespace ? { namespace } : {}) },
  spec: {
    host: 'reviews',
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' }, trafficPolicy: pool },
    ],
  },
});

describe('destinationrule-subset-policy-unused', () => {
  test('warns about a subset policy when the routes to the host name other subsets only', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1')] }] });
    const d = one(rule, [dr(), vs], { path: 'spec.subsets[1].trafficPolicy', severity: Severity.WARNING });
    expect(d.message).toContain('Subset "v2" of reviews.default.svc.cluster.local has its own trafficPolicy');
    expect(d.message).toContain('VirtualService default/reviews routes to this host; they only name subset "v1"');
    expect(d.fix).toContain('subset: v2');
  });

  test('says so when the routes name no subset at all', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews.default.svc.cluster.local')] }] });
    const d = one(rule, [dr(), vs], { path: 'spec.subsets[1].trafficPolicy' });
    expect(d.message).toContain('they name no subset, so all traffic uses the host\'s cluster');
  });

  test('accepts a subset policy used by a route', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1', 90), to('reviews', 'v2', 10)] }] });
    none(rule, [dr(), vs]);
  });

  test('counts a mirror to the subset as use', () => {
    const vs = virtualService('reviews', undefined, { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1')], mirror: { host: 'reviews', subset: 'v2' } }] });
    none(rule, [dr(), vs]);
  });

  test('does not judge a host no analysed VirtualService routes to', () => {
    const other = virtualService('ratings', undefined, { hosts: ['ratings'], http: [{ route: [to('ratings')] }] });
    none(rule, [dr(), other]);
  });

  test('resolves short hosts in each object\'s namespace', () => {
    // The VirtualService in namespace "other" routes to reviews.other, not to reviews.shop.
    const vs = virtualService('reviews', 'other', { hosts: ['reviews'], http: [{ route: [to('reviews', 'v1')] }] });
    none(rule, [dr('shop'), vs]);
  });
});
