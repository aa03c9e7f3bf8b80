import { run } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { envoyFilterAddIgnored } from '../../../../src/analysis/rules/envoyfilter/envoyfilter-add-ignored';
import { envoyFilterRelativeOperation } from '../../../../src/analysis/rules/envoyfilter/envoyfilter-relative-operation-without-priority';
import { envoyFilterRelativeOperationWithProxyVersion } from '../../../../src/analysis/rules/envoyfilter/envoyfilter-relative-operation-with-proxy-version';
import { envoyFilterRemoveIgnored } from '../../../../src/analysis/rules/envoyfilter/envoyfilter-remove-ignored';
import { envoyFilterReplaceOnUnsupportedTarget } from '../../../../src/analysis/rules/envoyfilter/envoyfilter-replace-unsupported';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';

function envoyFilter(name: string, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter', metadata: { name, namespace: 'shop' }, spec };
}
const lua = { name: 'envoy.filters.http.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua' } };
const beforeRouter = (extra: any = {}) => ({
  applyTo: 'HTTP_FILTER',
  match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } }, ...extra },
  patch: { operation: 'INSERT_BEFORE', value: lua },
});

describe('envoyfilter-relative-operation-without-priority (IST0151)', () => {
  test('warns on INSERT_BEFORE without priority', () => {
    const ds = run(envoyFilterRelativeOperation, [envoyFilter('lua', { configPatches: [beforeRouter()] })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'envoyfilter-relative-operation-without-priority', severity: Severity.WARNING, istioCode: 'IST0151', path: 'spec.configPatches[0]' });
    expect(ds[0].message).toContain('INSERT_BEFORE');
  });

  test('accepts a priority, and absolute operations', () => {
    const efs = [
      envoyFilter('a', { priority: 10, configPatches: [beforeRouter()] }),
      envoyFilter('b', { configPatches: [{ ...beforeRouter(), patch: { operation: 'INSERT_FIRST', value: lua } }] }),
    ];
    expectValidIstioObjects(efs);
    expect(run(envoyFilterRelativeOperation, efs)).toEqual([]);
  });
});

describe('envoyfilter-relative-operation-with-proxy-version (IST0155)', () => {
  test('warns instead of IST0151 when an earlier patch of the same filter pins a proxyVersion', () => {
    const efs = [
      envoyFilter('pinned', { priority: 1, configPatches: [beforeRouter({ proxy: { proxyVersion: '^1\\.29.*' } })] }),
      envoyFilter('later', { configPatches: [beforeRouter()] }),
    ];
    expect(run(envoyFilterRelativeOperationWithProxyVersion, efs).map((d) => d.resource.name)).toEqual(['later']);
    expect(run(envoyFilterRelativeOperation, efs)).toEqual([]);
  });

  test('is quiet without a pinned proxyVersion', () => {
    expect(run(envoyFilterRelativeOperationWithProxyVersion, [envoyFilter('lua', { configPatches: [beforeRouter()] })])).toEqual([]);
  });
});

describe('EnvoyFilter operations Istio ignores or refuses (IST0152, IST0153, IST0154)', () => {
  test('REPLACE outside HTTP and network filters, ADD and REMOVE on route configuration', () => {
    const ef = envoyFilter('ops', {
      priority: 1,
      configPatches: [
        { applyTo: 'CLUSTER', patch: { operation: 'REPLACE', value: { name: 'x' } } },
        { applyTo: 'HTTP_ROUTE', patch: { operation: 'ADD', value: { name: 'y' } } },
        { applyTo: 'ROUTE_CONFIGURATION', patch: { operation: 'REMOVE' } },
      ],
    });
    expect(run(envoyFilterReplaceOnUnsupportedTarget, [ef]).map((d) => `${d.path} ${d.istioCode} ${d.severity}`)).toEqual(['spec.configPatches[0] IST0152 error']);
    expect(run(envoyFilterAddIgnored, [ef]).map((d) => `${d.path} ${d.istioCode}`)).toEqual(['spec.configPatches[1] IST0153']);
    expect(run(envoyFilterRemoveIgnored, [ef]).map((d) => `${d.path} ${d.istioCode}`)).toEqual(['spec.configPatches[2] IST0154']);
  });

  test('accept REPLACE of an HTTP filter, ADD of a listener filter and REMOVE of a cluster', () => {
    const ef = envoyFilter('ok', {
      priority: 1,
      configPatches: [
        { ...beforeRouter(), patch: { operation: 'REPLACE', value: lua } },
        { applyTo: 'NETWORK_FILTER', patch: { operation: 'ADD', value: { name: 'z' } } },
        { applyTo: 'CLUSTER', patch: { operation: 'REMOVE' } },
      ],
    });
    for (const rule of [envoyFilterReplaceOnUnsupportedTarget, envoyFilterAddIgnored, envoyFilterRemoveIgnored]) expect(run(rule, [ef])).toEqual([]);
  });
});
