import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Mesh, MeshService, MeshServiceSource, Protocol } from '../../src';
import { ofKind, only, shopChart, synth } from '../fixtures/app';

function deployment(chart: Chart, id: string, port = 9080): kplus.Deployment {
  return new kplus.Deployment(chart, id, { containers: [{ image: `${id}:1`, portNumber: port }] });
}

function podLabels(manifest: any): Record<string, string> {
  return manifest.spec.template.metadata.labels;
}

describe('MeshService: the Kubernetes Service', () => {
  test('creates a Service named after the construct that selects the app label', () => {
    const chart = shopChart();
    new MeshService(chart, 'reviews', { port: 9080 });
    const svc = only(synth(chart), 'Service');
    expect(svc.metadata).toMatchObject({ name: 'reviews', namespace: 'shop' });
    expect(svc.spec.selector).toEqual({ app: 'reviews' });
  });

  test('names the port after its protocol so that Istio does not sniff it', () => {
    const chart = shopChart();
    new MeshService(chart, 'api', { ports: [{ port: 8080 }, { port: 9090, protocol: Protocol.GRPC }] });
    const ports = only(synth(chart), 'Service').spec.ports;
    expect(ports).toEqual([
      { name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' },
      { name: 'grpc', port: 9090, targetPort: 9090, protocol: 'TCP', appProtocol: 'grpc' },
    ]);
  });

  test('adds the port number to the name when two ports share a protocol', () => {
    const chart = shopChart();
    new MeshService(chart, 'api', { ports: [{ port: 8080 }, { port: 8081 }] });
    expect(only(synth(chart), 'Service').spec.ports.map((p: any) => p.name)).toEqual(['http-8080', 'http-8081']);
  });

  test('takes the port from the first version\'s container when none is given', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'reviews');
    svc.addVersion('v1', deployment(chart, 'reviews-v1', 9080));
    expect(only(synth(chart), 'Service').spec.ports[0]).toMatchObject({ port: 9080, targetPort: 9080 });
  });

  test('does not declare HTTP for a container port of unknown protocol: it is named port-<n>, without appProtocol', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'reviews');
    svc.addVersion('v1', deployment(chart, 'reviews-v1', 9080));
    expect(only(synth(chart), 'Service').spec.ports).toEqual([{ name: 'port-9080', port: 9080, targetPort: 9080, protocol: 'TCP' }]);
  });

  test('fromWorkload on PostgreSQL (5432) declares TCP, not HTTP', () => {
    const chart = shopChart();
    const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image: 'postgres:16', portNumber: 5432 }] });
    new MeshService(chart, 'db-svc', { name: 'postgres', source: MeshServiceSource.fromWorkload(db) });
    expect(only(synth(chart), 'Service', 'postgres').spec.ports).toEqual([{ name: 'tcp', port: 5432, targetPort: 5432, protocol: 'TCP', appProtocol: 'tcp' }]);
  });

  test.each([
    [3306, 'mysql'], [6379, 'redis'], [27017, 'mongo'], [9092, 'tcp'], [2181, 'tcp'], [443, 'tls'],
  ])('a container on well-known port %d gets appProtocol %s', (port, protocol) => {
    const chart = shopChart();
    new MeshService(chart, 'store', { source: MeshServiceSource.fromWorkload(deployment(chart, 'store-v1', port)) });
    expect(only(synth(chart), 'Service').spec.ports[0]).toMatchObject({ name: protocol, appProtocol: protocol });
  });

  test('the protocol comes from the container port name when it follows Istio\'s <protocol>[-suffix] convention', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'api-v1', { containers: [{ image: 'api:1', ports: [{ number: 5432, name: 'grpc-api' }, { number: 8080, name: 'metrics' }] }] });
    new MeshService(chart, 'api', { source: MeshServiceSource.fromWorkload(d) });
    expect(only(synth(chart), 'Service').spec.ports).toEqual([
      { name: 'grpc-api', port: 5432, targetPort: 5432, protocol: 'TCP', appProtocol: 'grpc' },
      { name: 'metrics', port: 8080, targetPort: 8080, protocol: 'TCP' },
    ]);
  });

  test('a UDP container port becomes a UDP Service port without appProtocol', () => {
    const chart = shopChart();
    const obj = new ApiObject(chart, 'dns', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dns' },
      spec: { selector: { matchLabels: { x: 'y' } }, template: { metadata: { labels: { x: 'y' } }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 53, protocol: 'UDP' }] }] } } },
    });
    new MeshService(chart, 'dns-svc', { source: MeshServiceSource.fromWorkloadObject(obj) });
    expect(only(synth(chart), 'Service').spec.ports).toEqual([{ name: 'udp', port: 53, targetPort: 53, protocol: 'UDP' }]);
  });

  test('an explicit port on a well-known non-HTTP port is not declared HTTP', () => {
    const chart = shopChart();
    new MeshService(chart, 'db', { port: 5432 });
    expect(only(synth(chart), 'Service').spec.ports[0]).toMatchObject({ name: 'tcp', appProtocol: 'tcp' });
  });

  test('an explicit protocol is kept, even on a well-known port', () => {
    const chart = shopChart();
    new MeshService(chart, 'web', { ports: [{ port: 443, protocol: Protocol.HTTP }] });
    expect(only(synth(chart), 'Service').spec.ports[0]).toMatchObject({ name: 'http', appProtocol: 'http' });
  });

  test('the analysis reports a port of unknown protocol (service-port-protocol-undeclared)', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'reviews');
    svc.addVersion('v1', deployment(chart, 'reviews-v1', 9080));
    const findings = Mesh.of(chart).analyze().filter((d) => d.ruleId === 'service-port-protocol-undeclared');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/port-9080/);
  });

  test('fails the synth with the construct path when no port can be found', () => {
    const chart = shopChart();
    new MeshService(chart, 'reviews');
    expect(() => synth(chart)).toThrow(/shop\/reviews: the Service has no port; set port/);
  });

  test('rejects a port outside 1-65535, naming the prop', () => {
    expect(() => new MeshService(shopChart(), 'api', { port: 70000 })).toThrow(/ports\[0\]\.port is 70000; a port is a whole number from 1 to 65535/);
  });

  test('rejects a name Kubernetes would refuse, suggesting one it accepts', () => {
    expect(() => new MeshService(shopChart(), 'api', { name: 'Api_Server', port: 80 })).toThrow(/name 'Api_Server' is not a valid Kubernetes name.*name: 'api-server'/);
  });

  test('an empty namespace is refused, naming the prop', () => {
    expect(() => new MeshService(shopChart(), 'api', { port: 80, namespace: '' }))
      .toThrow(/shop\/api: namespace is empty, which kubectl reads as its current namespace/);
  });

  test('an upper-case namespace is refused with the DNS-1123 rule, also without versions', () => {
    expect(() => new MeshService(shopChart(), 'api', { port: 80, namespace: 'Shop' }))
      .toThrow(/shop\/api: namespace is 'Shop', not a valid namespace name \(a DNS-1123 label.*'shop'/);
  });

  test('a Service name starting with a digit is refused', () => {
    expect(() => new MeshService(shopChart(), 'api', { name: '1api', port: 80 })).toThrow(/name '1api' is not a valid Service name/);
  });

  test('lower-cases a construct id to derive the name', () => {
    const svc = new MeshService(shopChart(), 'Reviews', { port: 80 });
    expect(svc.name).toBe('reviews');
  });

  test('uses the chart namespace for the fully qualified host', () => {
    expect(new MeshService(shopChart(), 'reviews', { port: 80 }).host).toBe('reviews.shop.svc.cluster.local');
  });

  test('uses an explicit namespace over the chart namespace', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'reviews', { port: 80, namespace: 'books' });
    expect(svc.host).toBe('reviews.books.svc.cluster.local');
    expect(only(synth(chart), 'Service').metadata.namespace).toBe('books');
  });

  test('assumes the default namespace when the chart has none', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(new MeshService(chart, 'reviews', { port: 80 }).host).toBe('reviews.default.svc.cluster.local');
  });
});

