import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture } from './support';
import { main } from '../../src/cli/main';

const REVIEWS_BY_USER = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - name: jason
    match:
    - headers:
        end-user: {exact: jason}
    route:
    - destination: {host: reviews, subset: v2}
  - name: everyone-else
    route:
    - destination: {host: reviews, subset: v1}
`;

/** A folder holding Bookinfo and the routes above, as files lint would read. */
function bookinfoFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-simulate-'));
  for (const name of ['bookinfo.yaml', 'bookinfo-destination-rules.yaml', 'bookinfo-gateway.yaml']) fs.writeFileSync(path.join(dir, name), fixture(name));
  fs.writeFileSync(path.join(dir, 'reviews.yaml'), REVIEWS_BY_USER);
  return dir;
}

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, stdin: '', cwd });
  return { code, stdout, stderr };
}

describe('cdk8s-istio simulate', () => {
  const dir = bookinfoFolder();

  test('--format json prints the trace with the documented keys and exits 0', async () => {
    const r = await run(['simulate', '.', '--to', 'http://reviews:9080/reviews/0', '--from-workload', 'default/productpage-v1', '-H', 'end-user: jason', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const trace = JSON.parse(r.stdout);
    expect(trace).toMatchObject({
      outcome: 'routed',
      route: { virtualService: { namespace: 'default', name: 'reviews' }, index: 0, name: 'jason' },
      destinations: [{ host: 'reviews.default.svc.cluster.local', subset: 'v2', port: 9080, weight: 100 }],
      timeout: null,
      retries: { attempts: 2, isDefault: true },
      fault: null,
      mirrors: [],
      tls: { client: 'ISTIO_MUTUAL', server: 'PERMISSIVE' },
      authorization: { decision: 'ALLOW', policy: null },
    });
  });

  test('text output names the route taken and the earlier route with the condition that failed', async () => {
    const r = await run(['simulate', dir, '--to', 'http://reviews:9080/', '--from', 'default/bookinfo-productpage'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('outcome: routed');
    expect(r.stdout).toContain('route: VirtualService default/reviews, http route "everyone-else" (#1)');
    expect(r.stdout).toContain('skipped "jason" (#0): headers[end-user] exact "jason", but it is absent');
  });

  test('text output names a GAMMA HTTPRoute and its rule when one routes the Service', async () => {
    const gamma = bookinfoFolder();
    fs.rmSync(path.join(gamma, 'reviews.yaml'));
    fs.writeFileSync(path.join(gamma, 'reviews-route.yaml'), `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: reviews}
spec:
  parentRefs: [{group: "", kind: Service, name: reviews, port: 9080}]
  rules:
  - name: api
    matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: reviews, port: 9080}]
`);
    const r = await run(['simulate', gamma, '--to', 'http://reviews:9080/api/1', '--from', 'default/bookinfo-productpage'], gamma);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('route: HTTPRoute default/reviews, http rule "api" (#0) match[0], on mesh');
  });

  test('--via-gateway routes the gateway\'s host and path through the VirtualService bound to it', async () => {
    const r = await run(['simulate', dir, '--to', 'http://bookinfo.example.com/productpage', '--via-gateway', 'default/bookinfo-gateway', '-f', 'json'], dir);
    expect(JSON.parse(r.stdout).route.virtualService.name).toBe('bookinfo');
  });

  test('--via-gateway with a Gateway API Gateway names the listener and the HTTPRoute attached to it', async () => {
    const gwApi = bookinfoFolder();
    fs.rmSync(path.join(gwApi, 'bookinfo-gateway.yaml'));
    fs.writeFileSync(path.join(gwApi, 'ingress.yaml'), `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ingress}
spec:
  gatewayClassName: istio
  listeners:
  - {name: web, port: 80, protocol: HTTP, hostname: bookinfo.example.com}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: productpage}
spec:
  parentRefs: [{name: ingress, sectionName: web}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /productpage}}]
    backendRefs: [{name: productpage, port: 9080}]
