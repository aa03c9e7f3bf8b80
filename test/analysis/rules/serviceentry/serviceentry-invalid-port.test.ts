import { serviceEntry } from '../../../fixtures/manifests';
import { clean, many, ruleById } from '../../../fixtures/rules';

const serviceEntryInvalidPort = ruleById('serviceentry-invalid-port');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-invalid-port', () => {
  test('rejects repeated names and numbers, a name that is not a DNS label, and an unknown protocol', () => {
    many(serviceEntryInvalidPort, [external({
      hosts: ['api.example.com'],
      resolution: 'DNS',
      ports: [
        { number: 443, name: 'https', protocol: 'HTTPS' },
        { number: 443, name: 'https', protocol: 'HTTPS' },
        { number: 21, name: 'ftp_control', protocol: 'FTP' },
      ],
    })], ['spec.ports[1].name', 'spec.ports[1].number', 'spec.ports[2].name', 'spec.ports[2].protocol']);
  });

  test('accepts distinct, valid ports', () => {
    clean(serviceEntryInvalidPort, [external({ hosts: ['api.example.com'], resolution: 'DNS', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, ...HTTPS] })]);
  });
});
