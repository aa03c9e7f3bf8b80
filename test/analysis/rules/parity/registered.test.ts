import { Severity } from '../../../../src/analysis/diagnostic';
import { ALL_RULES } from '../../../../src/analysis/rules';

/** The rules that were filed under rules/parity/ before the rules moved to one file per id. */
const PARITY_IDS: readonly string[] = [
  'annotation-unknown',
  'annotation-misplaced',
  'annotation-invalid',
  'annotation-deprecated',
  'annotation-alpha',
  'annotation-invalid-dry-run',
  'destinationrule-tls-without-ca',
  'destinationrule-port-tls-without-ca',
  'destinationrule-host-not-found',
  'destinationrule-invalid-structure',
  'destinationrule-invalid-scope',
  'envoyfilter-relative-operation-without-priority',
  'envoyfilter-relative-operation-with-proxy-version',
  'envoyfilter-replace-unsupported',
  'envoyfilter-add-ignored',
  'envoyfilter-remove-ignored',
  'gateway-port-not-on-service',
  'virtualservice-deprecated-fault-percent',
  'sidecar-ignored-egress-proxy',
  'policy-ineffective-gateway-selector',
  'telemetry-selector-no-workloads',
  'telemetry-conflicting-selectors',
  'telemetry-multiple-without-selector',
  'telemetry-access-logging-without-provider',
  'telemetry-invalid-target',
  'telemetry-invalid-settings',
  'virtualservice-destination-host-not-found',
  'virtualservice-destination-port-required',
  'virtualservice-destination-port-not-found',
  'virtualservice-gateway-ignores-subset-routing',
  'virtualservice-jwt-claim-route-without-authn',
  'virtualservice-internal-gateway-reference',
  'virtualservice-invalid-host',
  'virtualservice-invalid-route-structure',
  'virtualservice-invalid-reference',
  'virtualservice-invalid-export-to',
  'webhook-overlapping-injection',
  'webhook-service-not-found',
  'workload-services-protocol-conflict',
  'workload-services-target-port-conflict',
  'workload-runs-as-proxy-uid',
];
const PARITY_RULES = ALL_RULES.filter((r) => PARITY_IDS.includes(r.id));

describe('the parity rules', () => {
  test('all run in the engine, once each', () => {
    const ids = ALL_RULES.map((r) => r.id);
    for (const rule of PARITY_RULES) expect(ids.filter((id) => id === rule.id)).toEqual([rule.id]);
  });

  test('have kebab-case ids with a kind prefix, an istioctl code and a one-sentence summary', () => {
    const prefixes = ['virtualservice', 'destinationrule', 'gateway', 'telemetry', 'annotation', 'workload', 'policy', 'sidecar', 'envoyfilter', 'webhook'];
    for (const rule of PARITY_RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(prefixes).toContain(rule.id.split('-')[0]);
      expect(rule.istioCode).toMatch(/^IST0\d{3}$/);
      expect(rule.summary).toMatch(/^[A-Z].*\.$/);
      expect(Object.values(Severity)).toContain(rule.severity);
    }
  });
});
