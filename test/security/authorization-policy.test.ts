import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AuthorizationAction, AuthorizationPolicy, AuthorizationRule, ConditionKey, IstioApiVersion, Mesh, MeshService,
  MeshServiceSource, Principal, RuleCondition, RuleOperation, RuleSource, WorkloadSelector,
} from '../../src';
import { shopChart, deployment, only, synthValid } from '../fixtures/app';

function policy(chart: Chart, name?: string): any {
  return only(synthValid(chart), 'AuthorizationPolicy', name);
}

describe('AuthorizationPolicy: placement', () => {
  test('emits security.istio.io/v1 in the chart\'s namespace, named after the construct id', () => {
    const chart = shopChart();
    new AuthorizationPolicy(chart, 'Reviews-Policy');
    const p = policy(chart);
    expect(p.apiVersion).toBe('security.istio.io/v1');
    expect(p.metadata).toEqual({ name: 'reviews-policy', namespace: 'shop' });
  });

  test('emits v1beta1 when the Mesh asks for it', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { apiVersion: IstioApiVersion.V1BETA1 });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new AuthorizationPolicy(chart, 'p');
    expect(policy(chart).apiVersion).toBe('security.istio.io/v1beta1');
  });

  test('without selector or targetRefs applies to the whole namespace', () => {
    const chart = shopChart();
    new AuthorizationPolicy(chart, 'p', { namespace: 'ops' });
    const p = policy(chart);
    expect(p.metadata.namespace).toBe('ops');
    expect(p.spec.selector).toBeUndefined();
  });

  test('meshWide puts the policy in the mesh\'s root namespace', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { rootNamespace: 'istio-config' });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new AuthorizationPolicy(chart, 'p', { meshWide: true });
    expect(policy(chart).metadata.namespace).toBe('istio-config');
  });

  test('goes to the namespace of the selected workload', () => {
    const chart = shopChart();
    const other = new Chart(chart.node.root as any, 'pay', { namespace: 'payments' });
    const d = deployment(other, 'ledger');
    new AuthorizationPolicy(chart, 'p', { selector: WorkloadSelector.fromWorkload(d) });
    expect(only(synthValid(chart), 'AuthorizationPolicy').metadata.namespace).toBe('payments');
  });

  test('refuses a namespace other than the selected workload\'s, naming both', () => {
    const chart = shopChart();
    const svc = new MeshService(chart, 'reviews', { port: 9080 });
    expect(() => new AuthorizationPolicy(chart, 'p', { namespace: 'ops', selector: WorkloadSelector.fromMeshService(svc) }))
      .toThrow(/shop\/p: namespace is 'ops' but the selector picks MeshService shop\/reviews in namespace 'shop'/);
  });

  test('refuses selector and targetRefs together', () => {
    expect(() => new AuthorizationPolicy(shopChart(), 'p', { selector: WorkloadSelector.fromLabels({ app: 'a' }), targetRefs: [{ kind: 'Gateway', name: 'gw' }] }))
      .toThrow(/set either selector or targetRefs, not both/);
  });

  test('targetRefs get the API group of their kind', () => {
    const chart = shopChart();
    new AuthorizationPolicy(chart, 'p', { targetRefs: [{ kind: 'Gateway', name: 'gw' }, { kind: 'Service', name: 'reviews' }] });
    expect(policy(chart).spec.targetRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' },
      { group: '', kind: 'Service', name: 'reviews' },
    ]);
  });

  test('refuses a name Kubernetes would refuse, suggesting one', () => {
    expect(() => new AuthorizationPolicy(shopChart(), 'p', { name: 'Allow_All' })).toThrow(/name 'Allow_All' is not a valid Kubernetes name.*'allow-all'/);
  });

  test('exposes the emitted object for JSON patches', () => {
    const chart = shopChart();
    const p = new AuthorizationPolicy(chart, 'p');
    p.apiObject.metadata.addLabel('team', 'web');
    expect(policy(chart).metadata.labels).toEqual({ team: 'web' });
  });
});

