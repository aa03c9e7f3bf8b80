import { authorizationPolicy, run, service, workload } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicyHttpFieldOnTcpPort as rule } from '../../../../src/analysis/rules/authorizationpolicy/authorizationpolicy-http-field-on-tcp-port';

const db = workload('db', 'data', { app: 'db' }, { ports: [{ name: 'pg', containerPort: 5432 }, { name: 'metrics', containerPort: 9090 }] });
const dbSvc = service('db', 'data', { app: 'db' }, [{ name: 'tcp-postgres', port: 5432 }, { name: 'http-metrics', port: 9090, targetPort: 'metrics' }]);
const policy = (action: string, rules: any[]) => authorizationPolicy('db', 'data', { action, selector: { matchLabels: { app: 'db' } }, rules });

describe('authorizationpolicy-http-field-on-tcp-port', () => {
  test('reports methods on a port the Service declares TCP', () => {
    const ap = policy('ALLOW', [{ to: [{ operation: { ports: ['5432'], methods: ['GET'] } }] }]);
    const ds = run(rule, [db, dbSvc, ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'authorizationpolicy-http-field-on-tcp-port', severity: Severity.ERROR, path: 'spec.rules[0].to[0].operation.methods' });
    expect(ds[0].istioCode).toBeUndefined();
    expect(ds[0].message).toContain('Rule 0 matches on methods');
    expect(ds[0].message).toContain('port 5432 (Service data/db port 5432, name "tcp-postgres") carries TCP');
    expect(ds[0].message).toContain('never allows anything');
    expect(ds[0].fix).toContain('appProtocol: http');
  });

  test('a DENY rule with HTTP conditions on a TCP-only workload matches every connection', () => {
    const tcpOnly = service('db', 'data', { app: 'db' }, [{ name: 'postgres', port: 5432, appProtocol: 'tcp' }]);
    const ap = policy('DENY', [{ from: [{ source: { requestPrincipals: ['*'] } }], when: [{ key: 'request.headers[x-debug]', values: ['1'] }] }]);
    const ds = run(rule, [db, tcpOnly, ap]);
    expect(ds).toHaveLength(1);
    expect(ds[0].path).toBe('spec.rules[0].from[0].source.requestPrincipals');
    expect(ds[0].message).toContain('every port 5432 (Service data/db port 5432, appProtocol "tcp") carries TCP');
    expect(ds[0].message).toContain('matches every connection');
  });

  test('accepts HTTP fields on HTTP ports, or on a mix of ports, and TCP-only rules on TCP ports', () => {
    const onHttp = policy('ALLOW', [{ to: [{ operation: { ports: ['9090'], paths: ['/metrics'] } }] }]);
    const mixed = policy('ALLOW', [{ to: [{ operation: { methods: ['GET'] } }] }]);
    const tcp = policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/app/sa/api'] } }], to: [{ operation: { ports: ['5432'] } }] }]);
    expect(run(rule, [db, dbSvc, onHttp, mixed, tcp])).toEqual([]);
  });

  test('does not judge ports whose protocol Istio sniffs, or workloads without Service', () => {
    const unnamed = service('db', 'data', { app: 'db' }, [{ port: 5432 }]);
    const ap = policy('ALLOW', [{ to: [{ operation: { ports: ['5432'], methods: ['GET'] } }] }]);
    expect(run(rule, [db, unnamed, ap])).toEqual([]);
    expect(run(rule, [db, ap])).toEqual([]);
  });
});