describe('MeshService: versions', () => {
  test('labels each version\'s pod template with app and version', () => {
    const chart = shopChart();
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    reviews.addVersion('v1', deployment(chart, 'reviews-v1'));
    reviews.addVersion('v2', deployment(chart, 'reviews-v2'));
    const deployments = ofKind(synth(chart), 'Deployment');
    expect(podLabels(deployments[0])).toMatchObject({ app: 'reviews', version: 'v1' });
    expect(podLabels(deployments[1])).toMatchObject({ app: 'reviews', version: 'v2' });
  });

  test('writes one DestinationRule subset per version, in the order added', () => {
    const chart = shopChart();
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    reviews.addVersion('v1', deployment(chart, 'reviews-v1'));
    reviews.addVersion('v2', deployment(chart, 'reviews-v2'));
    const dr = only(synth(chart), 'DestinationRule');
    expect(dr.metadata).toEqual({ name: 'reviews', namespace: 'shop' });
    expect(dr.spec).toEqual({
      host: 'reviews.shop.svc.cluster.local',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    });
  });

  test('emits no DestinationRule before a version exists', () => {
    const chart = shopChart();
    new MeshService(chart, 'reviews', { port: 9080 });
    expect(ofKind(synth(chart), 'DestinationRule')).toHaveLength(0);
  });

  test('patches the pod template of a plain ApiObject workload', () => {
    const chart = shopChart();
    const plain = new ApiObject(chart, 'plain', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ratings-v1' },
      spec: { selector: { matchLabels: { app: 'ratings' } }, template: { metadata: { labels: { app: 'ratings' } }, spec: { containers: [{ name: 'c', image: 'ratings:1', ports: [{ containerPort: 9080 }] }] } } },
    });
    const ratings = new MeshService(chart, 'ratings');
    ratings.addVersionFromObject('v1', plain);
    const out = synth(chart);
    expect(podLabels(ofKind(out, 'Deployment')[0])).toEqual({ app: 'ratings', version: 'v1' });
    expect(only(out, 'Service').spec.ports[0].port).toBe(9080);
  });

  test('creates the labels map of a plain workload that has none', () => {
    const chart = shopChart();
    const plain = new ApiObject(chart, 'plain', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'db' }] } } },
    });
    new MeshService(chart, 'db', { port: 5432 }).addVersionFromObject('v1', plain);
    expect(podLabels(ofKind(synth(chart), 'StatefulSet')[0])).toEqual({ app: 'db', version: 'v1' });
  });

  test('rejects a plain object that is not a workload', () => {
    const chart = shopChart();
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(() => new MeshService(chart, 'x', { port: 80 }).addVersionFromObject('v1', cm)).toThrow(/is a ConfigMap; pass a Deployment/);
  });

  test('selects pods defined elsewhere by explicit labels', () => {
    const chart = shopChart();
    new MeshService(chart, 'legacy', { port: 80 }).addVersionWithLabels('blue', { track: 'blue' });
    expect(only(synth(chart), 'DestinationRule').spec.subsets).toEqual([{ name: 'blue', labels: { track: 'blue' } }]);
  });

  test('refuses a workload whose pods already carry a different version label', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'd', { containers: [{ image: 'x', portNumber: 80 }], podMetadata: { labels: { version: 'old' } } });
    expect(() => new MeshService(chart, 'x', { port: 80 }).addVersion('v1', d)).toThrow(/already has label version=old, but this service needs version=v1/);
  });

  test('suggests appLabel when a workload already has another app label', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'd', { containers: [{ image: 'x', portNumber: 80 }], podMetadata: { labels: { app: 'legacy' } } });
    expect(() => new MeshService(chart, 'x', { port: 80 }).addVersion('v1', d)).toThrow(/set appLabel: 'legacy'/);
  });

  test('rejects a version name that is not a valid subset name', () => {
    const chart = shopChart();
    expect(() => new MeshService(chart, 'x', { port: 80 }).addVersionWithLabels('V_1', { v: '1' })).toThrow(/version name 'V_1' is not a valid subset name.*'v-1'/);
  });

  test('rejects a version name used twice', () => {
    const svc = new MeshService(shopChart(), 'x', { port: 80 });
    svc.addVersionWithLabels('v1', { version: 'v1' });
    expect(() => svc.addVersionWithLabels('v1', { version: 'v1' })).toThrow(/version 'v1' was already added/);
  });

  test('looks a version up by name, listing the known ones when missing', () => {
    const svc = new MeshService(shopChart(), 'x', { port: 80 });
    const v1 = svc.addVersionWithLabels('v1', { version: 'v1' });
    expect(svc.version('v1')).toBe(v1);
    expect(() => svc.version('v9')).toThrow(/no version 'v9'; versions are v1/);
  });
});

