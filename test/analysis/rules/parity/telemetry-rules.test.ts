import { run, telemetry, workload } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { telemetryAccessLoggingWithoutProvider } from '../../../../src/analysis/rules/telemetry/telemetry-access-logging-without-provider';
import { telemetryConflictingSelectors } from '../../../../src/analysis/rules/telemetry/telemetry-conflicting-selectors';
import { telemetryInvalidSettings } from '../../../../src/analysis/rules/telemetry/telemetry-invalid-settings';
import { telemetryInvalidTarget } from '../../../../src/analysis/rules/telemetry/telemetry-invalid-target';
import { telemetryMultipleWithoutSelector } from '../../../../src/analysis/rules/telemetry/telemetry-multiple-without-selector';
import { telemetrySelectorNoWorkloads } from '../../../../src/analysis/rules/telemetry/telemetry-selector-no-workloads';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';

const api = workload('api', 'shop', { app: 'api', tier: 'back' });
const web = workload('web', 'shop', { app: 'web', tier: 'front' });
const tracing = { tracing: [{ randomSamplingPercentage: 10 }] };

describe('telemetry-selector-no-workloads (IST0101)', () => {
  test('reports a selector that matches no workload of its namespace', () => {
    const t = telemetry('api', 'shop', { selector: { matchLabels: { app: 'apii' } }, ...tracing });
    const ds = run(telemetrySelectorNoWorkloads, [api, t]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'telemetry-selector-no-workloads', severity: Severity.ERROR, istioCode: 'IST0101', path: 'spec.selector.matchLabels' });
    expect(ds[0].message).toContain('Selector app=apii matches no workload of namespace shop');
  });

  test('accepts a matching selector, and does not judge namespaces without workloads in the app', () => {
    const ok = telemetry('api', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing });
    const elsewhere = telemetry('gw', 'istio-system', { selector: { matchLabels: { istio: 'ingressgateway' } }, ...tracing });
    expectValidIstioObjects([ok, elsewhere]);
    expect(run(telemetrySelectorNoWorkloads, [api, ok, elsewhere])).toEqual([]);
  });
});

describe('telemetry-conflicting-selectors (IST0159)', () => {
  test('reports every Telemetry that selects a workload another one selects', () => {
    const a = telemetry('a', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing });
    const b = telemetry('b', 'shop', { selector: { matchLabels: { tier: 'back' } }, ...tracing });
    const ds = run(telemetryConflictingSelectors, [api, web, a, b]);
    expect(ds.map((d) => d.resource.name)).toEqual(['a', 'b']);
    expect(ds[0]).toMatchObject({ ruleId: 'telemetry-conflicting-selectors', severity: Severity.ERROR, istioCode: 'IST0159' });
    expect(ds[0].message).toContain('This Telemetry and shop/b select the same workload (Deployment shop/api)');
  });

  test('accepts selectors that pick different workloads', () => {
    const a = telemetry('a', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing });
    const b = telemetry('b', 'shop', { selector: { matchLabels: { app: 'web' } }, ...tracing });
    expect(run(telemetryConflictingSelectors, [api, web, a, b])).toEqual([]);
  });
});

describe('telemetry-multiple-without-selector (IST0160)', () => {
  test('reports two namespace-wide Telemetries of one namespace', () => {
    const ds = run(telemetryMultipleWithoutSelector, [telemetry('a', 'shop', tracing), telemetry('b', 'shop', tracing)]);
    expect(ds).toHaveLength(2);
    expect(ds[0]).toMatchObject({ ruleId: 'telemetry-multiple-without-selector', severity: Severity.ERROR, istioCode: 'IST0160' });
    expect(ds[0].message).toContain('Telemetries a, b in namespace shop');
  });

  test('accepts one namespace-wide Telemetry per namespace next to selecting or targeting ones', () => {
    const ts = [
      telemetry('a', 'shop', tracing),
      telemetry('b', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing }),
      telemetry('c', 'shop', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'web' }], ...tracing }),
      telemetry('d', 'billing', tracing),
    ];
    expectValidIstioObjects(ts);
    expect(run(telemetryMultipleWithoutSelector, ts)).toEqual([]);
  });
});