describe('AuthorizationPolicy: actions', () => {
  test('defaults to ALLOW', () => {
    const chart = shopChart();
    new AuthorizationPolicy(chart, 'p');
    expect(policy(chart).spec.action).toBe('ALLOW');
  });

  test.each([['DENY', AuthorizationAction.DENY], ['AUDIT', AuthorizationAction.AUDIT]])('writes %s', (value, action) => {
    const chart = shopChart();
    new AuthorizationPolicy(chart, 'p', { action, rules: [AuthorizationRule.matchAll()] });
    expect(policy(chart).spec.action).toBe(value);
  });

  test('CUSTOM carries the extension provider name', () => {
    const chart = shopChart();
    new AuthorizationPolicy(chart, 'p', { action: AuthorizationAction.custom('ext-authz'), rules: [new AuthorizationRule({ to: [RuleOperation.onPaths('/admin/*')] })] });
    expect(policy(chart).spec).toMatchObject({ action: 'CUSTOM', provider: { name: 'ext-authz' } });
  });

  test('CUSTOM without a provider name is refused', () => {
    expect(() => AuthorizationAction.custom('')).toThrow(/give the name of an extension provider/);
  });
});

describe('AuthorizationPolicy: rules', () => {
  test('a rule writes from, to and when together', () => {
    const chart = shopChart();
    const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'web' } });
    new AuthorizationPolicy(chart, 'p', {
      rules: [new AuthorizationRule({
        from: [RuleSource.fromServiceAccounts(sa), RuleSource.fromNamespaces('ops')],
        to: [new RuleOperation({ methods: ['GET'], paths: ['/api/*'] })],
        when: [RuleCondition.matches(ConditionKey.requestHeader('x-tenant'), 'acme')],
      })],
    });
    expect(policy(chart).spec.rules).toEqual([{
      from: [{ source: { principals: ['cluster.local/ns/shop/sa/web'] } }, { source: { namespaces: ['ops'] } }],
      to: [{ operation: { methods: ['GET'], paths: ['/api/*'] } }],
      when: [{ key: 'request.headers[x-tenant]', values: ['acme'] }],
    }]);
  });

  test('a rule with nothing matches every request and is written as an empty rule', () => {
    const chart = shopChart();
    const rule = AuthorizationRule.matchAll();
    new AuthorizationPolicy(chart, 'p', { action: AuthorizationAction.DENY, rules: [rule] });
    expect(rule.matchesAll).toBe(true);
    expect(policy(chart).spec.rules).toEqual([{}]);
  });

  test('addRule after construction is reflected in the manifest', () => {
    const chart = shopChart();
    const p = new AuthorizationPolicy(chart, 'p');
    p.addRule(new AuthorizationRule({ from: [RuleSource.fromNamespaces('a')] }));
    p.addRule(new AuthorizationRule({ from: [RuleSource.fromNamespaces('b')] }));
    expect(policy(chart).spec.rules.map((r: any) => r.from[0].source.namespaces[0])).toEqual(['a', 'b']);
    expect(p.rules).toHaveLength(2);
  });

  test('addRule refuses something that is not an AuthorizationRule', () => {
    const p = new AuthorizationPolicy(shopChart(), 'p');
    expect(() => p.addRule({ from: [] } as any)).toThrow(/shop\/p: addRule\(\) needs an AuthorizationRule/);
  });

  test('a default-account principal added later is recorded in the annotation', () => {
    const chart = shopChart();
    const p = new AuthorizationPolicy(chart, 'p');
    p.addRule(new AuthorizationRule({ from: [RuleSource.fromWorkloads(deployment(chart, 'batch'))] }));
    expect(policy(chart).metadata.annotations[Principal.DEFAULT_SERVICE_ACCOUNT_ANNOTATION]).toBe('cluster.local/ns/shop/sa/default');
  });
});

