import { envoyFilter } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const envoyFilterRelativeOperation = ruleById('envoyfilter-relative-operation-without-priority');
const envoyFilterRelativeOperationWithProxyVersion = ruleById('envoyfilter-relative-operation-with-proxy-version');

const lua = { name: 'envoy.filters.http.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua' } };
const beforeRouter = (extra: any = {}) => ({
  applyTo: 'HTTP_FILTER',
  match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } }, ...extra },
  patch: { operation: 'INSERT_BEFORE', value: lua },
});

describe('envoyfilter-relative-operation-with-proxy-version (IST0155)', () => {
  test('warns instead of IST0151 when an earlier patch of the same filter pins a proxyVersion', () => {
    const efs = [
      envoyFilter('pinned', 'shop', { priority: 1, configPatches: [beforeRouter({ proxy: { proxyVersion: '^1\\.29.*' } })] }),
      envoyFilter('later', 'shop', { configPatches: [beforeRouter()] }),
    ];
    const found = one(envoyFilterRelativeOperationWithProxyVersion, efs, { path: 'spec.configPatches[0]' });
    expect(found.resource.name).toBe('later');
    none(envoyFilterRelativeOperation, efs);
  });

  test('is quiet without a pinned proxyVersion', () => {
    none(envoyFilterRelativeOperationWithProxyVersion, [envoyFilter('lua', 'shop', { configPatches: [beforeRouter()] })]);
  });
});
