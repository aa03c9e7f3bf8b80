import { serviceEntry } from '../../../fixtures/manifests';
import { clean, many, one, ruleById, run } from '../../../fixtures/rules';

const serviceEntryInvalidEndpoint = ruleById('serviceentry-invalid-endpoint');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-invalid-endpoint', () => {
  test('rejects endpoints with resolution NONE', () => {
    one(serviceEntryInvalidEndpoint, [external({ hosts: ['api.example.com'], resolution: 'NONE', endpoints: [{ address: '1.2.3.4' }] })], { path: 'spec.endpoints' });
  });

  test('rejects a host name as a STATIC endpoint', () => {
    const ds = one(serviceEntryInvalidEndpoint, [external({ hosts: ['api.example.com'], resolution: 'STATIC', endpoints: [{ address: 'api-1.example.com' }] })], { path: 'spec.endpoints[0].address' });
    expect(ds.fix).toContain('resolution DNS');
  });

  test('rejects several endpoints with DNS_ROUND_ROBIN and an endpoint port that is not a service port', () => {
    many(serviceEntryInvalidEndpoint, [external({
      hosts: ['api.example.com'],
      resolution: 'DNS_ROUND_ROBIN',
      endpoints: [{ address: 'a.example.com', ports: { http: 8080 } }, { address: 'b.example.com' }],
    })], ['spec.endpoints', 'spec.endpoints[0].ports.http']);
  });

  test('rejects workloadSelector together with endpoints', () => {
    const ds = run(serviceEntryInvalidEndpoint, [serviceEntry('vm', 'shop', {
      hosts: ['vm.example.com'],
      location: 'MESH_INTERNAL',
      resolution: 'STATIC',
      ports: HTTPS,
      workloadSelector: { labels: { app: 'vm' } },
      endpoints: [{ address: '10.0.0.1' }],
    })]);
    expect(ds[0].message).toContain('both workloadSelector and endpoints');
  });

  test('accepts IP endpoints with STATIC and host names with DNS', () => {
    clean(serviceEntryInvalidEndpoint, [
      external({ hosts: ['db.example.com'], resolution: 'STATIC', addresses: ['10.1.0.10'], endpoints: [{ address: '10.0.0.1', ports: { https: 8443 } }] }, 'static'),
      external({ hosts: ['api.example.com'], resolution: 'DNS', endpoints: [{ address: 'eu.api.example.com' }, { address: 'us.api.example.com' }] }, 'dns'),
    ]);
  });
});