describe('AuthorizationPolicy.denyAll', () => {
  test('is an ALLOW policy without rules in the chart\'s namespace', () => {
    const chart = shopChart();
    AuthorizationPolicy.denyAll(chart, 'deny-all');
    const p = policy(chart);
    expect(p.metadata).toEqual({ name: 'deny-all', namespace: 'shop' });
    expect(p.spec).toEqual({ action: 'ALLOW' });
  });

  test('closes another namespace when given one', () => {
    const chart = shopChart();
    AuthorizationPolicy.denyAll(chart, 'deny-all', { namespace: 'payments', name: 'allow-nothing' });
    expect(policy(chart).metadata).toEqual({ name: 'allow-nothing', namespace: 'payments' });
  });

  test('closes the whole mesh from the root namespace', () => {
    const chart = shopChart();
    AuthorizationPolicy.denyAll(chart, 'deny-all', { meshWide: true });
    expect(policy(chart).metadata.namespace).toBe('istio-system');
  });
});

describe('AuthorizationPolicy.allowCallers', () => {
  function setup() {
    const chart = shopChart();
    const frontendSa = new kplus.ServiceAccount(chart, 'frontend-sa', { metadata: { name: 'frontend' } });
    const backend = new MeshService(chart, 'backend', { port: 9090 });
    return { chart, frontendSa, backend };
  }

  test('allows the callers to the service\'s pods', () => {
    const { chart, frontendSa, backend } = setup();
    AuthorizationPolicy.allowCallers(chart, 'backend-callers', { to: backend, from: [Principal.fromServiceAccount(frontendSa)] });
    const p = policy(chart);
    expect(p.metadata).toEqual({ name: 'backend-callers', namespace: 'shop' });
    expect(p.spec).toEqual({
      selector: { matchLabels: { app: 'backend' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend'] } }] }],
    });
  });

  test('restricts methods, paths and ports when given', () => {
    const { chart, frontendSa, backend } = setup();
    AuthorizationPolicy.allowCallers(chart, 'p', { to: backend, from: [Principal.fromServiceAccount(frontendSa)], methods: ['GET'], paths: ['/api/*'], ports: [9090] });
    expect(policy(chart).spec.rules[0].to).toEqual([{ operation: { methods: ['GET'], paths: ['/api/*'], ports: ['9090'] } }]);
  });

  test('goes to the service\'s namespace', () => {
    const { chart, frontendSa } = setup();
    const other = new Chart(chart.node.root as any, 'pay', { namespace: 'payments' });
    const ledger = new MeshService(other, 'ledger', { port: 8080 });
    AuthorizationPolicy.allowCallers(chart, 'p', { to: ledger, from: [Principal.fromServiceAccount(frontendSa)] });
    expect(only(synthValid(chart), 'AuthorizationPolicy').metadata.namespace).toBe('payments');
  });

  test('refuses an empty caller list, which would allow everyone', () => {
    const { chart, backend } = setup();
    expect(() => AuthorizationPolicy.allowCallers(chart, 'p', { to: backend, from: [] })).toThrow(/shop\/p: allowCallers\(\) needs at least one caller.*Principal.any\(\)/);
  });

  test('refuses a service known only by its host, whose pods it cannot select', () => {
    const { chart, frontendSa } = setup();
    const ext = new MeshService(chart, 'ext', { source: MeshServiceSource.fromHost('api.example.com') });
    expect(() => AuthorizationPolicy.allowCallers(chart, 'p', { to: ext, from: [Principal.fromServiceAccount(frontendSa)] })).toThrow(/stands for the host api\.example\.com/);
  });

  test('selects the pods of a Service adopted with fromService by its selector', () => {
    const { chart, frontendSa } = setup();
    const service = new kplus.Service(chart, 'ratings-svc', { metadata: { name: 'ratings' }, ports: [{ port: 9080 }] });
    service.selectLabel('app', 'ratings');
    const ratings = new MeshService(chart, 'ratings', { source: MeshServiceSource.fromService(service) });
    AuthorizationPolicy.allowCallers(chart, 'p', { to: ratings, from: [Principal.fromServiceAccount(frontendSa)] });
    expect(policy(chart).spec.selector).toEqual({ matchLabels: { app: 'ratings' } });
  });
});
