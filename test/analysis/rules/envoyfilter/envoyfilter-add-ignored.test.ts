import { envoyFilter } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('envoyfilter-add-ignored');

const lua = { name: 'envoy.filters.http.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua' } };
const beforeRouter = () => ({
  applyTo: 'HTTP_FILTER',
  match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } },
  patch: { operation: 'INSERT_BEFORE', value: lua },
});

describe('envoyfilter-add-ignored', () => {
  test('reports ADD on a route, which Istio ignores', () => {
    const ef = envoyFilter('ops', 'shop', { priority: 1, configPatches: [beforeRouter(), { applyTo: 'HTTP_ROUTE', patch: { operation: 'ADD', value: { name: 'y' } } }] });
    one(rule, [ef], { path: 'spec.configPatches[1]' });
  });

  test('accepts ADD of a listener filter', () => {
    none(rule, [envoyFilter('ok', 'shop', { priority: 1, configPatches: [{ applyTo: 'NETWORK_FILTER', patch: { operation: 'ADD', value: { name: 'z' } } }] })]);
  });
});
