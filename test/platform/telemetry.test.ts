import { Chart, Duration, Testing } from 'cdk8s';
import {
  CustomTag, IstioApiVersion, IstioMetric, Mesh, MeshService, TagOverride, Telemetry, Waypoint, WorkloadMode, WorkloadSelector,
} from '../../src';
import { validateIstioObject } from '../conformance/istio-crd-validator';
import { deployment, only, shopChart, synthValid } from '../fixtures/app';

function telemetry(chart: Chart): any {
  return only(synthValid(chart), 'Telemetry');
}

describe('Telemetry: scope', () => {
  test('without selector it configures the chart\'s namespace, as telemetry.istio.io/v1', () => {
    const chart = shopChart();
    new Telemetry(chart, 'Shop-Logs', { accessLogging: [{ providers: ['envoy'] }] });
    const t = telemetry(chart);
    expect(t.apiVersion).toBe('telemetry.istio.io/v1');
    expect(t.metadata).toEqual({ name: 'shop-logs', namespace: 'shop' });
    expect(t.spec).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }] }] });
  });

  test('a mesh on IstioApiVersion.V1BETA1 gets telemetry.istio.io/v1alpha1 (Telemetry has no v1beta1)', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { apiVersion: IstioApiVersion.V1BETA1 });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new Telemetry(chart, 't', { tracing: [{ randomSamplingPercentage: 5 }] });
    expect(telemetry(chart).apiVersion).toBe('telemetry.istio.io/v1alpha1');
  });

  test('meshWide goes to the mesh\'s root namespace, without selector', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { rootNamespace: 'istio-config' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new Telemetry(chart, 'mesh-default', { meshWide: true, tracing: [{ randomSamplingPercentage: 1 }] });
    const t = telemetry(chart);
    expect(t.metadata.namespace).toBe('istio-config');
    expect(t.spec.selector).toBeUndefined();
  });

  test('meshWide with a selector is refused: a mesh-wide Telemetry has none', () => {
    expect(() => new Telemetry(shopChart(), 't', { meshWide: true, selector: WorkloadSelector.fromLabels({ app: 'a' }) }))
      .toThrow(/shop\/t: a mesh-wide policy applies to every workload and has no selector/);
  });

  test('an explicit namespace is used', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', { namespace: 'payments' });
    expect(telemetry(chart).metadata.namespace).toBe('payments');
  });

  test('a MeshService selector selects its app label', () => {
    const chart = shopChart();
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    new Telemetry(chart, 't', { selector: WorkloadSelector.fromMeshService(reviews), tracing: [{ disableSpanReporting: true }] });
    expect(telemetry(chart).spec.selector).toEqual({ matchLabels: { app: 'reviews' } });
  });

  test('a cdk8s-plus workload selector selects its pods, in its namespace', () => {
    const chart = shopChart();
    const api = deployment(chart, 'api');
    new Telemetry(chart, 't', { selector: WorkloadSelector.fromWorkload(api) });
    const t = telemetry(chart);
    expect(t.spec.selector).toEqual({ matchLabels: api.matchLabels });
    expect(t.metadata.namespace).toBe('shop');
  });

  test('a label selector is written as matchLabels', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', { selector: WorkloadSelector.fromLabels({ tier: 'edge' }) });
    expect(telemetry(chart).spec.selector).toEqual({ matchLabels: { tier: 'edge' } });
  });

  test('targetRefs attach it to a Gateway API resource', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', { targetRefs: [{ kind: 'Gateway', name: 'ingress' }] });
    expect(telemetry(chart).spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ingress' }]);
  });

  test('selector and targetRefs together are refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { selector: WorkloadSelector.fromLabels({ app: 'a' }), targetRefs: [{ kind: 'Gateway', name: 'gw' }] }))
      .toThrow(/set either selector or targetRefs, not both/);
  });

  test('waypoint attaches it to the waypoint\'s Gateway, in the waypoint\'s namespace', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint', { namespace: 'mesh-infra' });
    new Telemetry(chart, 't', { waypoint: wp, accessLogging: [{ providers: ['envoy'] }] });
    const t = telemetry(chart);
    expect(t.metadata.namespace).toBe('mesh-infra');
    expect(t.spec.targetRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }]);
  });

  test('waypoint with another namespace is refused', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint', { namespace: 'mesh-infra' });
    expect(() => new Telemetry(chart, 't', { waypoint: wp, namespace: 'shop' }))
      .toThrow(/shop\/t: namespace is 'shop' but waypoint waypoint is in 'mesh-infra'.*Remove namespace/);
  });

  test('waypoint with a selector is refused: waypoints ignore selectors', () => {
    const chart = shopChart();
    const wp = new Waypoint(chart, 'waypoint');
    expect(() => new Telemetry(chart, 't', { waypoint: wp, selector: WorkloadSelector.fromLabels({ app: 'a' }) }))
      .toThrow(/remove selector, targetRefs and meshWide/);
  });

  test('an invalid name is refused with a suggestion', () => {
    expect(() => new Telemetry(shopChart(), 't', { name: 'Bad_Name' })).toThrow(/name 'Bad_Name' is not a valid Kubernetes name.*bad-name/);
  });
});

