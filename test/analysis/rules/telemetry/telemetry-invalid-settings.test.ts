import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { telemetry } from '../../../fixtures/manifests';
import { many, none, ruleById, run } from '../../../fixtures/rules';

const telemetryInvalidSettings = ruleById('telemetry-invalid-settings');

describe('telemetry-invalid-settings (IST0106)', () => {
  test('rejects a filter that is not CEL, tag overrides that do not fit their operation, and an empty tag name', () => {
    const t = telemetry('t', 'shop', {
      accessLogging: [{ providers: [{ name: 'envoy' }], filter: { expression: 'response.code >=' } }],
      metrics: [{ overrides: [{ tagOverrides: { request_host: { operation: 'UPSERT' }, source_app: { operation: 'REMOVE', value: 'x' } } }] }],
      tracing: [{ customTags: { '': { literal: { value: 'x' } } } }],
    });
    const ds = many(telemetryInvalidSettings, [t], [
      'spec.tracing[0].customTags[""]',
      'spec.metrics[0].overrides[0].tagOverrides.request_host',
      'spec.metrics[0].overrides[0].tagOverrides.source_app.value',
      'spec.accessLogging[0].filter.expression',
    ]);
    expect(ds.every((d) => d.severity === Severity.ERROR && d.istioCode === 'IST0106')).toBe(true);
    expect(ds[3].message).toContain('is not a CEL expression');
  });

  test('warns, like Istio, on several tracing entries or providers, under istioctl\'s code for webhook warnings (IST0133)', () => {
    const t = telemetry('t', 'shop', { tracing: [{ providers: [{ name: 'a' }, { name: 'b' }] }, { randomSamplingPercentage: 1 }] });
    const ds = run(telemetryInvalidSettings, [t]);
    expect(ds.map((d) => `${d.path} ${d.severity} ${d.istioCode}`)).toEqual(['spec.tracing[1] warning IST0133', 'spec.tracing[0].providers warning IST0133']);
  });

  // The operation enum also decodes from its number; Istio checks no value rule for an unknown one.
  test('reads operation numbers as the enum does: 0 is UPSERT, 1 REMOVE, others are not checked', () => {
    const t = telemetry('t', 'shop', { metrics: [{ overrides: [{ tagOverrides: { a: { operation: 0 }, b: { operation: 1, value: 'x' }, c: { operation: 5 } } }] }] });
    many(telemetryInvalidSettings, [t], ['spec.metrics[0].overrides[0].tagOverrides.a', 'spec.metrics[0].overrides[0].tagOverrides.b.value']);
  });

  test('accepts valid settings', () => {
    const t = telemetry('t', 'shop', {
      accessLogging: [{ providers: [{ name: 'envoy' }], filter: { expression: 'response.code >= 400 && request.method != "GET"' } }],
      metrics: [{ providers: [{ name: 'prometheus' }], overrides: [{ tagOverrides: { request_host: { value: 'request.host' }, source_app: { operation: 'REMOVE' } } }] }],
      tracing: [{ providers: [{ name: 'zipkin' }], randomSamplingPercentage: 5, customTags: { env: { literal: { value: 'prod' } } } }],
    });
    expectValidIstioObjects([t]);
    none(telemetryInvalidSettings, [t]);
  });
});
