import { Severity } from '../../../../src/analysis/diagnostic';
import { deployment, selecting, service } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const workloadServicesTargetPortConflict = ruleById('workload-services-target-port-conflict');

const api = deployment('api', 'shop', { containers: [{ name: 'app', image: 'api:1', ports: [{ name: 'http', containerPort: 8080 }] }] });

describe('workload-services-target-port-conflict (IST0137)', () => {
  test('warns when Services send one target port to different service ports', () => {
    const a = service('api', 'shop', selecting({ app: 'api' }, [{ name: 'http', port: 80, targetPort: 8080 }]));
    const b = service('api-alt', 'shop', selecting({ app: 'api' }, [{ name: 'http', port: 8000, targetPort: 'http' }]));
    const found = one(workloadServicesTargetPortConflict, [api, a, b], { path: 'metadata.name', severity: Severity.WARNING });
    expect(found.message).toContain('target port 8080 ("http")');
    expect(found.message).toContain('80 (shop/api) and 8000 (shop/api-alt)');
  });

  test('accepts Services that expose a target port under the same port number', () => {
    const a = service('api', 'shop', selecting({ app: 'api' }, [{ name: 'http', port: 80, targetPort: 8080 }]));
    const b = service('api-canary', 'shop', selecting({ app: 'api' }, [{ name: 'http', port: 80, targetPort: 'http' }]));
    none(workloadServicesTargetPortConflict, [api, a, b]);
  });
});
