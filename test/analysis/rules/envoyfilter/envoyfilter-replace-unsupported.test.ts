import { envoyFilter } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('envoyfilter-replace-unsupported');

const lua = { name: 'envoy.filters.http.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua' } };
const beforeRouter = () => ({
  applyTo: 'HTTP_FILTER',
  match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } },
  patch: { operation: 'INSERT_BEFORE', value: lua },
});

describe('envoyfilter-replace-unsupported', () => {
  test('refuses REPLACE outside HTTP and network filters', () => {
    const ef = envoyFilter('ops', 'shop', { priority: 1, configPatches: [beforeRouter(), { applyTo: 'CLUSTER', patch: { operation: 'REPLACE', value: { name: 'x' } } }] });
    one(rule, [ef], { path: 'spec.configPatches[1]' });
  });

  test('accepts REPLACE of an HTTP filter', () => {
    none(rule, [envoyFilter('ok', 'shop', { priority: 1, configPatches: [{ ...beforeRouter(), patch: { operation: 'REPLACE', value: lua } }] })]);
  });

  test('accepts REPLACE of a virtual host, which Istio 1.30 supports', () => {
    const vh = { applyTo: 'VIRTUAL_HOST', match: { context: 'GATEWAY', routeConfiguration: { vhost: { name: 'shop.example.com:80' } } }, patch: { operation: 'REPLACE', value: { name: 'shop.example.com:80', domains: ['shop.example.com'] } } };
    none(rule, [envoyFilter('vh', 'shop', { priority: 1, configPatches: [vh] })]);
  });
});
