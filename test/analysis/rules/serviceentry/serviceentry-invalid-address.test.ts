import { serviceEntry } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const serviceEntryInvalidAddress = ruleById('serviceentry-invalid-address');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-invalid-address', () => {
  test('rejects an address that is not an IP or CIDR', () => {
    one(serviceEntryInvalidAddress, [external({ hosts: ['db.example.com'], addresses: ['10.0.0.300'], resolution: 'STATIC', endpoints: [{ address: '10.0.0.3' }] })], { path: 'spec.addresses[0]' });
  });

  test('rejects a CIDR block with DNS resolution', () => {
    const ds = one(serviceEntryInvalidAddress, [external({ hosts: ['db.example.com'], addresses: ['10.0.0.0/24'], resolution: 'DNS' })], { path: 'spec.addresses' });
    expect(ds.message).toContain('only with resolution NONE or STATIC');
  });

  test('accepts a CIDR block with NONE', () => {
    clean(serviceEntryInvalidAddress, [external({ hosts: ['db.example.com'], addresses: ['10.0.0.0/24', '2001:db8::1'], resolution: 'NONE' })]);
  });
});
