import { AuthorizationPolicy, AuthorizationRule, RuleOperation } from '../../src';
import { shopChart, only, synthValid } from '../fixtures/app';

function operations(...ops: RuleOperation[]): any[] {
  const chart = shopChart();
  new AuthorizationPolicy(chart, 'policy', { rules: [new AuthorizationRule({ to: ops })] });
  return only(synthValid(chart), 'AuthorizationPolicy').spec.rules[0].to.map((t: any) => t.operation);
}

describe('RuleOperation', () => {
  test('methods and paths, with Istio\'s prefix, suffix and presence wildcards, are written as given', () => {
    expect(operations(new RuleOperation({ methods: ['GET', 'HEAD'], paths: ['/api/*', '*.js', '/exact', '*'] }))).toEqual([
      { methods: ['GET', 'HEAD'], paths: ['/api/*', '*.js', '/exact', '*'] },
    ]);
  });

  test('ports are written as strings, as the CRD wants', () => {
    expect(operations(RuleOperation.onPorts(8080, 9090))).toEqual([{ ports: ['8080', '9090'] }]);
  });

  test('every not-form is written', () => {
    expect(operations(new RuleOperation({ notHosts: ['admin.example.com'], notPorts: [15000], notMethods: ['DELETE'], notPaths: ['/admin/*'] }))).toEqual([
      { notHosts: ['admin.example.com'], notPorts: ['15000'], notMethods: ['DELETE'], notPaths: ['/admin/*'] },
    ]);
  });

  test('the static shortcuts set one field each', () => {
    expect(operations(RuleOperation.onPaths('/a'), RuleOperation.onMethods('POST'), RuleOperation.onHosts('shop.example.com'))).toEqual([
      { paths: ['/a'] }, { methods: ['POST'] }, { hosts: ['shop.example.com'] },
    ]);
  });

  test('an empty operation is refused, since Istio rejects it', () => {
    expect(() => new RuleOperation({})).toThrow(/RuleOperation: no field is set; Istio rejects an empty operation/);
  });

  test('a port outside 1-65535 is refused, naming the entry', () => {
    expect(() => RuleOperation.onPorts(80, 70000)).toThrow(/ports\[1\] is 70000; a port is a whole number from 1 to 65535/);
  });

  test('an empty path is refused', () => {
    expect(() => new RuleOperation({ paths: ['/ok', ''] })).toThrow(/paths\[1\] is ""/);
  });
});

describe('RuleOperation: hosts that can never match', () => {
  test.each([
    ['https://api.example.com', /has a scheme/],
    ['api .example.com', /contains white space/],
    ['api..example.com', /has an empty label/],
  ])('onHosts(%s) is refused, naming the field', (host, reason) => {
    expect(() => RuleOperation.onHosts(host)).toThrow(reason);
    expect(() => RuleOperation.onHosts(host)).toThrow(/RuleOperation: hosts\[0\] is .*so it never matches \(in a DENY policy the rule fails open\)/);
  });

  test.each(['api.example.com', '*.example.com', 'api.*', '*', 'api.example.com:8080'])('onHosts(%s) is accepted', (host) => {
    expect(() => RuleOperation.onHosts(host)).not.toThrow();
  });
});
