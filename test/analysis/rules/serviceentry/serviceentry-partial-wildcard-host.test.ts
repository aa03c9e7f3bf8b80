import { Severity } from '../../../../src/analysis/diagnostic';
import { serviceEntry } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const serviceEntryPartialWildcardHost = ruleById('serviceentry-partial-wildcard-host');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-partial-wildcard-host', () => {
  test('warns about a "*" that is not a leading label', () => {
    one(serviceEntryPartialWildcardHost, [external({ hosts: ['*api.example.com'], resolution: 'NONE' })], { path: 'spec.hosts[0]', severity: Severity.WARNING });
  });

  test('accepts "*." wildcards', () => {
    clean(serviceEntryPartialWildcardHost, [external({ hosts: ['*.example.com'], resolution: 'NONE' })]);
  });
});
