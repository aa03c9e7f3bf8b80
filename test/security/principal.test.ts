import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AuthorizationPolicy, AuthorizationRule, Mesh, Principal, RuleSource } from '../../src';
import { shopChart, deployment, only, synthValid } from '../fixtures/app';

/** The principals a policy allowing `principals` emits. */
function emitted(chart: Chart, ...principals: Principal[]): any {
  new AuthorizationPolicy(chart, 'policy', { rules: [new AuthorizationRule({ from: [RuleSource.fromPrincipals(...principals)] })] });
  return only(synthValid(chart), 'AuthorizationPolicy');
}

describe('Principal', () => {
  test('fromServiceAccount names the account in the chart\'s namespace with the mesh trust domain', () => {
    const chart = shopChart();
    const sa = new kplus.ServiceAccount(chart, 'frontend-sa', { metadata: { name: 'frontend' } });
    expect(emitted(chart, Principal.fromServiceAccount(sa)).spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/shop/sa/frontend']);
  });

  test('uses the trust domain set on the Mesh', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { trustDomain: 'corp.example' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    expect(emitted(chart, Principal.fromName('shop', 'api')).spec.rules[0].from[0].source.principals).toEqual(['corp.example/ns/shop/sa/api']);
  });

  test('fromServiceAccount takes the namespace of an imported service account', () => {
    const chart = shopChart();
    const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'gw', 'istio-ingressgateway', { namespaceName: 'istio-system' });
    expect(Principal.fromServiceAccount(sa).toIdentity('cluster.local')).toBe('cluster.local/ns/istio-system/sa/istio-ingressgateway');
  });

  test('fromWorkload uses the workload\'s service account', () => {
    const chart = shopChart();
    const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'frontend' } });
    const p = Principal.fromWorkload(deployment(chart, 'frontend', { serviceAccount: sa }));
    expect(p.toIdentity('cluster.local')).toBe('cluster.local/ns/shop/sa/frontend');
    expect(p.defaultServiceAccount).toBe(false);
  });

  test('fromWorkload without a service account names the namespace\'s default account and says so', () => {
    const p = Principal.fromWorkload(deployment(shopChart(), 'frontend'));
    expect(p.toIdentity('cluster.local')).toBe('cluster.local/ns/shop/sa/default');
    expect(p.defaultServiceAccount).toBe(true);
    expect(p.description).toBe('Deployment shop/frontend');
  });

  test('a policy using a default-account principal carries the annotation the analysis reports', () => {
    const chart = shopChart();
    const policy = emitted(chart, Principal.fromWorkload(deployment(chart, 'frontend')));
    expect(policy.metadata.annotations).toEqual({ [Principal.DEFAULT_SERVICE_ACCOUNT_ANNOTATION]: 'cluster.local/ns/shop/sa/default' });
    expect(Principal.DEFAULT_SERVICE_ACCOUNT_ANNOTATION).toBe('cdk8s-istio.io/principal-default-sa');
  });

  test('a policy with only explicit service accounts has no default-account annotation', () => {
    const chart = shopChart();
    const sa = new kplus.ServiceAccount(chart, 'sa');
    expect(emitted(chart, Principal.fromServiceAccount(sa)).metadata.annotations).toBeUndefined();
  });

  test('fromName builds the identity from namespace and account name', () => {
    expect(Principal.fromName('payments', 'ledger').toIdentity('td')).toBe('td/ns/payments/sa/ledger');
  });

  test('fromName rejects a namespace Kubernetes would refuse', () => {
    expect(() => Principal.fromName('Payments', 'ledger')).toThrow(/namespace 'Payments' is not a valid Kubernetes namespace name/);
  });

  test('fromName rejects a service account name with a slash', () => {
    expect(() => Principal.fromName('shop', 'sa/x')).toThrow(/service account name 'sa\/x' is not a valid Kubernetes name/);
  });

  test('fromIdentity is used verbatim, whatever the mesh trust domain', () => {
    expect(Principal.fromIdentity('other.domain/ns/a/sa/b').toIdentity('cluster.local')).toBe('other.domain/ns/a/sa/b');
  });

  test('fromIdentity rejects the spiffe:// scheme and shows the principal without it', () => {
    expect(() => Principal.fromIdentity('spiffe://cluster.local/ns/a/sa/b')).toThrow(/write 'cluster.local\/ns\/a\/sa\/b'/);
  });

  test('fromIdentity rejects an empty string', () => {
    expect(() => Principal.fromIdentity(' ')).toThrow(/is not a principal/);
  });

  test('any is every authenticated peer', () => {
    expect(Principal.any().toIdentity('cluster.local')).toBe('*');
  });
});
