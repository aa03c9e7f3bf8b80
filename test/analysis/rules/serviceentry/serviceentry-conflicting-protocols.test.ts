import { Severity } from '../../../../src/analysis/diagnostic';
import { serviceEntry } from '../../../fixtures/manifests';
import { clean, many, ruleById } from '../../../fixtures/rules';

const serviceEntryConflictingProtocols = ruleById('serviceentry-conflicting-protocols');

const se = (name: string, namespace: string, spec: any) => serviceEntry(name, namespace, { location: 'MESH_EXTERNAL', resolution: 'DNS', ...spec });
const port = (number: number, name: string, protocol: string) => ({ number, name, protocol });

describe('serviceentry-conflicting-protocols', () => {
  test('warns on every ServiceEntry defining one host and port with different protocols', () => {
    const a = se('api-https', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] });
    const b = se('api-tls', 'billing', { hosts: ['api.example.com'], ports: [port(443, 'tls', 'TLS')] });
    const ds = many(serviceEntryConflictingProtocols, [a, b], ['spec.ports[0].protocol', 'spec.ports[0].protocol'], { severity: Severity.WARNING });
    expect(ds.map((d) => d.resource.name)).toEqual(['api-https', 'api-tls']);
    expect(ds[0].message).toContain('billing/api-tls, shop/api-https');
    expect(ds[0].message).toContain('HTTPS, TLS');
  });

  test('compares a namespace-private entry with public ones, not with another namespace\'s private one', () => {
    const pub = se('pub', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] });
    const own = se('own', 'billing', { hosts: ['api.example.com'], exportTo: ['.'], ports: [port(443, 'tls', 'TLS')] });
    many(serviceEntryConflictingProtocols, [pub, own], ['spec.ports[0].protocol', 'spec.ports[0].protocol']);
    const other = se('other', 'shop', { hosts: ['api.example.com'], exportTo: ['.'], ports: [port(443, 'tls', 'TLS')] });
    clean(serviceEntryConflictingProtocols, [se('priv', 'billing', { hosts: ['api.example.com'], exportTo: ['.'], ports: [port(443, 'https', 'HTTPS')] }), other]);
  });

  test('accepts the same protocol, or different ports', () => {
    clean(serviceEntryConflictingProtocols, [
      se('a', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] }),
      se('b', 'billing', { hosts: ['api.example.com'], ports: [port(443, 'https-api', 'HTTPS'), port(80, 'http', 'HTTP')] }),
    ]);
  });
});
