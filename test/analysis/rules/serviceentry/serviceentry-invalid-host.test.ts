import { Severity } from '../../../../src/analysis/diagnostic';
import { serviceEntry } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const serviceEntryInvalidHost = ruleById('serviceentry-invalid-host');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-invalid-host', () => {
  test('rejects the host "*"', () => {
    one(serviceEntryInvalidHost, [external({ hosts: ['*'], resolution: 'NONE' })], { path: 'spec.hosts[0]', severity: Severity.ERROR });
  });

  test('rejects a host that is not a DNS name', () => {
    const ds = many(serviceEntryInvalidHost, [external({ hosts: ['api_v1.example.com', 'example.123'], resolution: 'DNS' })], ['spec.hosts[0]', 'spec.hosts[1]']);
    expect(ds[1].message).toContain('top-level domain "123" is all digits');
  });

  test('accepts DNS names and a leading wildcard', () => {
    clean(serviceEntryInvalidHost, [external({ hosts: ['api.example.com', '*.googleapis.com', 'Upper.Example.com'], resolution: 'NONE' })]);
  });
});
