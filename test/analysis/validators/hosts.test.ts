import { Diagnostic } from '../../../src/analysis/diagnostic';
import { runRules } from '../../../src/analysis/engine';
import { ALL_RULES } from '../../../src/analysis/rules';
import { fqdnFault, wildcardDomainFault, wildcardDomainProblem } from '../../../src/analysis/validators/hosts';
import { wildcardDomainProblem as virtualServiceDomainProblem } from '../../../src/analysis/validators/webhook-values';
import { gatewayHostProblem, sidecarHostProblem } from '../../../src/edge/hosts';

function rule(id: string) {
  const found = ALL_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function run(id: string, manifest: object): Diagnostic[] {
  return runRules([{ manifest }], [rule(id)]);
}

describe('Istio\'s ValidateDNS1123Labels reads the top-level domain as the text after the last dot', () => {
  // pkg/config/validation/agent: ValidateDNS1123Labels splits on "." and checks the last part with
  // strconv.Atoi before it allows an empty last label. With a trailing dot the last part is "",
  // which is not a number, so `example.123.` passes; without it "123" is all digits and fails.
  test('example.123. is a valid domain: its last label is empty, not all digits', () => {
    expect(wildcardDomainFault('example.123.')).toBeUndefined();
    expect(fqdnFault('example.123.')).toBeUndefined();
  });

  test('example.123 is not: its top-level domain is all digits', () => {
    expect(wildcardDomainFault('example.123')).toEqual({ kind: 'numeric-tld', label: '123' });
  });

  test('the VirtualService and the edge wordings give the same verdict on example.123.', () => {
    expect(wildcardDomainProblem('example.123.')).toBeUndefined();
    expect(virtualServiceDomainProblem('example.123.')).toBeUndefined();
    expect(virtualServiceDomainProblem('example.123')).toBe('the top-level label "123" is all digits');
  });

  test('virtualservice-invalid-host accepts example.123. as a host', () => {
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { hosts: ['example.123.'], http: [{ route: [{ destination: { host: 'api.shop.svc.cluster.local' } }] }] },
    };
    expect(run('virtualservice-invalid-host', vs)).toEqual([]);
  });

  test('virtualservice-invalid-host rejects example.123', () => {
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { hosts: ['example.123'], http: [{ route: [{ destination: { host: 'api.shop.svc.cluster.local' } }] }] },
    };
    expect(run('virtualservice-invalid-host', vs).map((d) => d.path)).toEqual(['spec.hosts[0]']);
  });
});

/** Hosts on both sides of Istio's line: names, wildcards, IPs, namespaces, label shapes. */
const HOSTS = [
  'reviews.shop.svc.cluster.local',
  'api.example.com',
  'Api.Example.COM',
  '*.example.com',
  '*',
  'example.com.',
  'example.123.',
  'example.123',
  'reviews',
  '*foo.example.com',
  '*--foo.example.com',
  'a.*.com',
  'example.com..',
  '-bad.example.com',
  'bad-.example.com',
  'under_score.example.com',
  `${'a'.repeat(64)}.example.com`,
  '10.0.0.1',
  'prod/api.example.com',
  './api.example.com',
  '*/api.example.com',
  '*/*',
  'bad_ns/api.example.com',
  '~/api.example.com',
  'prod/reviews',
  'prod/example.123',
  'prod/example.123.',
  '/api.example.com',
];

function gateway(host: string): object {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'shop' },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [host] }] },
  };
}

function sidecar(host: string): object {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'default', namespace: 'shop' },
    spec: { egress: [{ hosts: [host] }] },
  };
}

describe('the constructs\' early host checks and the rules give the same verdicts', () => {
  test.each(HOSTS)('Gateway server host %j', (host) => {
    const ruleRejects = run('gateway-invalid-server', gateway(host)).some((d) => d.path === 'spec.servers[0].hosts[0]');
    const constructRejects = gatewayHostProblem(host) !== undefined;
    expect(constructRejects).toBe(ruleRejects);
  });

  test.each(HOSTS)('Sidecar egress host %j', (host) => {
    const ruleRejects = run('sidecar-invalid-egress', sidecar(host)).some((d) => d.path === 'spec.egress[0].hosts[0]');
    const constructRejects = sidecarHostProblem(host) !== undefined;
    expect(constructRejects).toBe(ruleRejects);
  });
});
