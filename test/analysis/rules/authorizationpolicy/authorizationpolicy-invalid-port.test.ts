import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const authorizationPolicyInvalidPort = ruleById('authorizationpolicy-invalid-port');

const allow = (rules: any[], extra: any = {}) => authorizationPolicy('api', 'shop', { selector: { matchLabels: { app: 'api' } }, rules, ...extra });
const to = (operation: any) => ({ to: [{ operation }] });

describe('authorizationpolicy-invalid-port', () => {
  test('rejects names, ranges and out-of-range ports', () => {
    const ap = allow([to({ ports: ['http', '8000-9000', '70000', '0', '8080'] }), { when: [{ key: 'destination.port', values: ['-1'] }] }]);
    const ds = many(authorizationPolicyInvalidPort, [ap], [0, 1, 2, 3].map((k) => `spec.rules[0].to[0].operation.ports[${k}]`).concat(['spec.rules[1].when[0].values[0]']), { severity: Severity.ERROR });
    expect(ds[0].message).toContain('"http" is not a port number');
    expect(ds[2].message).toContain('"70000" is outside 1..65535');
    expect(ds[3].message).toContain('never matches');
    expect(ds[0].fix).toContain('"8080"');
  });

  test('accepts port numbers from 1 to 65535, in operations and destination.port conditions', () => {
    none(authorizationPolicyInvalidPort, [allow([to({ ports: ['1', '8080', '65535'] }), { when: [{ key: 'destination.port', values: ['443'] }] }])]);
  });
});
