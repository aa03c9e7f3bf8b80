import { to, virtualService } from '../../../fixtures/manifests';
import { flaggerCanary } from '../../../fixtures/progressive-delivery';
import { clean, none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('canary-virtualservice-conflict');

const canary = (service: any = { port: 9080 }) => flaggerCanary('reviews', 'shop', {
  targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'reviews' },
  service,
  analysis: { interval: '1m', threshold: 5, maxWeight: 50, stepWeight: 10 },
});

describe('canary-virtualservice-conflict', () => {
  test('accepts VirtualServices of other hosts', () => {
    clean(rule, [canary(), virtualService('ratings', 'shop', { hosts: ['ratings'], http: [{ route: [to('ratings')] }] })]);
  });

  test('reports a second VirtualService for the Flagger-managed host', () => {
    const d = one(rule, [canary(), virtualService('reviews-routes', 'shop', { hosts: ['reviews'], http: [{ route: [to('reviews')] }] })], { path: 'spec.hosts[0]' });
    expect(d.message).toContain('routes host reviews, whose VirtualService Flagger writes for Canary shop/reviews');
  });

  test('reads the host from service.name and service.hosts, in any namespace', () => {
    const c = canary({ name: 'reviews-apex', port: 9080, hosts: ['reviews.example.com'] });
    one(rule, [c, virtualService('edge', 'gateways', { hosts: ['reviews.example.com'], http: [{ route: [to('reviews-apex.shop.svc.cluster.local')] }] })], { path: 'spec.hosts[0]' });
    one(rule, [c, virtualService('other', 'front', { hosts: ['reviews-apex.shop.svc.cluster.local'], http: [{ route: [to('reviews-apex.shop.svc.cluster.local')] }] })], { path: 'spec.hosts[0]' });
  });

  test('reports a VirtualService with the name Flagger gives its own', () => {
    const d = one(rule, [canary(), virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [to('reviews')] }] })], { path: 'metadata.name' });
    expect(d.message).toContain('Flagger overwrites it at each reconcile');
  });

  test('accepts the VirtualService Flagger wrote, read back from the cluster', () => {
    const written = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [to('reviews-primary', undefined, 100), to('reviews-canary', undefined, 0)] }] });
    written.metadata.ownerReferences = [{ apiVersion: 'flagger.app/v1beta1', kind: 'Canary', name: 'reviews', uid: '1', controller: true }];
    none(rule, [canary(), written]);
  });
});