describe('Telemetry: access logging', () => {
  test('writes providers, filter, disabled and match mode', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', {
      accessLogging: [{ providers: ['envoy', 'otel-als'], filter: 'response.code >= 400', disabled: false, mode: WorkloadMode.SERVER }],
    });
    expect(telemetry(chart).spec.accessLogging).toEqual([{
      providers: [{ name: 'envoy' }, { name: 'otel-als' }],
      match: { mode: 'SERVER' },
      disabled: false,
      filter: { expression: 'response.code >= 400' },
    }]);
  });

  test('disabled: true turns logging off', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', { accessLogging: [{ disabled: true }] });
    expect(telemetry(chart).spec.accessLogging).toEqual([{ disabled: true }]);
  });

  test('an entry without providers is written as is: it uses the mesh config\'s default providers', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', { accessLogging: [{}] });
    expect(telemetry(chart).spec.accessLogging).toEqual([{}]);
  });

  test('a blank filter is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { accessLogging: [{ filter: ' ' }] }))
      .toThrow(/shop\/t: accessLogging\[0\]\.filter is " "; write a CEL expression/);
  });

  test('an empty provider name is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { accessLogging: [{ providers: ['envoy', ''] }] }))
      .toThrow(/accessLogging\[0\]\.providers\[1\] is ""/);
  });

  test('an unknown mode is refused with the valid ones', () => {
    expect(() => new Telemetry(shopChart(), 't', { accessLogging: [{ mode: 'INBOUND' as any }] }))
      .toThrow(/accessLogging\[0\]\.mode is "INBOUND"; use WorkloadMode.CLIENT, SERVER or CLIENT_AND_SERVER/);
  });
});

