import { Severity } from '../../../../src/analysis/diagnostic';
import { deployment, namespaceObject, selecting, service } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const workloadServicesProtocolConflict = ruleById('workload-services-protocol-conflict');

const api = deployment('api', 'shop', { containers: [{ name: 'app', image: 'api:1', ports: [{ name: 'http', containerPort: 8080 }] }] });

describe('workload-services-protocol-conflict (IST0116)', () => {
  test('warns when two Services selecting the pods use one port with TCP and UDP', () => {
    const tcp = service('api', 'shop', selecting({ app: 'api' }, [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }]));
    const udp = service('api-udp', 'shop', selecting({ app: 'api' }, [{ name: 'dns-udp', port: 53, protocol: 'UDP' }]));
    const d = one(workloadServicesProtocolConflict, [api, tcp, udp], { path: 'metadata.name', severity: Severity.WARNING });
    expect(d).toMatchObject({ resource: { kind: 'Deployment', name: 'api' } });
    expect(d.message).toContain('port 53 with different protocols: TCP (shop/api) and UDP (shop/api-udp)');
  });

  test('counts a port without protocol as TCP, and accepts one protocol per port', () => {
    const a = service('api', 'shop', selecting({ app: 'api' }, [{ name: 'http', port: 80 }]));
    const b = service('api-2', 'shop', selecting({ app: 'api' }, [{ name: 'http', port: 80, protocol: 'TCP' }]));
    none(workloadServicesProtocolConflict, [api, a, b]);
  });

  test('skips workloads kept out of the mesh', () => {
    const out = deployment('api', 'shop', { labels: { 'app': 'api', 'sidecar.istio.io/inject': 'false' } });
    const tcp = service('api', 'shop', selecting({ app: 'api' }, [{ port: 53, protocol: 'TCP' }]));
    const udp = service('api-udp', 'shop', selecting({ app: 'api' }, [{ port: 53, protocol: 'UDP' }]));
    none(workloadServicesProtocolConflict, [out, tcp, udp]);
    const disabledNs = namespaceObject('shop', { 'istio-injection': 'disabled' });
    none(workloadServicesProtocolConflict, [disabledNs, api, tcp, udp]);
  });
});
