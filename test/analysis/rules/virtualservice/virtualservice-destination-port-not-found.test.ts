import { selecting, service, serviceEntry, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const virtualServiceDestinationPortNotFound = ruleById('virtualservice-destination-port-not-found');

const reviewsSvc = service('reviews', 'shop', selecting({ app: 'reviews' }, [{ name: 'http', port: 9080 }]));
const route = (host: string, extra: any = {}) => ({ http: [{ route: [{ destination: { host, ...extra } }] }] });

describe('virtualservice-destination-port-not-found (IST0101)', () => {
  test('reports a destination port the Service does not expose (a container port, typically)', () => {
    const vs = virtualService('reviews', 'shop', { hosts: ['reviews'], ...route('reviews', { port: { number: 8080 } }) });
    const d = one(virtualServiceDestinationPortNotFound, [reviewsSvc, vs], { path: 'spec.http[0].route[0].destination.port.number' });
    expect(d.message).toContain('uses port 8080, which Service shop/reviews does not expose (its ports: 9080)');
  });

  test('accepts a port of the Service, and checks ServiceEntry port numbers', () => {
    const se = serviceEntry('ext', 'shop', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS' });
    const ok = virtualService('a', 'shop', { hosts: ['reviews'], ...route('reviews', { port: { number: 9080 } }) });
    const ext = virtualService('b', 'shop', { hosts: ['api.example.com'], tls: [{ match: [{ sniHosts: ['api.example.com'] }], route: [{ destination: { host: 'api.example.com', port: { number: 443 } } }] }] });
    none(virtualServiceDestinationPortNotFound, [reviewsSvc, se, ok, ext]);
  });

  test('accepts a port any of the ServiceEntries declaring the host exposes (istioctl checks against one of them)', () => {
    const http = serviceEntry('se-0', 'shop', { hosts: ['api.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS' });
    const tls = serviceEntry('se-1', 'shop', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' });
    const vs = virtualService('b', 'shop', { hosts: ['api.example.com'], tls: [{ match: [{ sniHosts: ['api.example.com'] }], route: [{ destination: { host: 'api.example.com', port: { number: 443 } } }] }] });
    none(virtualServiceDestinationPortNotFound, [http, tls, vs]);
  });

  test('still reports a port none of the ServiceEntries declaring the host exposes', () => {
    const http = serviceEntry('se-0', 'shop', { hosts: ['api.example.com'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }], resolution: 'DNS' });
    const tls = serviceEntry('se-1', 'shop', { hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' });
    const vs = virtualService('b', 'shop', { hosts: ['api.example.com'], tls: [{ match: [{ sniHosts: ['api.example.com'] }], route: [{ destination: { host: 'api.example.com', port: { number: 8443 } } }] }] });
    const d = one(virtualServiceDestinationPortNotFound, [http, tls, vs], { path: 'spec.tls[0].route[0].destination.port.number' });
    expect(d.message).toContain('uses port 8443');
  });
});
