import { AuthorizationPolicy, AuthorizationRule, ConditionKey, RuleCondition } from '../../src';
import { shopChart, only, synthValid } from '../fixtures/app';

function conditions(...when: RuleCondition[]): any[] {
  const chart = shopChart();
  new AuthorizationPolicy(chart, 'policy', { rules: [new AuthorizationRule({ when })] });
  return only(synthValid(chart), 'AuthorizationPolicy').spec.rules[0].when;
}

describe('RuleCondition and ConditionKey', () => {
  test('matches writes values', () => {
    expect(conditions(RuleCondition.matches(ConditionKey.SOURCE_IP, '10.0.0.0/8'))).toEqual([{ key: 'source.ip', values: ['10.0.0.0/8'] }]);
  });

  test('notMatches writes notValues', () => {
    expect(conditions(RuleCondition.notMatches(ConditionKey.SOURCE_NAMESPACE, 'test'))).toEqual([{ key: 'source.namespace', notValues: ['test'] }]);
  });

  test('values and notValues can be combined in one condition', () => {
    expect(conditions(new RuleCondition({ key: ConditionKey.DESTINATION_PORT, values: ['8080', '8443'], notValues: ['8443'] }))).toEqual([
      { key: 'destination.port', values: ['8080', '8443'], notValues: ['8443'] },
    ]);
  });

  test('requestHeader puts the header name in brackets', () => {
    expect(ConditionKey.requestHeader('User-Agent').key).toBe('request.headers[User-Agent]');
  });

  test('requestAuthClaim writes nested claims as successive brackets', () => {
    expect(ConditionKey.requestAuthClaim('realm_access', 'roles').key).toBe('request.auth.claims[realm_access][roles]');
  });

  test('the constant keys are Istio\'s supported condition names', () => {
    expect([
      ConditionKey.SOURCE_IP, ConditionKey.REMOTE_IP, ConditionKey.SOURCE_NAMESPACE, ConditionKey.SOURCE_PRINCIPAL,
      ConditionKey.REQUEST_AUTH_PRINCIPAL, ConditionKey.REQUEST_AUTH_AUDIENCES, ConditionKey.REQUEST_AUTH_PRESENTER,
      ConditionKey.DESTINATION_IP, ConditionKey.DESTINATION_PORT, ConditionKey.CONNECTION_SNI,
    ].map((k) => k.key)).toEqual([
      'source.ip', 'remote.ip', 'source.namespace', 'source.principal',
      'request.auth.principal', 'request.auth.audiences', 'request.auth.presenter',
      'destination.ip', 'destination.port', 'connection.sni',
    ]);
  });

  test('of passes any other key through for the analysis to judge', () => {
    expect(conditions(RuleCondition.matches(ConditionKey.of('experimental.envoy.filters.network.mysql_proxy[db.table]'), '[update]'))[0].key)
      .toBe('experimental.envoy.filters.network.mysql_proxy[db.table]');
  });

  test('a condition without values or notValues is refused', () => {
    expect(() => RuleCondition.matches(ConditionKey.SOURCE_IP)).toThrow(/RuleCondition\(source.ip\): set values or notValues/);
  });

  test('a header name with brackets is refused', () => {
    expect(() => ConditionKey.requestHeader('[x-a]')).toThrow(/without brackets/);
  });

  test('a claim path without names is refused', () => {
    expect(() => ConditionKey.requestAuthClaim()).toThrow(/give the claim name/);
  });
});