describe('Telemetry: tracing', () => {
  test('writes provider, sampling, span reporting, match mode and custom tags', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', {
      tracing: [{
        provider: 'zipkin',
        randomSamplingPercentage: 12.5,
        disableSpanReporting: false,
        mode: WorkloadMode.CLIENT,
        customTags: {
          cluster: CustomTag.literal('eu-1'),
          pod: CustomTag.environment('POD_NAME', 'unknown'),
          node: CustomTag.environment('NODE_NAME'),
          tier: CustomTag.header('x-user-tier', 'free'),
          source: CustomTag.header('x-source'),
        },
      }],
    });
    expect(telemetry(chart).spec.tracing).toEqual([{
      match: { mode: 'CLIENT' },
      providers: [{ name: 'zipkin' }],
      randomSamplingPercentage: 12.5,
      disableSpanReporting: false,
      customTags: {
        cluster: { literal: { value: 'eu-1' } },
        pod: { environment: { name: 'POD_NAME', defaultValue: 'unknown' } },
        node: { environment: { name: 'NODE_NAME' } },
        tier: { header: { name: 'x-user-tier', defaultValue: 'free' } },
        source: { header: { name: 'x-source' } },
      },
    }]);
  });

  test.each([0, 0.01, 100])('a sampling percentage of %d is accepted', (p) => {
    const chart = shopChart();
    new Telemetry(chart, 't', { tracing: [{ randomSamplingPercentage: p }] });
    expect(telemetry(chart).spec.tracing[0].randomSamplingPercentage).toBe(p);
  });

  test.each([-1, 100.5, NaN, Infinity])('a sampling percentage of %d is refused', (p) => {
    expect(() => new Telemetry(shopChart(), 't', { tracing: [{ randomSamplingPercentage: p }] }))
      .toThrow(/tracing\[0\]\.randomSamplingPercentage is .*; Istio takes a percentage from 0 to 100/);
  });

  test('disableSpanReporting: true stops reporting', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', { tracing: [{ disableSpanReporting: true }] });
    expect(telemetry(chart).spec.tracing).toEqual([{ disableSpanReporting: true }]);
  });

  test('a blank provider is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { tracing: [{ provider: '' }] })).toThrow(/tracing\[0\]\.provider is ""/);
  });

  test('a custom tag that is not a CustomTag is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { tracing: [{ customTags: { x: { literal: { value: 'a' } } as any } }] }))
      .toThrow(/tracing\[0\]\.customTags\.x must be a CustomTag/);
  });

  test('an empty custom tag name is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { tracing: [{ customTags: { '': CustomTag.literal('a') } }] }))
      .toThrow(/customTags has an empty tag name/);
  });

  test('CustomTag factories refuse empty values and names', () => {
    expect(() => CustomTag.literal('')).toThrow(/CustomTag.literal\(\): value is ""/);
    expect(() => CustomTag.environment(' ')).toThrow(/CustomTag.environment\(\): name is " "/);
    expect(() => CustomTag.header('')).toThrow(/CustomTag.header\(\): name is ""/);
  });
});

describe('Telemetry: metrics', () => {
  test('writes providers and overrides with match, disabled and tag overrides', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', {
      metrics: [{
        providers: ['prometheus'],
        overrides: [
          { tagOverrides: { request_host: TagOverride.upsert('request.host') } },
          { metric: IstioMetric.REQUEST_COUNT, mode: WorkloadMode.SERVER, tagOverrides: { response_code: TagOverride.remove() } },
          { metric: IstioMetric.ALL_METRICS, mode: WorkloadMode.CLIENT, disabled: true },
          { customMetric: 'my_requests', disabled: false },
        ],
      }],
    });
    expect(telemetry(chart).spec.metrics).toEqual([{
      providers: [{ name: 'prometheus' }],
      overrides: [
        { tagOverrides: { request_host: { operation: 'UPSERT', value: 'request.host' } } },
        { match: { metric: 'REQUEST_COUNT', mode: 'SERVER' }, tagOverrides: { response_code: { operation: 'REMOVE' } } },
        { match: { metric: 'ALL_METRICS', mode: 'CLIENT' }, disabled: true },
        { match: { customMetric: 'my_requests' }, disabled: false },
      ],
    }]);
  });

  test('reportingInterval is written as an Istio duration', () => {
    const chart = shopChart();
    new Telemetry(chart, 't', { metrics: [{ reportingInterval: Duration.seconds(15) }] });
    expect(telemetry(chart).spec.metrics).toEqual([{ reportingInterval: '15s' }]);
  });

  test('a reportingInterval under 1 ms is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { metrics: [{ reportingInterval: Duration.millis(0) }] }))
      .toThrow(/shop\/t: metrics\[0\]\.reportingInterval is 0 ms; Istio rejects durations under 1 ms; write e.g. Duration.millis\(1\)/);
  });

  test('an override with both metric and customMetric is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { metrics: [{ overrides: [{ metric: IstioMetric.REQUEST_SIZE, customMetric: 'x' }] }] }))
      .toThrow(/metrics\[0\]\.overrides\[0\] sets both metric \(REQUEST_SIZE\) and customMetric \('x'\).*Use two overrides/);
  });

  test('an unknown metric is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { metrics: [{ overrides: [{ metric: 'REQUESTS' as any }] }] }))
      .toThrow(/overrides\[0\]\.metric is "REQUESTS"; use an IstioMetric/);
  });

  test('an empty customMetric is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { metrics: [{ overrides: [{ customMetric: '' }] }] })).toThrow(/overrides\[0\]\.customMetric is ""/);
  });

  test('a tag override that is not a TagOverride is refused', () => {
    expect(() => new Telemetry(shopChart(), 't', { metrics: [{ overrides: [{ tagOverrides: { x: { operation: 'REMOVE' } as any } }] }] }))
      .toThrow(/tagOverrides\.x must be a TagOverride/);
  });

  test('TagOverride.upsert needs a value (Istio rejects an UPSERT without one)', () => {
    expect(() => TagOverride.upsert('')).toThrow(/TagOverride.upsert\(\): value is "".*TagOverride.remove\(\)/);
    expect(TagOverride.upsert('request.method').value).toBe('request.method');
  });
});

