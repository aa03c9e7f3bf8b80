import { Severity } from '../../../../src/analysis/diagnostic';
import { serviceEntry } from '../../../fixtures/manifests';
import { clean, one, ruleById, run } from '../../../fixtures/rules';

const serviceEntryDnsUnresolvableHost = ruleById('serviceentry-dns-unresolvable-host');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-dns-unresolvable-host', () => {
  test('rejects a wildcard host with DNS resolution and no endpoints, suggesting NONE', () => {
    const d = one(serviceEntryDnsUnresolvableHost, [external({ hosts: ['*.example.com'], resolution: 'DNS' })], { path: 'spec.hosts[0]', severity: Severity.ERROR });
    expect(d.message).toContain('resolution DNS without endpoints');
    expect(d.fix).toContain('resolution NONE');
  });

  test('applies to DNS_ROUND_ROBIN too', () => {
    expect(run(serviceEntryDnsUnresolvableHost, [external({ hosts: ['*.example.com'], resolution: 'DNS_ROUND_ROBIN' })])).toHaveLength(1);
  });

  test('accepts a DNS name, a wildcard with endpoints, and a wildcard with NONE', () => {
    clean(serviceEntryDnsUnresolvableHost, [
      external({ hosts: ['api.example.com'], resolution: 'DNS' }, 'a'),
      external({ hosts: ['*.example.com'], resolution: 'DNS', endpoints: [{ address: 'proxy.example.com' }] }, 'b'),
      external({ hosts: ['*.example.org'], resolution: 'NONE' }, 'c'),
    ]);
  });
});
