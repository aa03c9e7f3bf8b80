import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  MeshService, MeshServiceSource, Protocol, RetryPolicy, ServiceEntry, ServiceEntryLocation, ServiceEntryResolution, WorkloadSelector,
} from '../../src';
import { edgeApp, only, problems, synthValid } from '../fixtures/app';

const entryOf = (chart: any) => only(synthValid(chart), 'ServiceEntry');

describe('ServiceEntry: rendering', () => {
  test('an external HTTPS API: hosts, ports named after their protocol, MESH_EXTERNAL, DNS', () => {
    const { chart } = edgeApp();
    new ServiceEntry(chart, 'payments-api', { hosts: ['api.payments.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }] });
    const se = entryOf(chart);
    expect(se.apiVersion).toBe('networking.istio.io/v1');
    expect(se.metadata).toEqual({ name: 'payments-api', namespace: 'shop' });
    expect(se.spec).toEqual({
      hosts: ['api.payments.example.com'],
      ports: [{ number: 443, protocol: 'TLS', name: 'tls' }],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
    });
  });

  test('two ports of one protocol are named with their number', () => {
    const { chart } = edgeApp();
    new ServiceEntry(chart, 'api', { hosts: ['api.example.com'], ports: [{ number: 80, protocol: Protocol.HTTP }, { number: 8080, protocol: Protocol.HTTP }, { number: 443, protocol: Protocol.HTTPS }] });
    expect(entryOf(chart).spec.ports.map((p: any) => p.name)).toEqual(['http-80', 'http-8080', 'https']);
  });

  test('every field given is written', () => {
    const { chart } = edgeApp();
    new ServiceEntry(chart, 'legacy-db', {
      hosts: ['db.legacy.internal'],
      ports: [{ number: 5432, protocol: Protocol.TCP, name: 'postgres', targetPort: 15432 }],
      addresses: ['10.20.0.0/16'],
      resolution: ServiceEntryResolution.STATIC,
      location: ServiceEntryLocation.MESH_INTERNAL,
      endpoints: [{ address: '10.20.0.5', ports: { postgres: 25432 }, labels: { role: 'primary' }, network: 'dc1', locality: 'eu/west/a', weight: 3, serviceAccount: 'db' }],
      exportTo: ['.', 'billing'],
      subjectAltNames: ['db.legacy.internal'],
    });
    expect(entryOf(chart).spec).toEqual({
      hosts: ['db.legacy.internal'],
      ports: [{ number: 5432, protocol: 'TCP', name: 'postgres', targetPort: 15432 }],
      location: 'MESH_INTERNAL',
      resolution: 'STATIC',
      addresses: ['10.20.0.0/16'],
      endpoints: [{ address: '10.20.0.5', ports: { postgres: 25432 }, labels: { role: 'primary' }, network: 'dc1', locality: 'eu/west/a', weight: 3, serviceAccount: 'db' }],
      exportTo: ['.', 'billing'],
      subjectAltNames: ['db.legacy.internal'],
    });
  });

  test('an endpoint locality is written as given, also with more than three parts (Istio does not check it)', () => {
    const { chart } = edgeApp();
    new ServiceEntry(chart, 'db', {
      hosts: ['db.legacy.internal'],
      ports: [{ number: 5432, protocol: Protocol.TCP }],
      endpoints: [{ address: '10.20.0.5', locality: 'eu/west/a/rack1' }],
    });
    expect(entryOf(chart).spec.endpoints).toEqual([{ address: '10.20.0.5', locality: 'eu/west/a/rack1' }]);
  });

  test('a workload selector is written as labels (MESH_INTERNAL VMs)', () => {
    const { chart } = edgeApp();
    new ServiceEntry(chart, 'vm', {
      hosts: ['vm.shop.internal'],
      ports: [{ number: 8080, protocol: Protocol.HTTP }],
      location: ServiceEntryLocation.MESH_INTERNAL,
      workloadSelector: WorkloadSelector.fromLabels({ app: 'legacy-vm' }),
    });
    const spec = entryOf(chart).spec;
    expect(spec.workloadSelector).toEqual({ labels: { app: 'legacy-vm' } });
    expect(spec.resolution).toBe('STATIC'); // the selected workloads' addresses; DNS would ignore the selector
  });

  test('endpoints added later are rendered', () => {
    const { chart } = edgeApp();
    const se = new ServiceEntry(chart, 'api', { hosts: ['api.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }] });
    se.addEndpoint({ address: 'eu.api.example.com' });
    se.addEndpoint({ address: 'us.api.example.com' });
    expect(entryOf(chart).spec.endpoints).toEqual([{ address: 'eu.api.example.com' }, { address: 'us.api.example.com' }]);
  });

  test('the hosts as a Sidecar names them', () => {
    const { chart } = edgeApp();
    const se = new ServiceEntry(chart, 'api', { hosts: ['a.example.com', 'b.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }] });
    expect(se.sidecarHosts).toEqual(['shop/a.example.com', 'shop/b.example.com']);
    expect(se.host).toBe('a.example.com');
  });
});

describe('ServiceEntry: default resolution', () => {
  const make = (hosts: string[], endpoints: string[] = []) => {
    const { chart } = edgeApp();
    return new ServiceEntry(chart, 'e', { hosts, ports: [{ number: 443, protocol: Protocol.TLS }], endpoints: endpoints.map((address) => ({ address })) });
  };

  test('DNS for named hosts without endpoints', () => {
    expect(make(['api.example.com']).resolution).toBe(ServiceEntryResolution.DNS);
  });

  test('NONE for a wildcard host without endpoints (DNS cannot resolve it)', () => {
    expect(make(['*.example.com']).resolution).toBe(ServiceEntryResolution.NONE);
  });

  test('STATIC when every endpoint is an IP address', () => {
    expect(make(['api.example.com'], ['10.0.0.1', '2001:db8::1']).resolution).toBe(ServiceEntryResolution.STATIC);
  });

  test('DNS when an endpoint is a host name', () => {
    expect(make(['api.example.com'], ['10.0.0.1', 'eu.api.example.com']).resolution).toBe(ServiceEntryResolution.DNS);
  });
});

describe('ServiceEntry: what Istio rejects is refused with the prop named', () => {
  const ports = [{ number: 443, protocol: Protocol.TLS }];
  const make = (props: any) => () => new ServiceEntry(edgeApp().chart, 'e', { hosts: ['api.example.com'], ports, ...props });

  test('no host, or the host "*"', () => {
    expect(make({ hosts: [] })).toThrow(/shop\/e: hosts is empty/);
    expect(make({ hosts: ['*'] })).toThrow(/hosts\[0\] is '\*'; Istio rejects a ServiceEntry for every host/);
  });

  test('a host with a wildcard after the start of the name (a partial first-label wildcard is only warned about)', () => {
    expect(make({ hosts: ['api*.example.com'] })).toThrow(/hosts\[0\] 'api\*\.example\.com' has a wildcard/);
    expect(make({ hosts: ['api.*.example.com'] })).toThrow(/has a wildcard/);
    expect(make({ hosts: ['*api.example.com'], resolution: ServiceEntryResolution.NONE })).not.toThrow();
  });

  test('a socket endpoint on a ServiceEntry with several ports', () => {
    expect(make({ ports: [{ number: 80, protocol: Protocol.HTTP }, { number: 443, protocol: Protocol.TLS }], resolution: ServiceEntryResolution.STATIC, endpoints: [{ address: 'unix:///var/run/app.sock' }] }))
      .toThrow(/endpoints\[0\] is a unix:\/\/ socket, but the ServiceEntry has 2 ports/);
    expect(make({ resolution: ServiceEntryResolution.STATIC, endpoints: [{ address: 'unix:///var/run/app.sock' }] })).not.toThrow();
  });

  test('no port, a port out of range, a repeated port number or name', () => {
    expect(make({ ports: [] })).toThrow(/ports is empty/);
    expect(make({ ports: [{ number: 0, protocol: Protocol.TLS }] })).toThrow(/ports\[0\]\.number is 0/);
    expect(make({ ports: [{ number: 443, protocol: Protocol.TLS }, { number: 443, protocol: Protocol.HTTPS }] })).toThrow(/ports\[1\] repeats port 443/);
    expect(make({ ports: [{ number: 443, protocol: Protocol.TLS, name: 'p' }, { number: 8443, protocol: Protocol.TLS, name: 'p' }] })).toThrow(/ports\[1\] repeats the port name 'p'/);
  });

  test('endpoints with resolution NONE', () => {
    expect(make({ resolution: ServiceEntryResolution.NONE, endpoints: [{ address: '10.0.0.1' }] })).toThrow(/resolution NONE with endpoints; Istio rejects it/);
  });

  test('more than one endpoint with DNS_ROUND_ROBIN', () => {
    expect(make({ resolution: ServiceEntryResolution.DNS_ROUND_ROBIN, endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }] }))
      .toThrow(/DNS_ROUND_ROBIN with 2 endpoints; it takes at most one/);
  });

  test('a host-name endpoint with STATIC resolution', () => {
    expect(make({ resolution: ServiceEntryResolution.STATIC, endpoints: [{ address: 'eu.api.example.com' }] })).toThrow(/endpoint 0 has address 'eu\.api\.example\.com', a host name, but resolution is STATIC/);
  });

  test('a CIDR address with DNS resolution', () => {
    expect(make({ addresses: ['10.0.0.0/8'] })).toThrow(/CIDR range with resolution DNS/);
    expect(make({ addresses: ['10.0.0.0/8'], resolution: ServiceEntryResolution.NONE })).not.toThrow();
  });

  test('an address that is not an IP or CIDR', () => {
    expect(make({ addresses: ['api.example.com'] })).toThrow(/addresses\[0\] is "api.example.com"; write an IP address or CIDR range/);
  });

  test('several hosts with a TCP port, unless resolution is NONE', () => {
    const tcp = [{ number: 5432, protocol: Protocol.TCP }];
    expect(make({ hosts: ['a.example.com', 'b.example.com'], ports: tcp })).toThrow(/several hosts .* with the TCP port 5432; Istio rejects it/);
    expect(make({ hosts: ['a.example.com', 'b.example.com'], ports: tcp, resolution: ServiceEntryResolution.NONE })).not.toThrow();
  });

  test('endpoints and a workload selector together', () => {
    expect(make({ endpoints: [{ address: '10.0.0.1' }], workloadSelector: WorkloadSelector.fromLabels({ app: 'x' }) })).toThrow(/both endpoints and a workloadSelector/);
  });

  test('an endpoint port keyed by a name the ServiceEntry does not have', () => {
    expect(make({ endpoints: [{ address: '10.0.0.1', ports: { https: 8443 } }] })).toThrow(/endpoints\[0\]\.ports names 'https', which is not a port of this ServiceEntry \('tls'\)/);
  });

  test('an endpoint with neither address nor network, or a relative socket path', () => {
    expect(make({ endpoints: [{ labels: { a: 'b' } }] })).toThrow(/endpoints\[0\] has neither address nor network/);
    expect(make({ endpoints: [{ address: 'unix://relative/sock' }] })).toThrow(/endpoints\[0\]\.address is "unix:\/\/relative\/sock"/);
  });

  test('exportTo with a bad entry, a repeat, or "*" among others', () => {
    expect(make({ exportTo: ['Bad_NS'] })).toThrow(/exportTo\[0\] is "Bad_NS"/);
    expect(make({ exportTo: ['.', 'shop'] })).toThrow(/exportTo lists a namespace twice/);
    expect(make({ exportTo: ['*', 'billing'] })).toThrow(/exportTo combines '\*' with other entries/);
  });

  test('a workload selector of another namespace', () => {
    const { chart } = edgeApp();
    expect(() => new ServiceEntry(chart, 'e', {
      hosts: ['vm.internal'], ports, workloadSelector: WorkloadSelector.fromLabels({ app: 'vm' }, 'other'),
    })).toThrow(/workloadSelector picks labels app=vm in namespace 'other', but a ServiceEntry only selects workloads of its own namespace/);
  });

  test('an endpoint added later that breaks the resolution rules', () => {
    const { chart } = edgeApp();
    const se = new ServiceEntry(chart, 'e', { hosts: ['api.example.com'], ports, resolution: ServiceEntryResolution.DNS_ROUND_ROBIN });
    se.addEndpoint({ address: 'a.example.com' });
    expect(() => se.addEndpoint({ address: 'b.example.com' })).toThrow(/DNS_ROUND_ROBIN with 2 endpoints/);
  });
});

describe('ServiceEntry: a MeshService routes to its host', () => {
  test('timeouts and retries for an external API, with no analysis problem', () => {
    const { mesh, chart } = edgeApp();
    const se = new ServiceEntry(chart, 'payments-api', { hosts: ['api.payments.example.com'], ports: [{ number: 80, protocol: Protocol.HTTP }] });
    const payments = new MeshService(chart, 'payments', { source: MeshServiceSource.fromHost(se.host) });
    payments.addRoute({ timeout: Duration.seconds(3), retries: RetryPolicy.of({ attempts: 2, perTryTimeout: Duration.seconds(1) }) });
    const manifests = synthValid(chart);
    const vs = only(manifests, 'VirtualService');
    expect(vs.spec.hosts).toEqual(['api.payments.example.com']);
    expect(vs.spec.http[0].route).toEqual([{ destination: { host: 'api.payments.example.com' } }]);
    expect(problems(mesh)).toEqual([]);
  });

  test('a workload of the app can use a ServiceEntry-backed service next to its own ones', () => {
    const { chart } = edgeApp();
    new kplus.Deployment(chart, 'checkout', { containers: [{ image: 'checkout', portNumber: 8080 }] });
    new ServiceEntry(chart, 'api', { hosts: ['api.example.com'], ports: [{ number: 443, protocol: Protocol.TLS }] });
    expect(() => synthValid(chart)).not.toThrow();
  });
});
