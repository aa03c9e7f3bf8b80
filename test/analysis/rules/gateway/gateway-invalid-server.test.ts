import { Severity } from '../../../../src/analysis/diagnostic';
import { gateway, gatewayWith, httpServer } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const gatewayInvalidServer = ruleById('gateway-invalid-server');

const SELECTOR = { istio: 'ingressgateway' };

describe('gateway-invalid-server', () => {
  test('rejects a Gateway without servers', () => {
    const d = one(gatewayInvalidServer, [gateway('web', 'edge', { selector: SELECTOR })], { path: 'spec', severity: Severity.ERROR });
    expect(d.message).toContain('has no servers');
  });

  test('rejects a server with an empty hosts list', () => {
    one(gatewayInvalidServer, [gatewayWith('web', 'edge', httpServer([]))], { path: 'spec.servers[0].hosts' });
  });

  test('rejects a short host name, naming the qualified form', () => {
    const found = one(gatewayInvalidServer, [gatewayWith('web', 'edge', httpServer(['reviews']))], { path: 'spec.servers[0].hosts[0]' });
    expect(found.path).toBe('spec.servers[0].hosts[0]');
    expect(found.message).toContain('"reviews" is a short name');
  });

  test('rejects a bad namespace prefix and a partial wildcard', () => {
    const ds = many(gatewayInvalidServer, [gatewayWith('web', 'edge', httpServer(['Prod_1/app.example.com', '*app.example.com']))], ['spec.servers[0].hosts[0]', 'spec.servers[0].hosts[1]']);
    expect(ds[0].message).toContain('namespace "Prod_1"');
    expect(ds[1].message).toContain('partial wildcard');
  });

  test('rejects a Gateway name with a dot', () => {
    const ds = one(gatewayInvalidServer, [gatewayWith('web.v1', 'edge', httpServer(['app.example.com']))], { path: 'metadata.name' });
    expect(ds.fix).toContain('"web-v1"');
  });

  test('accepts fully qualified, wildcard, namespaced and IP hosts', () => {
    clean(gatewayInvalidServer, [
      gatewayWith('web', 'edge', httpServer(['app.example.com', '*.example.com', '*', './local.example.com', '*/any.example.com', 'prod/*', '10.0.0.1'])),
    ]);
  });
});
