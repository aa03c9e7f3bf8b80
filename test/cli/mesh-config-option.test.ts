import * as fs from 'fs';
import * as path from 'path';
import { ROOT_POLICY_CONFLICT_YAML, runCli, tempTree } from './helpers';
import { ALL_RULES } from '../../src/analysis/rules';
import { LINT_USAGE } from '../../src/cli/main';

// A workload of `shop` routed to an external host that no ServiceEntry declares: blocked only
// when the mesh's outbound traffic policy is REGISTRY_ONLY.
const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout, namespace: shop}
spec:
  selector: {matchLabels: {app: checkout}}
  template:
    metadata: {labels: {app: checkout}}
    spec: {containers: [{name: app, image: app:1}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: payments, namespace: shop}
spec:
  hosts: [api.payments.example.com]
  http: [{timeout: 5s, route: [{destination: {host: api.payments.example.com}}]}]
`;

const CONFIG_MAP = (mesh: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
${mesh.split('\n').map((l) => `    ${l}`).join('\n')}
`;

async function lint(files: Record<string, string>, args: string[], inputs = ['app.yaml']) {
  const dir = tempTree(files);
  const r = await runCli(['lint', '-f', 'json', ...args, ...inputs], { cwd: dir, rules: ALL_RULES });
  return { ...r, ids: r.stdout ? JSON.parse(r.stdout).diagnostics.map((d: any) => d.ruleId) as string[] : [] };
}

describe('lint --mesh-config FILE', () => {
  test('its outboundTrafficPolicy applies: REGISTRY_ONLY blocks an undeclared external host', async () => {
    const r = await lint({ 'app.yaml': APP, 'mesh.yaml': 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' }, ['--mesh-config', 'mesh.yaml']);
    expect(r.ids).toContain('virtualservice-external-host-blocked');
    expect(r.stdout).toContain('mesh config file mesh.yaml');
  });

  test('without it, Istio\'s default ALLOW_ANY applies', async () => {
    const r = await lint({ 'app.yaml': APP }, []);
    expect(r.ids).not.toContain('virtualservice-external-host-blocked');
  });

  test('an outboundTrafficPolicy written without mode means REGISTRY_ONLY, as in Istio', async () => {
    const r = await lint({ 'app.yaml': APP, 'mesh.yaml': 'outboundTrafficPolicy: {}\n' }, ['--mesh-config', 'mesh.yaml']);
    expect(r.ids).toContain('virtualservice-external-host-blocked');
  });

  test('takes precedence over a mesh config ConfigMap among the inputs', async () => {
    const files = { 'app.yaml': APP, 'cm.yaml': CONFIG_MAP('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY'), 'mesh.yaml': 'outboundTrafficPolicy:\n  mode: ALLOW_ANY\n' };
    expect((await lint(files, [], ['app.yaml', 'cm.yaml'])).ids).toContain('virtualservice-external-host-blocked');
    expect((await lint(files, ['--mesh-config', 'mesh.yaml'], ['app.yaml', 'cm.yaml'])).ids).not.toContain('virtualservice-external-host-blocked');
  });

  test('accepts the istio ConfigMap itself, reading its data.mesh', async () => {
    const r = await lint({ 'app.yaml': APP, 'cm.yaml': CONFIG_MAP('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY') }, ['--mesh-config', 'cm.yaml']);
    expect(r.ids).toContain('virtualservice-external-host-blocked');
  });

  test('its rootNamespace becomes the root namespace', async () => {
    const r = await lint({ 'app.yaml': ROOT_POLICY_CONFLICT_YAML, 'mesh.yaml': 'rootNamespace: istio-config\n' }, ['--mesh-config', 'mesh.yaml']);
    expect(r.ids).toContain('destinationrule-mtls-conflict');
  });

  test('--root-namespace given explicitly wins over the file\'s rootNamespace', async () => {
    const r = await lint({ 'app.yaml': ROOT_POLICY_CONFLICT_YAML, 'mesh.yaml': 'rootNamespace: istio-config\n' }, ['--mesh-config', 'mesh.yaml', '--root-namespace', 'istio-system']);
    expect(r.ids).not.toContain('destinationrule-mtls-conflict');
  });

  test('its defaultProviders apply: a Telemetry access log without provider is then not reported (as istioctl)', async () => {
    const telemetry = 'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: logs, namespace: shop}\nspec:\n  accessLogging: [{}]\n';
    const files = { 'app.yaml': telemetry, 'mesh.yaml': 'defaultProviders:\n  accessLogging: [envoy]\n' };
    expect((await lint(files, [])).ids).toContain('telemetry-access-logging-without-provider');
    expect((await lint(files, ['--mesh-config', 'mesh.yaml'])).ids).not.toContain('telemetry-access-logging-without-provider');
  });

  test('unreadable YAML exits 2 with a message naming the file, and nothing is checked', async () => {
    const r = await lint({ 'app.yaml': APP, 'mesh.yaml': 'outboundTrafficPolicy: [mode: \n' }, ['--mesh-config', 'mesh.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-istio lint: --mesh-config: mesh config file mesh.yaml: not valid YAML/);
    expect(r.stderr).not.toContain('    at ');
  });

  test('a field of the wrong type exits 2 and says which', async () => {
    const r = await lint({ 'app.yaml': APP, 'mesh.yaml': 'outboundTrafficPolicy:\n  mode: BLOCK\n' }, ['--mesh-config', 'mesh.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('outboundTrafficPolicy.mode must be REGISTRY_ONLY or ALLOW_ANY, not "BLOCK"');
  });

  test('a missing file exits 2', async () => {
    const r = await lint({ 'app.yaml': APP }, ['--mesh-config', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mesh config file nope.yaml: cannot read it: no such file');
  });

  test('a file larger than --max-bytes exits 2, naming the file and the option', async () => {
    const r = await lint({ 'app.yaml': APP, 'mesh.yaml': `rootNamespace: istio-system\n${'# padding\n'.repeat(200)}` }, ['--max-bytes', '1KiB', '--mesh-config', 'mesh.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-istio lint: --mesh-config: mesh config file mesh\.yaml: larger than the limit of 1 KiB a file; raise it with --max-bytes/);
  });

  test('a UTF-16 file with a byte-order mark is read like the other inputs', async () => {
    const dir = tempTree({ 'app.yaml': ROOT_POLICY_CONFLICT_YAML });
    fs.writeFileSync(path.join(dir, 'mesh.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('rootNamespace: istio-config\n', 'utf16le')]));
    const r = await runCli(['lint', '-f', 'json', '--mesh-config', 'mesh.yaml', 'app.yaml'], { cwd: dir, rules: ALL_RULES });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => d.message).join('\n')).not.toContain('YAML');
    const utf8 = await lint({ 'app.yaml': ROOT_POLICY_CONFLICT_YAML, 'mesh.yaml': 'rootNamespace: istio-config\n' }, ['--mesh-config', 'mesh.yaml']);
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => d.ruleId)).toEqual(utf8.ids);
  });

  test('is documented in --help', () => {
    expect(LINT_USAGE).toContain('--mesh-config FILE');
    expect(LINT_USAGE).toContain('--meshConfigFile');
  });
});