describe('telemetry-access-logging-without-provider (IST0157)', () => {
  test('warns on an access logging entry without providers', () => {
    const ds = run(telemetryAccessLoggingWithoutProvider, [telemetry('logs', 'shop', { accessLogging: [{ filter: { expression: 'response.code >= 400' } }] })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'telemetry-access-logging-without-provider', severity: Severity.WARNING, istioCode: 'IST0157', path: 'spec.accessLogging[0]' });
  });

  test('accepts named providers and disabled entries', () => {
    const t = telemetry('logs', 'shop', { accessLogging: [{ providers: [{ name: 'envoy' }] }, { disabled: true }] });
    expectValidIstioObjects([t]);
    expect(run(telemetryAccessLoggingWithoutProvider, [t])).toEqual([]);
  });
});

describe('telemetry-invalid-target (IST0106)', () => {
  test('rejects selector together with targetRefs', () => {
    const t = telemetry('t', 'shop', { selector: { matchLabels: { app: 'api' } }, targetRefs: [{ kind: 'Service', group: '', name: 'api' }], ...tracing });
    const ds = run(telemetryInvalidTarget, [t]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'telemetry-invalid-target', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.targetRefs' });
  });

  test('rejects wildcard labels, cross-namespace targets and kinds Istio cannot target; warns on a selector without labels', () => {
    const ds = run(telemetryInvalidTarget, [
      telemetry('a', 'shop', { selector: { matchLabels: { app: 'api-*' } }, ...tracing }),
      telemetry('b', 'shop', { targetRefs: [{ kind: 'Deployment', group: 'apps', name: 'api', namespace: 'other' }], ...tracing }),
      telemetry('c', 'shop', { selector: {}, ...tracing }),
    ]);
    expect(ds.map((d) => `${d.resource.name} ${d.path} ${d.severity}`)).toEqual([
      'a spec.selector.matchLabels.app error',
      'b spec.targetRefs[0].namespace error',
      'b spec.targetRefs[0].kind error',
      'c spec.selector warning',
    ]);
  });

  test('accepts a selector, or targetRefs to a Service, ServiceEntry or Gateway', () => {
    const ts = [
      telemetry('a', 'shop', { selector: { matchLabels: { app: 'api' } }, ...tracing }),
      telemetry('b', 'shop', { targetRefs: [{ kind: 'Service', group: '', name: 'api' }, { kind: 'ServiceEntry', group: 'networking.istio.io', name: 'ext' }], ...tracing }),
    ];
    expect(run(telemetryInvalidTarget, ts)).toEqual([]);
  });
});

describe('telemetry-invalid-settings (IST0106)', () => {
  test('rejects a filter that is not CEL, tag overrides that do not fit their operation, and an empty tag name', () => {
    const t = telemetry('t', 'shop', {
      accessLogging: [{ providers: [{ name: 'envoy' }], filter: { expression: 'response.code >=' } }],
      metrics: [{ overrides: [{ tagOverrides: { request_host: { operation: 'UPSERT' }, source_app: { operation: 'REMOVE', value: 'x' } } }] }],
      tracing: [{ customTags: { '': { literal: { value: 'x' } } } }],
    });
    const ds = run(telemetryInvalidSettings, [t]);
    expect(ds.map((d) => d.path)).toEqual([
      'spec.tracing[0].customTags[""]',
      'spec.metrics[0].overrides[0].tagOverrides.request_host',
      'spec.metrics[0].overrides[0].tagOverrides.source_app.value',
      'spec.accessLogging[0].filter.expression',
    ]);
    expect(ds.every((d) => d.severity === Severity.ERROR && d.istioCode === 'IST0106')).toBe(true);
    expect(ds[3].message).toContain('is not a CEL expression');
  });

  test('warns, like Istio, on several tracing entries or providers', () => {
    const t = telemetry('t', 'shop', { tracing: [{ providers: [{ name: 'a' }, { name: 'b' }] }, { randomSamplingPercentage: 1 }] });
    const ds = run(telemetryInvalidSettings, [t]);
    expect(ds.map((d) => `${d.path} ${d.severity}`)).toEqual(['spec.tracing[1] warning', 'spec.tracing[0].providers warning']);
  });

  test('accepts valid settings', () => {
    const t = telemetry('t', 'shop', {
      accessLogging: [{ providers: [{ name: 'envoy' }], filter: { expression: 'response.code >= 400 && request.method != "GET"' } }],
      metrics: [{ providers: [{ name: 'prometheus' }], overrides: [{ tagOverrides: { request_host: { value: 'request.host' }, source_app: { operation: 'REMOVE' } } }] }],
      tracing: [{ providers: [{ name: 'zipkin' }], randomSamplingPercentage: 5, customTags: { env: { literal: { value: 'prod' } } } }],
    });
    expectValidIstioObjects([t]);
    expect(run(telemetryInvalidSettings, [t])).toEqual([]);
  });
});
