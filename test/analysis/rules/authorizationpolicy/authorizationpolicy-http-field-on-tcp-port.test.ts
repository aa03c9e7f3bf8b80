import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy, selecting, service, workload } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('authorizationpolicy-http-field-on-tcp-port');

const db = workload('db', 'data', { app: 'db' }, { ports: [{ name: 'pg', containerPort: 5432 }, { name: 'metrics', containerPort: 9090 }] });
const dbSvc = service('db', 'data', selecting({ app: 'db' }, [{ name: 'tcp-postgres', port: 5432 }, { name: 'http-metrics', port: 9090, targetPort: 'metrics' }]));
const policy = (action: string, rules: any[]) => authorizationPolicy('db', 'data', { action, selector: { matchLabels: { app: 'db' } }, rules });

describe('authorizationpolicy-http-field-on-tcp-port', () => {
  test('reports methods on a port the Service declares TCP', () => {
    const ap = policy('ALLOW', [{ to: [{ operation: { ports: ['5432'], methods: ['GET'] } }] }]);
    const d = one(rule, [db, dbSvc, ap], { path: 'spec.rules[0].to[0].operation.methods', severity: Severity.ERROR });
    expect(d.istioCode).toBeUndefined();
    expect(d.message).toContain('Rule 0 matches on methods');
    expect(d.message).toContain('port 5432 (Service data/db port 5432, name "tcp-postgres") carries TCP');
    expect(d.message).toContain('never allows anything');
    expect(d.fix).toContain('appProtocol: http');
  });

  test('a DENY rule with HTTP conditions on a TCP-only workload matches every connection', () => {
    const tcpOnly = service('db', 'data', selecting({ app: 'db' }, [{ name: 'postgres', port: 5432, appProtocol: 'tcp' }]));
    const ap = policy('DENY', [{ from: [{ source: { requestPrincipals: ['*'] } }], when: [{ key: 'request.headers[x-debug]', values: ['1'] }] }]);
    const found = one(rule, [db, tcpOnly, ap], { path: 'spec.rules[0].from[0].source.requestPrincipals' });
    expect(found.path).toBe('spec.rules[0].from[0].source.requestPrincipals');
    expect(found.message).toContain('every port 5432 (Service data/db port 5432, appProtocol "tcp") carries TCP');
    expect(found.message).toContain('matches every connection');
  });

  test('accepts HTTP fields on HTTP ports, or on a mix of ports, and TCP-only rules on TCP ports', () => {
    const onHttp = policy('ALLOW', [{ to: [{ operation: { ports: ['9090'], paths: ['/metrics'] } }] }]);
    const mixed = policy('ALLOW', [{ to: [{ operation: { methods: ['GET'] } }] }]);
    const tcp = policy('ALLOW', [{ from: [{ source: { principals: ['cluster.local/ns/app/sa/api'] } }], to: [{ operation: { ports: ['5432'] } }] }]);
    none(rule, [db, dbSvc, onHttp, mixed, tcp]);
  });

  test('does not judge ports whose protocol Istio sniffs, or workloads without Service', () => {
    const unnamed = service('db', 'data', selecting({ app: 'db' }, [{ port: 5432 }]));
    const ap = policy('ALLOW', [{ to: [{ operation: { ports: ['5432'], methods: ['GET'] } }] }]);
    none(rule, [db, unnamed, ap]);
    none(rule, [db, ap]);
  });
});
