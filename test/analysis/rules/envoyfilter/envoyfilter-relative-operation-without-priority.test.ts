import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { envoyFilter } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const envoyFilterRelativeOperation = ruleById('envoyfilter-relative-operation-without-priority');

const lua = { name: 'envoy.filters.http.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua' } };
const beforeRouter = (extra: any = {}) => ({
  applyTo: 'HTTP_FILTER',
  match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } }, ...extra },
  patch: { operation: 'INSERT_BEFORE', value: lua },
});

describe('envoyfilter-relative-operation-without-priority (IST0151)', () => {
  test('warns on INSERT_BEFORE without priority', () => {
    const d = one(envoyFilterRelativeOperation, [envoyFilter('lua', 'shop', { configPatches: [beforeRouter()] })], { path: 'spec.configPatches[0]', severity: Severity.WARNING });
    expect(d.message).toContain('INSERT_BEFORE');
  });

  test('reads an operation written as its protobuf number, as istioctl does (4 is INSERT_BEFORE)', () => {
    const numeric = { ...beforeRouter(), patch: { operation: 4, value: lua } };
    const d = one(envoyFilterRelativeOperation, [envoyFilter('lua', 'shop', { configPatches: [numeric] })], { path: 'spec.configPatches[0]' });
    expect(d.message).toContain('INSERT_BEFORE');
  });

  test('accepts a priority, and absolute operations', () => {
    const efs = [
      envoyFilter('a', 'shop', { priority: 10, configPatches: [beforeRouter()] }),
      envoyFilter('b', 'shop', { configPatches: [{ ...beforeRouter(), patch: { operation: 'INSERT_FIRST', value: lua } }] }),
    ];
    expectValidIstioObjects(efs);
    none(envoyFilterRelativeOperation, efs);
  });

  test('does not report MERGE without priority, as istioctl does not', () => {
    const merge = { applyTo: 'NETWORK_FILTER', match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager' } } } }, patch: { operation: 'MERGE', value: { name: 'envoy.filters.network.http_connection_manager', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager', 'stream_idle_timeout': '0s' } } } };
    none(envoyFilterRelativeOperation, [envoyFilter('merge', 'shop', { configPatches: [merge] })]);
  });

  test('still warns on REMOVE without priority', () => {
    const remove = { applyTo: 'HTTP_FILTER', match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.cors' } } } } }, patch: { operation: 'REMOVE' } };
    one(envoyFilterRelativeOperation, [envoyFilter('rm', 'shop', { configPatches: [remove] })], { path: 'spec.configPatches[0]' });
  });
});
