import { envoyFilter } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('envoyfilter-remove-ignored');

const lua = { name: 'envoy.filters.http.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua' } };
const beforeRouter = () => ({
  applyTo: 'HTTP_FILTER',
  match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } },
  patch: { operation: 'INSERT_BEFORE', value: lua },
});

describe('envoyfilter-remove-ignored', () => {
  test('reports REMOVE of a route configuration, which Istio ignores', () => {
    const ef = envoyFilter('ops', 'shop', { priority: 1, configPatches: [beforeRouter(), { applyTo: 'ROUTE_CONFIGURATION', patch: { operation: 'REMOVE' } }] });
    one(rule, [ef], { path: 'spec.configPatches[1]' });
  });

  test('accepts REMOVE of a cluster', () => {
    none(rule, [envoyFilter('ok', 'shop', { priority: 1, configPatches: [{ applyTo: 'CLUSTER', patch: { operation: 'REMOVE' } }] })]);
  });
});
