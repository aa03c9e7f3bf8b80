import { Severity } from '../../../../src/analysis/diagnostic';
import { selecting, service, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const virtualServiceDestinationPortRequired = ruleById('virtualservice-destination-port-required');

const reviewsSvc = service('reviews', 'shop', selecting({ app: 'reviews' }, [{ name: 'http', port: 9080 }]));
const route = (host: string, extra: any = {}) => ({ http: [{ route: [{ destination: { host, ...extra } }] }] });

describe('virtualservice-destination-port-required (IST0112)', () => {
  const twoPorts = service('reviews', 'shop', selecting({ app: 'reviews' }, [{ name: 'http', port: 9080 }, { name: 'grpc', port: 9090 }]));

  test('reports a destination without port to a Service with two ports', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], ...route('reviews') });
    const d = one(virtualServiceDestinationPortRequired, [twoPorts, vs], { path: 'spec.http[0].route[0].destination', severity: Severity.ERROR });
    expect(d.message).toContain('Service shop/reviews exposes ports 9080, 9090');
  });

  test('accepts a destination with a port, or to a single-port Service', () => {
    const withPort = virtualService('a', 'shop', { hosts: ['reviews'], ...route('reviews', { port: { number: 9080 } }) });
    none(virtualServiceDestinationPortRequired, [twoPorts, withPort]);
    const single = virtualService('b', 'shop', { hosts: ['reviews'], ...route('reviews') });
    none(virtualServiceDestinationPortRequired, [reviewsSvc, single]);
  });
});
