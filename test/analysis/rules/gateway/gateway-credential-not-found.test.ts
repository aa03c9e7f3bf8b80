import { Severity } from '../../../../src/analysis/diagnostic';
import { gatewayWith, httpsServer, secret, workload } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const gatewayCredentialNotFound = ruleById('gateway-credential-not-found');

const app = workload('web', 'shop', { app: 'web' });
const ingressPods = workload('edge-gw', 'edge', { app: 'edge-gw', istio: 'edge' });

describe('gateway-credential-not-found', () => {
  const tlsGateway = gatewayWith('public', 'shop', httpsServer(['shop.example.com'], { mode: 'SIMPLE', credentialName: 'shop-cert' }), { istio: 'edge' });

  test('warns when the secret is not in the namespace of the gateway workload', () => {
    const d = one(gatewayCredentialNotFound, [ingressPods, tlsGateway, secret('shop-cert', 'shop')], { path: 'spec.servers[0].tls.credentialName', severity: Severity.WARNING });
    expect(d.message).toContain('Secret edge/shop-cert');
  });

  test('accepts a secret in the gateway namespace, or one cert-manager will issue', () => {
    const certificate = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'shop', namespace: 'edge' }, spec: { secretName: 'shop-cert' } };
    clean(gatewayCredentialNotFound, [ingressPods, tlsGateway, secret('shop-cert', 'edge')]);
    clean(gatewayCredentialNotFound, [ingressPods, tlsGateway, certificate]);
  });

  test('does not judge a gateway whose workload is not in the app', () => {
    clean(gatewayCredentialNotFound, [app, gatewayWith('public', 'shop', httpsServer(['*'], { mode: 'SIMPLE', credentialName: 'x' }))]);
  });
});