`);
    const text = await run(['simulate', gwApi, '--to', 'http://bookinfo.example.com/productpage', '--via-gateway', 'default/ingress'], gwApi);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('listener: web of Gateway default/ingress (HTTP port 80, hostname bookinfo.example.com)');
    expect(text.stdout).toContain('route: HTTPRoute default/productpage, http rule #0 match[0], on default/ingress');
    const json = JSON.parse((await run(['simulate', gwApi, '--to', 'http://bookinfo.example.com/productpage', '--via-gateway', 'default/ingress', '-f', 'json'], gwApi)).stdout);
    expect(json).toMatchObject({ outcome: 'routed', listener: { name: 'web', port: 80 }, destinations: [{ host: 'productpage.default.svc.cluster.local', port: 9080 }] });
  });

  test('a trace whose outcome is not routed still exits 0 (404 for a path the gateway routes nowhere)', async () => {
    const r = await run(['simulate', dir, '--to', 'http://bookinfo.example.com/admin', '--via-gateway', 'default/bookinfo-gateway', '-f', 'json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'no-route', statusCode: 404, route: null });
  });

  test('a workload the input does not hold exits 2 and lists the namespace\'s workloads, without a stack trace', async () => {
    const r = await run(['simulate', dir, '--to', 'http://reviews:9080/', '--from-workload', 'default/nope'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no workload default\/nope in the input; workloads of namespace default: .*productpage-v1/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('two client options at once exit 2', async () => {
    const r = await run(['simulate', dir, '--to', 'http://reviews/', '--from', 'default/a', '--from-workload', 'default/b'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('both say who sends the request');
  });

  test('a missing --to exits 2', async () => {
    expect((await run(['simulate', dir], dir)).code).toBe(2);
  });

  test('a malformed header exits 2 and shows the form to write', async () => {
    const r = await run(['simulate', dir, '--to', 'http://reviews/', '-H', 'end-user jason'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("write 'NAME: VALUE'");
  });

  test('an unreadable input exits 2', async () => {
    const r = await run(['simulate', path.join(dir, 'missing.yaml'), '--to', 'http://reviews/'], dir);
    expect(r.code).toBe(2);
  });

  test('lint still runs as before', async () => {
    const r = await run(['lint', dir, '--format', 'json'], dir);
    expect(r.code).toBe(0);
  });
});

describe('cdk8s-istio simulate --jwt', () => {
  const dir = bookinfoFolder();
  fs.writeFileSync(path.join(dir, 'jwt.yaml'), `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: default}
spec:
  selector: {matchLabels: {app: reviews}}
  jwtRules: [{issuer: "https://auth.example.com", audiences: [shop]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: require-jwt, namespace: default}
spec:
  selector: {matchLabels: {app: reviews}}
  rules: [{from: [{source: {requestPrincipals: ["*"]}}]}]
`);
  const base = ['simulate', dir, '--to', 'http://reviews:9080/', '--from', 'default/bookinfo-productpage', '-f', 'json'];

  test('a token ISSUER/SUBJECT (split at the last /) with the right audience is allowed', async () => {
    const trace = JSON.parse((await run([...base, '--jwt', 'https://auth.example.com/alice', '--jwt-audience', 'shop'], dir)).stdout);
    expect(trace.outcome).toBe('routed');
    expect(trace.destinations[0].server.authentication.requestPrincipal).toBe('https://auth.example.com/alice');
  });

  test('--jwt-invalid is refused with 401', async () => {
    const trace = JSON.parse((await run([...base, '--jwt', 'https://auth.example.com/alice', '--jwt-invalid'], dir)).stdout);
    expect(trace).toMatchObject({ outcome: 'denied', statusCode: 401 });
  });

  test('--jwt-audience without --jwt exits 2', async () => {
    expect((await run([...base, '--jwt-audience', 'shop'], dir)).code).toBe(2);
  });
});
