import { Severity } from '../../../../src/analysis/diagnostic';
import { gatewayWith, httpServer, workload } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const gatewaySelectorNoWorkloads = ruleById('gateway-selector-no-workloads');

const app = workload('web', 'shop', { app: 'web' });
const ingressPods = workload('edge-gw', 'edge', { app: 'edge-gw', istio: 'edge' });

describe('gateway-selector-no-workloads', () => {
  test('warns when a custom selector matches no pod of the app, listing the values present', () => {
    const gw = gatewayWith('public', 'edge', httpServer(['*']), { istio: 'edge-gateway' });
    const d = one(gatewaySelectorNoWorkloads, [app, ingressPods, gw], { path: 'spec.selector', severity: Severity.WARNING });
    expect(d.message).toContain('istio=edge-gateway');
    expect(d.message).toContain('"istio" is "edge"');
  });

  test('expects Istio\'s default ingress and egress gateways to be installed separately', () => {
    clean(gatewaySelectorNoWorkloads, [app, gatewayWith('in', 'edge', httpServer(['*'])), gatewayWith('out', 'edge', httpServer(['*']), { istio: 'egressgateway' })]);
  });

  test('accepts a selector matching a gateway deployment in another namespace', () => {
    clean(gatewaySelectorNoWorkloads, [app, ingressPods, gatewayWith('public', 'shop', httpServer(['*']), { istio: 'edge' })]);
  });
});
