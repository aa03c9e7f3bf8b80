import { Severity } from '../../../../src/analysis/diagnostic';
import { meshConfigMap, serviceEntry } from '../../../fixtures/manifests';
import { clean, many, ruleById } from '../../../fixtures/rules';

const serviceEntryAddressesRequired = ruleById('serviceentry-addresses-required');

const se = (name: string, namespace: string, spec: any) => serviceEntry(name, namespace, { location: 'MESH_EXTERNAL', resolution: 'DNS', ...spec });
const port = (number: number, name: string, protocol: string) => ({ number, name, protocol });

describe('serviceentry-addresses-required', () => {
  test('warns about a TCP port and a protocol-less port without addresses', () => {
    const entry = se('db', 'shop', { hosts: ['db.example.com'], ports: [port(5432, 'tcp-pg', 'TCP'), { number: 6379, name: 'redis' }] });
    const ds = many(serviceEntryAddressesRequired, [entry], ['spec.ports[0]', 'spec.ports[1]']);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0134' });
    expect(ds[0].fix).toContain('ISTIO_META_DNS_AUTO_ALLOCATE');
  });

  test('accepts addresses, HTTP/TLS ports, and DNS auto-allocation in the mesh config', () => {
    clean(serviceEntryAddressesRequired, [
      se('db', 'shop', { hosts: ['db.example.com'], addresses: ['10.10.0.5'], ports: [port(5432, 'tcp-pg', 'TCP')] }),
      se('api', 'shop', { hosts: ['api.example.com'], ports: [port(443, 'https', 'HTTPS')] }),
    ]);
    const mesh = meshConfigMap('defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: "true"\n    ISTIO_META_DNS_AUTO_ALLOCATE: "true"\n');
    clean(serviceEntryAddressesRequired, [mesh, se('db', 'shop', { hosts: ['db.example.com'], ports: [port(5432, 'tcp-pg', 'TCP')] })]);
  });
});
