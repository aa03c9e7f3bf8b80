import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { sidecar } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const sidecarIgnoredEgressProxy = ruleById('sidecar-ignored-egress-proxy');

describe('sidecar-ignored-egress-proxy (IST0002)', () => {
  test('warns that egressProxy is ignored', () => {
    const sc = sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'proxy.infra.svc.cluster.local', port: { number: 3128 } } } });
    one(sidecarIgnoredEgressProxy, [sc], { path: 'spec.outboundTrafficPolicy.egressProxy' });
  });

  test('accepts an outbound traffic policy without egressProxy', () => {
    const sc = sidecar('default', 'shop', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
    expectValidIstioObjects([sc]);
    none(sidecarIgnoredEgressProxy, [sc]);
  });
});
