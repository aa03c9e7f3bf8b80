import * as kplus from 'cdk8s-plus-28';
import { AuthorizationPolicy, AuthorizationRule, Principal, RequestPrincipal, RuleSource } from '../../src';
import { shopChart, deployment, only, synthValid } from '../fixtures/app';

/** The `source` objects a policy with one rule `from: sources` emits. */
function sources(build: (chart: ReturnType<typeof shopChart>) => RuleSource[]): any[] {
  const chart = shopChart();
  new AuthorizationPolicy(chart, 'policy', { rules: [new AuthorizationRule({ from: build(chart) })] });
  return only(synthValid(chart), 'AuthorizationPolicy').spec.rules[0].from.map((f: any) => f.source);
}

describe('RuleSource', () => {
  test('fromServiceAccounts lists the accounts\' principals', () => {
    const result = sources((chart) => [RuleSource.fromServiceAccounts(
      new kplus.ServiceAccount(chart, 'a', { metadata: { name: 'a' } }),
      new kplus.ServiceAccount(chart, 'b', { metadata: { name: 'b' } }),
    )]);
    expect(result).toEqual([{ principals: ['cluster.local/ns/shop/sa/a', 'cluster.local/ns/shop/sa/b'] }]);
  });

  test('fromWorkloads lists the workloads\' service accounts', () => {
    const result = sources((chart) => [RuleSource.fromWorkloads(
      deployment(chart, 'web', { serviceAccount: new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'web' } }) }),
    )]);
    expect(result).toEqual([{ principals: ['cluster.local/ns/shop/sa/web'] }]);
  });

  test('fromNamespaces lists namespaces', () => {
    expect(sources(() => [RuleSource.fromNamespaces('shop', 'ops')])).toEqual([{ namespaces: ['shop', 'ops'] }]);
  });

  test('fromIpBlocks accepts addresses and CIDR ranges of both families', () => {
    expect(sources(() => [RuleSource.fromIpBlocks('10.0.0.0/16', '192.168.1.7', '2001:db8::/32')])).toEqual([{ ipBlocks: ['10.0.0.0/16', '192.168.1.7', '2001:db8::/32'] }]);
  });

  test('fromRemoteIpBlocks writes remoteIpBlocks', () => {
    expect(sources(() => [RuleSource.fromRemoteIpBlocks('203.0.113.0/24')])).toEqual([{ remoteIpBlocks: ['203.0.113.0/24'] }]);
  });

  test('fromRequestPrincipals writes requestPrincipals', () => {
    expect(sources(() => [RuleSource.fromRequestPrincipals(RequestPrincipal.fromIssuer('https://auth.example.com'))])).toEqual([{ requestPrincipals: ['https://auth.example.com/*'] }]);
  });

  test('every not-form is written next to its positive form in one source', () => {
    const result = sources(() => [new RuleSource({
      principals: [Principal.any()],
      notPrincipals: [Principal.fromName('shop', 'batch')],
      namespaces: ['*'],
      notNamespaces: ['kube-system'],
      ipBlocks: ['10.0.0.0/8'],
      notIpBlocks: ['10.9.0.0/16'],
      remoteIpBlocks: ['0.0.0.0/0'],
      notRemoteIpBlocks: ['198.51.100.0/24'],
      requestPrincipals: [RequestPrincipal.any()],
      notRequestPrincipals: [RequestPrincipal.of('https://auth.example.com', 'banned')],
    })]);
    expect(result).toEqual([{
      principals: ['*'],
      notPrincipals: ['cluster.local/ns/shop/sa/batch'],
      namespaces: ['*'],
      notNamespaces: ['kube-system'],
      ipBlocks: ['10.0.0.0/8'],
      notIpBlocks: ['10.9.0.0/16'],
      remoteIpBlocks: ['0.0.0.0/0'],
      notRemoteIpBlocks: ['198.51.100.0/24'],
      requestPrincipals: ['*'],
      notRequestPrincipals: ['https://auth.example.com/banned'],
    }]);
  });

  test('an empty source is refused, since Istio rejects it', () => {
    expect(() => new RuleSource({})).toThrow(/RuleSource: no field is set; Istio rejects an empty source/);
  });

  test('empty lists count as unset', () => {
    expect(() => new RuleSource({ principals: [], namespaces: [] })).toThrow(/no field is set/);
  });

  test('an IP block that is not an address or range is refused, naming the entry', () => {
    expect(() => RuleSource.fromIpBlocks('10.0.0.0/16', '10.0.0.300')).toThrow(/ipBlocks\[1\] is "10.0.0.300", which is neither an IP address nor a CIDR range/);
  });

  test('a CIDR prefix longer than the address is refused', () => {
    expect(() => new RuleSource({ notIpBlocks: ['10.0.0.0/33'] })).toThrow(/notIpBlocks\[0\]/);
  });

  test('an empty namespace is refused', () => {
    expect(() => RuleSource.fromNamespaces('')).toThrow(/namespaces\[0\] is ""/);
  });

  test('a plain string instead of a Principal is refused with the factories to use', () => {
    expect(() => new RuleSource({ principals: ['cluster.local/ns/a/sa/b' as any] })).toThrow(/principals\[0\] is not a Principal; use Principal.fromServiceAccount/);
  });
});

describe('RuleSource: namespaces that can never match', () => {
  test('an upper-case namespace is refused with the DNS-1123 rule', () => {
    expect(() => RuleSource.fromNamespaces('Shop'))
      .toThrow(/RuleSource: namespaces\[0\] is 'Shop', not a valid namespace name \(a DNS-1123 label.*so it never matches/);
  });

  test.each(['shop', 'team-*', '*-prod', '*'])('%s is accepted', (ns) => {
    expect(() => RuleSource.fromNamespaces(ns)).not.toThrow();
  });
});
