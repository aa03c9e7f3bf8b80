import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const authorizationPolicyInvalidIp = ruleById('authorizationpolicy-invalid-ip');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });
const from = (source: any) => ({ from: [{ source }] });

describe('authorizationpolicy-invalid-ip', () => {
  test('rejects bad IPs and CIDRs in ipBlocks and conditions', () => {
    const ap = allow([from({ ipBlocks: ['10.0.0.0/33', '10.0.0.256', '10.0.0.0/8'], notRemoteIpBlocks: ['2001:db8::/129'] }), { when: [{ key: 'destination.ip', values: ['localhost'] }] }]);
    const ds = many(authorizationPolicyInvalidIp, [ap], [
      'spec.rules[0].from[0].source.ipBlocks[0]',
      'spec.rules[0].from[0].source.ipBlocks[1]',
      'spec.rules[0].from[0].source.notRemoteIpBlocks[0]',
      'spec.rules[1].when[0].values[0]',
    ]);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-invalid-ip', severity: Severity.ERROR, istioCode: 'IST0106' });
    expect(ds[0].message).toContain('"10.0.0.0/33"');
    expect(ds[0].message).toContain('larger than 32');
    expect(ds[3].message).toContain('"localhost"');
    expect(ds[0].fix).toContain('10.0.0.0/16');
  });

  test('accepts IPv4, IPv6 and CIDRs', () => {
    const ap = allow([from({ ipBlocks: ['10.1.2.3', '10.0.0.0/8', '2001:db8::1', '::ffff:10.0.0.1', 'fe80::1%eth0', '2001:db8::/32'] })]);
    none(authorizationPolicyInvalidIp, [ap]);
  });
});