describe('MeshService: sources', () => {
  test('adopts a cdk8s-plus Service without creating another', () => {
    const chart = shopChart();
    const existing = new kplus.Service(chart, 'svc', { metadata: { name: 'details' }, ports: [{ port: 9080 }] });
    const details = new MeshService(chart, 'details', { source: MeshServiceSource.fromService(existing) });
    details.addVersion('v1', deployment(chart, 'details-v1'));
    const out = synth(chart);
    expect(ofKind(out, 'Service')).toHaveLength(1);
    expect(details.host).toBe('details.shop.svc.cluster.local');
    expect(podLabels(ofKind(out, 'Deployment')[0])).toMatchObject({ version: 'v1' });
    expect(podLabels(ofKind(out, 'Deployment')[0]).app).toBeUndefined();
  });

  test('adopts a plain ApiObject Service', () => {
    const chart = shopChart();
    const plain = new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ratings', namespace: 'other' }, spec: { ports: [{ port: 80 }] } });
    const ratings = new MeshService(chart, 'r', { source: MeshServiceSource.fromServiceObject(plain) });
    expect(ratings.host).toBe('ratings.other.svc.cluster.local');
  });

  test('refuses a plain object that is not a Service as a service source', () => {
    const chart = shopChart();
    const d = new ApiObject(chart, 'd', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } });
    expect(() => MeshServiceSource.fromServiceObject(d)).toThrow(/is a Deployment, not a Service/);
  });

  test('creates a Service for a workload, with its container port', () => {
    const chart = shopChart();
    const d = deployment(chart, 'ratings-deployment', 9080);
    new MeshService(chart, 'ratings', { source: MeshServiceSource.fromWorkload(d) });
    const out = synth(chart);
    expect(only(out, 'Service').spec.ports[0].port).toBe(9080);
    expect(podLabels(only(out, 'Deployment'))).toMatchObject({ app: 'ratings' });
  });

  test('routes to a host defined elsewhere without creating a Service', () => {
    const chart = shopChart();
    const ext = new MeshService(chart, 'ext', { source: MeshServiceSource.fromHost('payments.billing.svc.cluster.local') });
    ext.addVersionWithLabels('v1', { version: 'v1' });
    ext.addRoute();
    const out = synth(chart);
    expect(ofKind(out, 'Service')).toHaveLength(0);
    expect(only(out, 'DestinationRule').metadata.name).toBe('payments');
    expect(only(out, 'VirtualService').spec.hosts).toEqual(['payments.billing.svc.cluster.local']);
  });

  test('rejects ports on an adopted service', () => {
    expect(() => new MeshService(shopChart(), 'x', { port: 80, source: MeshServiceSource.fromHost('a.b.c') })).toThrow(/port\/ports only apply to a Service this construct creates/);
  });

  test('rejects a host with spaces', () => {
    expect(() => MeshServiceSource.fromHost('not a host')).toThrow(/'not a host' is not a host name/);
  });
});

describe('MeshService: distinct Service ports', () => {
  test('two ports of one number are refused, naming both props', () => {
    expect(() => new MeshService(shopChart(), 'api', { ports: [{ port: 8080 }, { port: 8080, protocol: Protocol.GRPC }] }))
      .toThrow(/shop\/api: ports\[1\]\.port is 8080, as is ports\[0\]\.port; Kubernetes refuses a Service with two ports of one port/);
  });

  test('two ports of one name are refused, naming both props', () => {
    expect(() => new MeshService(shopChart(), 'api', { ports: [{ port: 8080, name: 'http-web' }, { port: 8081, name: 'http-web' }] }))
      .toThrow(/ports\[1\]\.name is "http-web", as is ports\[0\]\.name.*e\.g\. 'http-web-2'/);
  });

  test('a given name that equals a generated one is refused at synth', () => {
    const chart = shopChart();
    new MeshService(chart, 'api', { ports: [{ port: 8080, name: 'grpc' }, { port: 9090, protocol: Protocol.GRPC }] });
    expect(() => synth(chart)).toThrow(/shop\/api: ports\[1\]\.name is "grpc", as is ports\[0\]\.name/);
  });
});
