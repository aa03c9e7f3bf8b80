import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Mesh, MeshService, MtlsMode, PeerAuthentication, WorkloadSelector } from '../../src';
import { shopChart, deployment, only, synthValid } from '../fixtures/app';

function peerAuth(chart: Chart): any {
  return only(synthValid(chart), 'PeerAuthentication');
}

describe('PeerAuthentication: scope', () => {
  test('without selector it applies to the chart\'s namespace', () => {
    const chart = shopChart();
    new PeerAuthentication(chart, 'strict', { mode: MtlsMode.STRICT });
    const pa = peerAuth(chart);
    expect(pa.apiVersion).toBe('security.istio.io/v1');
    expect(pa.metadata).toEqual({ name: 'strict', namespace: 'shop' });
    expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
  });

  test('an explicit namespace is used', () => {
    const chart = shopChart();
    new PeerAuthentication(chart, 'strict', { namespace: 'payments', mode: MtlsMode.STRICT });
    expect(peerAuth(chart).metadata.namespace).toBe('payments');
  });

  test('meshWide goes to the configured root namespace', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { rootNamespace: 'istio-config' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new PeerAuthentication(chart, 'mesh-mtls', { meshWide: true, mode: MtlsMode.STRICT });
    expect(peerAuth(chart).metadata.namespace).toBe('istio-config');
  });

  test('meshWide with a selector is refused', () => {
    expect(() => new PeerAuthentication(shopChart(), 'p', { meshWide: true, selector: WorkloadSelector.fromLabels({ app: 'a' }) }))
      .toThrow(/shop\/p: a mesh-wide policy applies to every workload and has no selector/);
  });

  test('meshWide with another namespace is refused', () => {
    expect(() => new PeerAuthentication(shopChart(), 'p', { meshWide: true, namespace: 'shop' })).toThrow(/meshWide puts the policy in the mesh's root namespace 'istio-system', but namespace is 'shop'/);
  });

  test('a workload selector selects its pods, in its namespace', () => {
    const chart = shopChart();
    const d = deployment(chart, 'api');
    new PeerAuthentication(chart, 'api-mtls', { selector: WorkloadSelector.fromWorkload(d), mode: MtlsMode.PERMISSIVE });
    const pa = peerAuth(chart);
    expect(pa.spec).toEqual({ selector: { matchLabels: d.matchLabels }, mtls: { mode: 'PERMISSIVE' } });
  });

  test('a mesh service selector selects its app label', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'reviews', { port: 9080 });
    new PeerAuthentication(chart, 'reviews-mtls', { selector: WorkloadSelector.fromMeshService(svc), mode: MtlsMode.DISABLE });
    expect(peerAuth(chart).spec).toEqual({ selector: { matchLabels: { app: 'reviews' } }, mtls: { mode: 'DISABLE' } });
  });
});

describe('PeerAuthentication: modes', () => {
  test.each([MtlsMode.STRICT, MtlsMode.PERMISSIVE, MtlsMode.DISABLE, MtlsMode.UNSET])('writes mode %s', (mode) => {
    const chart = shopChart();
    new PeerAuthentication(chart, 'p', { mode });
    expect(peerAuth(chart).spec.mtls).toEqual({ mode });
  });

  test('without a mode the mtls field is left out (inherited)', () => {
    const chart = shopChart();
    new PeerAuthentication(chart, 'p');
    expect(peerAuth(chart).spec).toEqual({});
  });

  test('an unknown mode is refused with the valid ones', () => {
    expect(() => new PeerAuthentication(shopChart(), 'p', { mode: 'strict' as any })).toThrow(/mode is "strict"; use MtlsMode.STRICT, PERMISSIVE, DISABLE or UNSET/);
  });
});

describe('PeerAuthentication: port-level modes', () => {
  test('are keyed by container port', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'api', { containers: [{ image: 'api:1', portNumber: 8080, ports: [{ number: 9100 }] }] });
    new PeerAuthentication(chart, 'p', {
      selector: WorkloadSelector.fromWorkload(d),
      mode: MtlsMode.STRICT,
      portLevelMtls: [{ port: 9100, mode: MtlsMode.PERMISSIVE }],
    });
    expect(peerAuth(chart).spec.portLevelMtls).toEqual({ 9100: { mode: 'PERMISSIVE' } });
  });

  test('addPortMtls after construction is reflected in the manifest', () => {
    const chart = shopChart();
    const d = new kplus.Deployment(chart, 'api', { containers: [{ image: 'api:1', portNumber: 8080, ports: [{ number: 9100 }] }] });
    const pa = new PeerAuthentication(chart, 'p', { selector: WorkloadSelector.fromWorkload(d), mode: MtlsMode.STRICT });
    pa.addPortMtls(9100, MtlsMode.DISABLE);
    pa.addPortMtls(8080, MtlsMode.STRICT);
    expect(peerAuth(chart).spec.portLevelMtls).toEqual({ 8080: { mode: 'STRICT' }, 9100: { mode: 'DISABLE' } });
    expect(pa.portLevelMtls).toEqual([{ port: 9100, mode: MtlsMode.DISABLE }, { port: 8080, mode: MtlsMode.STRICT }]);
  });

  test('a port the workload does not declare is refused, listing its container ports', () => {
    const chart = shopChart();
    const d = deployment(chart, 'api', { port: 8080 });
    expect(() => new PeerAuthentication(chart, 'p', { selector: WorkloadSelector.fromWorkload(d), portLevelMtls: [{ port: 80, mode: MtlsMode.DISABLE }] }))
      .toThrow(/shop\/p: portLevelMtls\[0\]: port 80 is not a container port of Deployment shop\/api \(its container ports: 8080\).*not the Service port/);
  });

  test('a port of a selector by labels is not checked against containers', () => {
    const chart = shopChart();
    new PeerAuthentication(chart, 'p', { selector: WorkloadSelector.fromLabels({ app: 'legacy' }), portLevelMtls: [{ port: 9000, mode: MtlsMode.DISABLE }] });
    expect(peerAuth(chart).spec.portLevelMtls).toEqual({ 9000: { mode: 'DISABLE' } });
  });

  test('port-level modes without a selector are refused', () => {
    expect(() => new PeerAuthentication(shopChart(), 'p', { mode: MtlsMode.STRICT, portLevelMtls: [{ port: 8080, mode: MtlsMode.DISABLE }] }))
      .toThrow(/portLevelMtls\[0\]: port-level modes need a selector/);
  });

  test('a port outside 1-65535 is refused', () => {
    const pa = new PeerAuthentication(shopChart(), 'p', { selector: WorkloadSelector.fromLabels({ app: 'a' }) });
    expect(() => pa.addPortMtls(0, MtlsMode.DISABLE)).toThrow(/addPortMtls\(0\)\.port is 0; a port is a whole number from 1 to 65535/);
  });

  test('the same port twice is refused', () => {
    const pa = new PeerAuthentication(shopChart(), 'p', { selector: WorkloadSelector.fromLabels({ app: 'a' }) });
    pa.addPortMtls(9000, MtlsMode.DISABLE);
    expect(() => pa.addPortMtls(9000, MtlsMode.STRICT)).toThrow(/port 9000 already has mode DISABLE/);
  });
});
