import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { envoyFilter } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('envoyfilter-invalid-patch');

const HCM = 'envoy.filters.network.http_connection_manager';
const lua = () => ({ name: 'envoy.filters.http.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua', 'inlineCode': 'function envoy_on_request(h) end' } });
const beforeRouter = (): any => ({
  applyTo: 'HTTP_FILTER',
  match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: HCM, subFilter: { name: 'envoy.filters.http.router' } } } } },
  patch: { operation: 'INSERT_BEFORE', value: lua() },
});
const ef = (...configPatches: any[]) => envoyFilter('lua', 'shop', { priority: 1, configPatches });

describe('envoyfilter-invalid-patch (IST0106)', () => {
  test('accepts a complete HTTP filter patch, a cluster MERGE and a REMOVE without value', () => {
    const ok = ef(
      beforeRouter(),
      { applyTo: 'CLUSTER', match: { cluster: { service: 'reviews.shop.svc.cluster.local' } }, patch: { operation: 'MERGE', value: { connect_timeout: '1s' } } },
      { applyTo: 'HTTP_FILTER', match: { listener: { filterChain: { filter: { name: HCM, subFilter: { name: 'envoy.filters.http.cors' } } } } }, patch: { operation: 'REMOVE' } },
    );
    expectValidIstioObjects([ok]);
    none(rule, [ok]);
  });

  test('refuses a patch without applyTo', () => {
    const { applyTo: _, ...patch } = beforeRouter();
    const d = one(rule, [ef(patch)], { path: 'spec.configPatches[0].applyTo' });
    expect(d).toMatchObject({ severity: Severity.ERROR, istioCode: 'IST0106' });
  });

  test('refuses a non-REMOVE patch without value', () => {
    one(rule, [ef({ ...beforeRouter(), patch: { operation: 'MERGE' } })], { path: 'spec.configPatches[0].patch.value' });
  });

  test('refuses a filter match without a filter name', () => {
    const p = beforeRouter();
    delete p.match.listener.filterChain.filter.name;
    one(rule, [ef(p)], { path: 'spec.configPatches[0].match.listener.filterChain.filter.name' });
  });

  test('refuses a subFilter match under a filter other than the HTTP connection manager', () => {
    const p = beforeRouter();
    p.match.listener.filterChain.filter.name = '*';
    one(rule, [ef(p)], { path: 'spec.configPatches[0].match.listener.filterChain.filter.name' });
  });

  test('refuses a subFilter match without a name', () => {
    const p = beforeRouter();
    p.match.listener.filterChain.filter.subFilter.name = '';
    one(rule, [ef(p)], { path: 'spec.configPatches[0].match.listener.filterChain.filter.subFilter.name' });
  });

  test('refuses a subFilter match on a NETWORK_FILTER patch', () => {
    one(rule, [ef({ ...beforeRouter(), applyTo: 'NETWORK_FILTER' })], { path: 'spec.configPatches[0].match.listener.filterChain.filter.subFilter' });
  });

  test('refuses a match of the wrong class for applyTo', () => {
    one(rule, [ef({ applyTo: 'CLUSTER', match: { listener: { portNumber: 80 } }, patch: { operation: 'MERGE', value: { connect_timeout: '1s' } } })], { path: 'spec.configPatches[0].match.listener' });
  });

  test('refuses a value whose name is not a string', () => {
    one(rule, [ef({ ...beforeRouter(), patch: { operation: 'INSERT_BEFORE', value: { ...lua(), name: 5 } } })], { path: 'spec.configPatches[0].patch.value.name' });
  });

  test.each([['not a type name', 'INVALID VALUE'], ['empty', ''], ['a number', 5]])('refuses an @type that is %s', (_what, type) => {
    const value = lua();
    (value.typed_config as any)['@type'] = type;
    one(rule, [ef({ ...beforeRouter(), patch: { operation: 'INSERT_BEFORE', value } })], { path: 'spec.configPatches[0].patch.value.typed_config["@type"]' });
  });

  test('does not check patches in the WAYPOINT context, as Istio does not', () => {
    const p = beforeRouter();
    p.match.context = 'WAYPOINT';
    delete p.match.listener.filterChain.filter.name;
    none(rule, [ef(p)]);
  });
});
