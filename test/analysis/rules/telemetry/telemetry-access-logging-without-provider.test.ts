import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { telemetry } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const telemetryAccessLoggingWithoutProvider = ruleById('telemetry-access-logging-without-provider');

describe('telemetry-access-logging-without-provider (IST0157)', () => {
  test('warns on an access logging entry without providers', () => {
    one(telemetryAccessLoggingWithoutProvider, [telemetry('logs', 'shop', { accessLogging: [{ filter: { expression: 'response.code >= 400' } }] })], { path: 'spec.accessLogging[0]', severity: Severity.WARNING });
  });

  test('accepts named providers and disabled entries', () => {
    const t = telemetry('logs', 'shop', { accessLogging: [{ providers: [{ name: 'envoy' }] }, { disabled: true }] });
    expectValidIstioObjects([t]);
    none(telemetryAccessLoggingWithoutProvider, [t]);
  });
});
