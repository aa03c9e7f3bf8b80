import { expectClean, run, serviceEntry } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { serviceEntryDnsUnresolvableHost } from '../../../../src/analysis/rules/serviceentry/serviceentry-dns-unresolvable-host';
import { serviceEntryIgnoredSetting } from '../../../../src/analysis/rules/serviceentry/serviceentry-ignored-setting';
import { serviceEntryInvalidAddress } from '../../../../src/analysis/rules/serviceentry/serviceentry-invalid-address';
import { serviceEntryInvalidEndpoint } from '../../../../src/analysis/rules/serviceentry/serviceentry-invalid-endpoint';
import { serviceEntryInvalidExportTo } from '../../../../src/analysis/rules/serviceentry/serviceentry-invalid-export-to';
import { serviceEntryInvalidHost } from '../../../../src/analysis/rules/serviceentry/serviceentry-invalid-host';
import { serviceEntryInvalidPort } from '../../../../src/analysis/rules/serviceentry/serviceentry-invalid-port';
import { serviceEntryMultipleHostsTcp } from '../../../../src/analysis/rules/serviceentry/serviceentry-multiple-hosts-tcp';
import { serviceEntryPartialWildcardHost } from '../../../../src/analysis/rules/serviceentry/serviceentry-partial-wildcard-host';

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-invalid-host', () => {
  test('rejects the host "*"', () => {
    const ds = run(serviceEntryInvalidHost, [external({ hosts: ['*'], resolution: 'NONE' })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'serviceentry-invalid-host', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.hosts[0]' });
  });

  test('rejects a host that is not a DNS name', () => {
    const ds = run(serviceEntryInvalidHost, [external({ hosts: ['api_v1.example.com', 'example.123'], resolution: 'DNS' })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.hosts[0]', 'spec.hosts[1]']);
    expect(ds[1].message).toContain('top-level domain "123" is all digits');
  });

  test('accepts DNS names and a leading wildcard', () => {
    expectClean(serviceEntryInvalidHost, [external({ hosts: ['api.example.com', '*.googleapis.com', 'Upper.Example.com'], resolution: 'NONE' })]);
  });
});

describe('serviceentry-partial-wildcard-host', () => {
  test('warns about a "*" that is not a leading label', () => {
    const ds = run(serviceEntryPartialWildcardHost, [external({ hosts: ['*api.example.com'], resolution: 'NONE' })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0133', path: 'spec.hosts[0]' });
  });

  test('accepts "*." wildcards', () => {
    expectClean(serviceEntryPartialWildcardHost, [external({ hosts: ['*.example.com'], resolution: 'NONE' })]);
  });
});

describe('serviceentry-invalid-address', () => {
  test('rejects an address that is not an IP or CIDR', () => {
    const ds = run(serviceEntryInvalidAddress, [external({ hosts: ['db.example.com'], addresses: ['10.0.0.300'], resolution: 'STATIC', endpoints: [{ address: '10.0.0.3' }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.addresses[0]']);
  });

  test('rejects a CIDR block with DNS resolution', () => {
    const ds = run(serviceEntryInvalidAddress, [external({ hosts: ['db.example.com'], addresses: ['10.0.0.0/24'], resolution: 'DNS' })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.addresses']);
    expect(ds[0].message).toContain('only with resolution NONE or STATIC');
  });

  test('accepts a CIDR block with NONE', () => {
    expectClean(serviceEntryInvalidAddress, [external({ hosts: ['db.example.com'], addresses: ['10.0.0.0/24', '2001:db8::1'], resolution: 'NONE' })]);
  });
});

describe('serviceentry-invalid-port', () => {
  test('rejects repeated names and numbers, a name that is not a DNS label, and an unknown protocol', () => {
    const ds = run(serviceEntryInvalidPort, [external({
      hosts: ['api.example.com'],
      resolution: 'DNS',
      ports: [
        { number: 443, name: 'https', protocol: 'HTTPS' },
        { number: 443, name: 'https', protocol: 'HTTPS' },
        { number: 21, name: 'ftp_control', protocol: 'FTP' },
      ],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ports[1].name', 'spec.ports[1].number', 'spec.ports[2].name', 'spec.ports[2].protocol']);
  });

  test('accepts distinct, valid ports', () => {
    expectClean(serviceEntryInvalidPort, [external({ hosts: ['api.example.com'], resolution: 'DNS', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, ...HTTPS] })]);
  });
});

describe('serviceentry-invalid-endpoint', () => {
  test('rejects endpoints with resolution NONE', () => {
    const ds = run(serviceEntryInvalidEndpoint, [external({ hosts: ['api.example.com'], resolution: 'NONE', endpoints: [{ address: '1.2.3.4' }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.endpoints']);
  });

  test('rejects a host name as a STATIC endpoint', () => {
    const ds = run(serviceEntryInvalidEndpoint, [external({ hosts: ['api.example.com'], resolution: 'STATIC', endpoints: [{ address: 'api-1.example.com' }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.endpoints[0].address']);
    expect(ds[0].fix).toContain('resolution DNS');
  });

  test('rejects several endpoints with DNS_ROUND_ROBIN and an endpoint port that is not a service port', () => {
    const ds = run(serviceEntryInvalidEndpoint, [external({
      hosts: ['api.example.com'],
      resolution: 'DNS_ROUND_ROBIN',
      endpoints: [{ address: 'a.example.com', ports: { http: 8080 } }, { address: 'b.example.com' }],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.endpoints', 'spec.endpoints[0].ports.http']);
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
    expectClean(serviceEntryInvalidEndpoint, [
      external({ hosts: ['db.example.com'], resolution: 'STATIC', addresses: ['10.1.0.10'], endpoints: [{ address: '10.0.0.1', ports: { https: 8443 } }] }, 'static'),
      external({ hosts: ['api.example.com'], resolution: 'DNS', endpoints: [{ address: 'eu.api.example.com' }, { address: 'us.api.example.com' }] }, 'dns'),
    ]);
  });
});

describe('serviceentry-dns-unresolvable-host', () => {
  test('rejects a wildcard host with DNS resolution and no endpoints, suggesting NONE', () => {
    const ds = run(serviceEntryDnsUnresolvableHost, [external({ hosts: ['*.example.com'], resolution: 'DNS' })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'serviceentry-dns-unresolvable-host', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.hosts[0]' });
    expect(ds[0].message).toContain('resolution DNS without endpoints');
    expect(ds[0].fix).toContain('resolution NONE');
  });

  test('applies to DNS_ROUND_ROBIN too', () => {
    expect(run(serviceEntryDnsUnresolvableHost, [external({ hosts: ['*.example.com'], resolution: 'DNS_ROUND_ROBIN' })])).toHaveLength(1);
  });

  test('accepts a DNS name, a wildcard with endpoints, and a wildcard with NONE', () => {
    expectClean(serviceEntryDnsUnresolvableHost, [
      external({ hosts: ['api.example.com'], resolution: 'DNS' }, 'a'),
      external({ hosts: ['*.example.com'], resolution: 'DNS', endpoints: [{ address: 'proxy.example.com' }] }, 'b'),
      external({ hosts: ['*.example.org'], resolution: 'NONE' }, 'c'),
    ]);
  });
});

describe('serviceentry-multiple-hosts-tcp', () => {
  test('rejects several hosts on a plain TCP port with DNS resolution', () => {
    const ds = run(serviceEntryMultipleHostsTcp, [external({ hosts: ['a.example.com', 'b.example.com'], resolution: 'DNS', ports: [{ number: 5432, name: 'tcp-pg', protocol: 'TCP' }] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.ports[0]']);
    expect(ds[0].message).toContain('no Host header, no SNI');
  });

  test('accepts several hosts on TLS ports, and TCP with resolution NONE', () => {
    expectClean(serviceEntryMultipleHostsTcp, [
      external({ hosts: ['a.example.com', 'b.example.com'], resolution: 'DNS' }, 'tls'),
      external({ hosts: ['a.example.org', 'b.example.org'], resolution: 'NONE', addresses: ['10.0.0.0/16'], ports: [{ number: 5432, name: 'tcp-pg', protocol: 'TCP' }] }, 'none'),
    ]);
  });
});

describe('serviceentry-invalid-export-to', () => {
  test('rejects "." together with the own namespace, "*" with others, and a bad entry', () => {
    const ds = run(serviceEntryInvalidExportTo, [
      external({ hosts: ['a.example.com'], resolution: 'DNS', exportTo: ['.', 'shop'] }, 'a'),
      external({ hosts: ['b.example.com'], resolution: 'DNS', exportTo: ['*', 'billing'] }, 'b'),
      external({ hosts: ['c.example.com'], resolution: 'DNS', exportTo: ['team_a'] }, 'c'),
    ]);
    expect(ds.map((d) => `${d.resource.name} ${d.path}`)).toEqual(['a spec.exportTo[1]', 'b spec.exportTo', 'c spec.exportTo[0]']);
  });

  test('rejects "~" with other entries', () => {
    const ds = run(serviceEntryInvalidExportTo, [external({ hosts: ['a.example.com'], resolution: 'DNS', exportTo: ['~', 'shop'] })]);
    expect(ds[0].message).toContain('mixes "~"');
  });

  test('accepts ".", "~" and namespace lists', () => {
    expectClean(serviceEntryInvalidExportTo, [
      external({ hosts: ['a.example.com'], resolution: 'DNS', exportTo: ['.', 'billing'] }, 'a'),
      external({ hosts: ['b.example.com'], resolution: 'DNS', exportTo: ['~'] }, 'b'),
    ]);
  });
});

describe('serviceentry-ignored-setting', () => {
  test('warns that workloadSelector has no effect with DNS resolution', () => {
    const ds = run(serviceEntryIgnoredSetting, [serviceEntry('vm', 'shop', { hosts: ['vm.example.com'], resolution: 'DNS', ports: HTTPS, workloadSelector: { labels: { app: 'vm' } } })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: Severity.WARNING, istioCode: 'IST0133', path: 'spec.workloadSelector' });
  });

  test('warns about a workloadSelector without labels', () => {
    const ds = run(serviceEntryIgnoredSetting, [serviceEntry('vm', 'shop', { hosts: ['vm.example.com'], resolution: 'STATIC', ports: HTTPS, workloadSelector: {} })]);
    expect(ds[0].message).toContain('has no labels');
  });

  test('accepts a workloadSelector with STATIC resolution', () => {
    expectClean(serviceEntryIgnoredSetting, [serviceEntry('vm', 'shop', { hosts: ['vm.example.com'], location: 'MESH_INTERNAL', resolution: 'STATIC', ports: HTTPS, workloadSelector: { labels: { app: 'vm' } } })]);
  });
});
