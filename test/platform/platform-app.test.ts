import { App, Chart, Testing } from 'cdk8s';
import {
  AuthorizationPolicy, AuthorizationRule, CustomTag, DataplaneMode, Mesh, MeshService, NamespaceEnrollment, RuleOperation,
  Severity, Telemetry, Waypoint, WorkloadEnrollment, WorkloadSelector,
} from '../../src';
import { deployment, only, synthValid } from '../fixtures/app';

function errors(app: App): string[] {
  return Mesh.of(app).analyze().filter((d) => d.severity === Severity.ERROR).map((d) => `${d.ruleId}: ${d.message}`);
}

describe('telemetry and enrollment in a whole app', () => {
  test('a sidecar namespace with mesh-wide and workload telemetry synthesizes, validates and has no analysis error', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh');
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new NamespaceEnrollment(chart, 'mesh-ns', { mode: DataplaneMode.sidecar() });
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    reviews.addVersion('v1', deployment(chart, 'reviews-v1'));
    new WorkloadEnrollment(chart, 'batch-out', { workload: deployment(chart, 'batch'), mode: DataplaneMode.none() });
    new Telemetry(chart, 'mesh-default', { meshWide: true, tracing: [{ randomSamplingPercentage: 1, customTags: { env: CustomTag.literal('prod') } }] });
    new Telemetry(chart, 'reviews-logs', { selector: WorkloadSelector.fromMeshService(reviews), accessLogging: [{ providers: ['envoy'], filter: 'response.code >= 400' }] });

    const manifests = synthValid(chart);
    expect(only(manifests, 'Namespace').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    expect(manifests.filter((m) => m.kind === 'Telemetry').map((m) => `${m.metadata.namespace}/${m.metadata.name}`))
      .toEqual(['istio-system/mesh-default', 'shop/reviews-logs']);
    expect(errors(app)).toEqual([]);
  });

  test('an ambient namespace with a waypoint and policies at the waypoint synthesizes, validates and has no analysis error', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh');
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const waypoint = new Waypoint(chart, 'waypoint');
    new NamespaceEnrollment(chart, 'mesh-ns', { mode: DataplaneMode.ambient(), waypoint });
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    reviews.addVersion('v1', deployment(chart, 'reviews-v1'));
    new Telemetry(chart, 'waypoint-logs', { waypoint, accessLogging: [{ providers: ['envoy'] }] });
    new AuthorizationPolicy(chart, 'get-only', {
      targetRefs: [waypoint.targetReference],
      rules: [new AuthorizationRule({ to: [RuleOperation.onMethods('GET')] })],
    });

    const manifests = synthValid(chart);
    expect(only(manifests, 'Namespace').metadata.labels).toEqual({ 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' });
    expect(only(manifests, 'Gateway').spec.gatewayClassName).toBe('istio-waypoint');
    expect(errors(app)).toEqual([]);
  });
});