describe('Telemetry: rendering', () => {
  test('settings added after construction are in the output', () => {
    const chart = shopChart();
    const t = new Telemetry(chart, 't');
    t.addAccessLogging({ providers: ['envoy'] });
    t.addTracing({ randomSamplingPercentage: 10 });
    t.addMetrics({ providers: ['prometheus'] });
    t.addAccessLogging({ providers: ['otel'], disabled: true });
    expect(telemetry(chart).spec).toEqual({
      accessLogging: [{ providers: [{ name: 'envoy' }] }, { providers: [{ name: 'otel' }], disabled: true }],
      tracing: [{ randomSamplingPercentage: 10 }],
      metrics: [{ providers: [{ name: 'prometheus' }] }],
    });
  });

  test('a Telemetry with no settings has an empty spec', () => {
    const chart = shopChart();
    new Telemetry(chart, 't');
    expect(telemetry(chart).spec).toEqual({});
  });

  test('a bad value given to an add method is refused with the call named', () => {
    const t = new Telemetry(shopChart(), 't');
    t.addTracing({});
    expect(() => t.addTracing({ randomSamplingPercentage: 101 })).toThrow(/shop\/t: addTracing\(\) #2\.randomSamplingPercentage is 101/);
  });

  test.each([IstioApiVersion.V1, IstioApiVersion.V1BETA1])('every field at once validates against Istio\'s CRD, API %s', (apiVersion) => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { apiVersion });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const api = deployment(chart, 'api');
    new Telemetry(chart, 'all', {
      selector: WorkloadSelector.fromWorkload(api),
      accessLogging: [{ providers: ['envoy'], filter: 'response.code >= 500', disabled: false, mode: WorkloadMode.CLIENT_AND_SERVER }],
      tracing: [{ provider: 'otel', randomSamplingPercentage: 0.5, disableSpanReporting: false, mode: WorkloadMode.SERVER, customTags: { a: CustomTag.literal('b'), e: CustomTag.environment('E', 'd'), h: CustomTag.header('h', 'd') } }],
      metrics: [{ providers: ['prometheus'], reportingInterval: Duration.millis(1500), overrides: [{ metric: IstioMetric.GRPC_RESPONSE_MESSAGES, mode: WorkloadMode.CLIENT, disabled: true, tagOverrides: { a: TagOverride.upsert('request.host'), b: TagOverride.remove() } }] }],
    });
    const t = telemetry(chart);
    expect(validateIstioObject(t)).toEqual([]);
    expect(t.spec.metrics[0].reportingInterval).toBe('1500ms');
  });
});

describe('Telemetry: values Envoy and the API server refuse', () => {
  test('a custom tag header name with a line feed is refused', () => {
    expect(() => CustomTag.header('x-tier\nx-evil')).toThrow(/CustomTag.header\(\): name is "x-tier\\nx-evil": it contains a line feed/);
  });

  test('a reportingInterval longer than a Go duration can hold is refused with the construct path and field', () => {
    expect(() => new Telemetry(shopChart(), 't', { metrics: [{ reportingInterval: Duration.days(200_000) }] }))
      .toThrow(/shop\/t: metrics\[0\]\.reportingInterval is 17280000000000 ms, longer than a Go duration can hold/);
  });
});
