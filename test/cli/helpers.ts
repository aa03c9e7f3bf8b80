import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { Severity } from '../../src/analysis/diagnostic';
import { isPlainObject } from '../../src/analysis/manifest';
import { Rule } from '../../src/analysis/rule';
import { main } from '../../src/cli/main';

/** Creates a temp folder holding `files` (relative path → content) and returns its path. */
export function tempTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output, relative paths resolved against `cwd`. */
export async function runCli(argv: string[], opts: { cwd?: string; stdin?: string; rules?: readonly Rule[] } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from([Buffer.from(opts.stdin ?? '', 'utf8')]),
      cwd: opts.cwd ?? os.tmpdir(),
    },
    { rules: opts.rules ?? TEST_RULES },
  );
  return { code, stdout, stderr };
}

/** The metadata every rule carries, for the test rules below (what they say is not under test). */
export const TEST_RULE_INFO = {
  kinds: ['VirtualService'],
  origin: 'app',
  docs: 'A rule made up for these tests.',
  fields: 'spec',
  fix: 'Change the test input.',
} as const;

/** Error: every `spec.http[i].retries` of a VirtualService (so a test controls where it fires). */
export const RETRIES_RULE: Rule = {
  ...TEST_RULE_INFO,
  id: 'test-no-retries',
  severity: Severity.ERROR,
  istioCode: 'IST9999',
  summary: 'Test rule: VirtualService routes must not set retries.',
  check(model, report) {
    for (const vs of model.virtualServices()) {
      const http = isPlainObject(vs.spec) && Array.isArray(vs.spec.http) ? vs.spec.http : [];
      http.forEach((route: any, i: number) => {
        if (isPlainObject(route) && route.retries !== undefined) {
          report({ object: vs, path: ['spec', 'http', i, 'retries'], message: 'retries are not allowed here.', fix: 'remove retries' });
        }
      });
    }
  },
};

/** Warning: every Service that does not declare a namespace. */
export const NAMESPACE_RULE: Rule = {
  ...TEST_RULE_INFO,
  id: 'test-service-namespace',
  severity: Severity.WARNING,
  summary: 'Test rule: Services should declare their namespace.',
  check(model, report) {
    for (const svc of model.ofKind('', 'Service')) {
      if (svc.declaredNamespace === undefined) {
        report({ object: svc, path: ['metadata'], message: 'the Service declares no namespace.' });
      }
    }
  },
};

/** Error, across objects: a VirtualService whose first host names no Service of the input. */
export const HOST_RULE: Rule = {
  ...TEST_RULE_INFO,
  id: 'test-host-exists',
  severity: Severity.ERROR,
  summary: 'Test rule: the first host of a VirtualService must be a Service of the input.',
  check(model, report) {
    for (const vs of model.virtualServices()) {
      const host = isPlainObject(vs.spec) && Array.isArray(vs.spec.hosts) ? vs.spec.hosts[0] : undefined;
      if (typeof host === 'string' && !model.serviceForHost(model.fqdn(host, vs.namespace))) {
        report({ object: vs, path: ['spec', 'hosts', 0], message: `host ${host} is not a Service of the input.` });
      }
    }
  },
};

export const TEST_RULES: readonly Rule[] = [RETRIES_RULE, NAMESPACE_RULE, HOST_RULE];

/** Info on every Service, the whole object (not among TEST_RULES). */
export const SERVICE_INFO_RULE: Rule = {
  ...TEST_RULE_INFO,
  id: 'test-service-info',
  severity: Severity.INFO,
  summary: 'Test rule: notes every Service.',
  check(model, report) {
    for (const svc of model.ofKind('', 'Service')) report({ object: svc, path: [], message: 'a Service.' });
  },
};

export const SERVICE_YAML = `apiVersion: v1
kind: Service
metadata:
  name: reviews
  namespace: shop
spec:
  ports:
  - name: http
    port: 9080
`;

/** SERVICE_YAML without its namespace (NAMESPACE_RULE warns on it). */
export const UNNAMESPACED_SERVICE_YAML = SERVICE_YAML.replace('  namespace: shop\n', '');

/** A VirtualService whose second route sets retries: `spec.http[1].retries` is on line 17. */
export const VIRTUAL_SERVICE_YAML = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews
  http:
  - match:
    - headers:
        end-user:
          exact: jason
    route:
    - destination: {host: reviews, subset: v2}
  - timeout: 10s
    retries:
      attempts: 3
      perTryTimeout: 2s
    route:
    - destination:
        host: reviews
        subset: v1
`;
export const RETRIES_LINE = 17;

/**
 * A mesh-wide STRICT PeerAuthentication in istio-config and a DestinationRule of shop turning TLS
 * off: a conflict (destinationrule-mtls-conflict) only when istio-config is the root namespace.
 */
export const ROOT_POLICY_CONFLICT_YAML = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-config}
spec: {mtls: {mode: STRICT}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{name: http, port: 8080}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api.shop.svc.cluster.local
  trafficPolicy: {tls: {mode: DISABLE}}
`;
