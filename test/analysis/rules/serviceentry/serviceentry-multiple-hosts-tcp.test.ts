import { serviceEntry } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const serviceEntryMultipleHostsTcp = ruleById('serviceentry-multiple-hosts-tcp');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-multiple-hosts-tcp', () => {
  test('rejects several hosts on a plain TCP port with DNS resolution', () => {
    const ds = one(serviceEntryMultipleHostsTcp, [external({ hosts: ['a.example.com', 'b.example.com'], resolution: 'DNS', ports: [{ number: 5432, name: 'tcp-pg', protocol: 'TCP' }] })], { path: 'spec.ports[0]' });
    expect(ds.message).toContain('no Host header, no SNI');
  });

  test('accepts several hosts on TLS ports, and TCP with resolution NONE', () => {
    clean(serviceEntryMultipleHostsTcp, [
      external({ hosts: ['a.example.com', 'b.example.com'], resolution: 'DNS' }, 'tls'),
      external({ hosts: ['a.example.org', 'b.example.org'], resolution: 'NONE', addresses: ['10.0.0.0/16'], ports: [{ number: 5432, name: 'tcp-pg', protocol: 'TCP' }] }, 'none'),
    ]);
  });
});
