import * as os from 'os';
import { Readable } from 'stream';
import { ISTIO_CRD_FILE, probeCrd, tempFile } from './helpers';
import { main } from '../../../src/cli/main';
import { tempTree } from '../../cli/helpers';

/** Runs `cdk8s-istio` in-process with every registered rule. */
async function cli(argv: string[], cwd: string = os.tmpdir()) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([]),
    cwd,
  });
  return { code, stdout, stderr };
}

/** A ServiceEntry the schema accepts and Istio's CEL rules refuse (NONE resolution with endpoints). */
const SERVICE_ENTRY_WITH_ENDPOINTS = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: payments
  namespace: shop
spec:
  hosts:
  - payments.example.com
  ports:
  - number: 443
    name: tls
    protocol: TLS
  endpoints:
  - address: 10.0.0.1
`;

const VIRTUAL_SERVICE_WITH_SHORT_TIMEOUT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
    timeout: 0.5ms
`;

describe('lint --crds FILE', () => {
  test('reports what the CRDs\' CEL rules refuse, with rule id, file and line, and exits 1', async () => {
    const root = tempTree({ 'se.yaml': SERVICE_ENTRY_WITH_ENDPOINTS });
    const r = await cli(['lint', '--crds', ISTIO_CRD_FILE, 'se.yaml'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/se\.yaml:6 +error +schema-cel-validation +ServiceEntry shop\/payments +spec +.*NONE mode cannot set endpoints/);
  });

  test('the finding of a field points at the field\'s line', async () => {
    const root = tempTree({ 'vs.yaml': VIRTUAL_SERVICE_WITH_SHORT_TIMEOUT });
    const r = await cli(['lint', '--crds', ISTIO_CRD_FILE, '--format', 'json', 'vs.yaml'], root);
    const cel = JSON.parse(r.stdout).diagnostics.filter((d: any) => d.ruleId === 'schema-cel-validation');
    expect(cel).toEqual([expect.objectContaining({ path: 'spec.http[0].timeout', line: 13, severity: 'error', file: 'vs.yaml' })]);
    expect(cel[0].message).toContain('must be a valid duration greater than 1ms');
  });

  test('--crds=FILE works too', async () => {
    const root = tempTree({ 'se.yaml': SERVICE_ENTRY_WITH_ENDPOINTS });
    const r = await cli(['lint', `--crds=${ISTIO_CRD_FILE}`, 'se.yaml'], root);
    expect(r.stdout).toContain('schema-cel-validation');
  });

  test('without --crds, CEL rules are not run', async () => {
    const root = tempTree({ 'se.yaml': SERVICE_ENTRY_WITH_ENDPOINTS });
    const r = await cli(['lint', '--format', 'json', 'se.yaml'], root);
    expect(JSON.parse(r.stdout).diagnostics.map((d: any) => d.ruleId)).not.toContain('schema-cel-validation');
  });

  test('a manifest the CRDs accept passes', async () => {
    const root = tempTree({ 'se.yaml': SERVICE_ENTRY_WITH_ENDPOINTS.replace('  endpoints:\n  - address: 10.0.0.1\n', '  resolution: DNS\n') });
    const r = await cli(['lint', '--crds', ISTIO_CRD_FILE, 'se.yaml'], root);
    expect(r).toEqual({ code: 0, stdout: 'No problems found in 1 file (1 object).\n', stderr: '' });
  });

  test('a relative --crds path is resolved against the current folder', async () => {
    const root = tempTree({ 'se.yaml': SERVICE_ENTRY_WITH_ENDPOINTS, 'crds/istio.yaml': probeCrd({ type: 'object' }) });
    const r = await cli(['lint', '--crds', 'crds/istio.yaml', 'se.yaml'], root);
    // That file defines no ServiceEntry: the cluster it describes would not know the kind.
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('schema-unknown-kind');
  });

  test('a missing CRD file exits 2 with the file named, what to pass, and nothing checked', async () => {
    const root = tempTree({ 'se.yaml': SERVICE_ENTRY_WITH_ENDPOINTS });
    const r = await cli(['lint', '--crds', 'istio-crds.yaml', 'se.yaml'], root);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-istio lint: --crds: istio-crds\.yaml: no such file\. Pass the CustomResourceDefinitions of the Istio version you run: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unparsable CRD file exits 2 with the YAML problem', async () => {
    const root = tempTree({ 'se.yaml': SERVICE_ENTRY_WITH_ENDPOINTS, 'crds.yaml': 'kind: CustomResourceDefinition\nspec: {unclosed\n' });
    const r = await cli(['lint', '--crds', 'crds.yaml', 'se.yaml'], root);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-istio lint: --crds: YAML error in crds\.yaml: /);
  });

  test('a file without CRDs exits 2', async () => {
    const root = tempTree({ 'se.yaml': SERVICE_ENTRY_WITH_ENDPOINTS });
    const r = await cli(['lint', '--crds', 'se.yaml', 'se.yaml'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('se.yaml holds no CustomResourceDefinition');
  });

  test('--crds without a value is a usage error', async () => {
    const r = await cli(['lint', 'se.yaml', '--crds']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('option --crds needs a value');
  });

  test('CEL rules the evaluator cannot run are noted on stderr, and the rest still run', async () => {
    const crdFile = tempFile('crds.yaml', probeCrd({
      type: 'object',
      properties: { size: { 'type': 'string', 'x-kubernetes-validations': [{ rule: 'quantity(self).isInteger()', message: 'whole quantity' }] } },
    }));
    const root = tempTree({ 'p.yaml': 'apiVersion: networking.istio.io/v1\nkind: Probe\nmetadata:\n  name: p\nspec:\n  size: 1.5Gi\n' });
    const r = await cli(['lint', '--crds', crdFile, 'p.yaml'], root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: --crds');
    expect(r.stderr).toContain('CEL rule `quantity(self).isInteger()` is not evaluated: it uses isInteger(), quantity(), which this evaluator does not implement');
  });

  test('--help documents --crds', async () => {
    const r = await cli(['lint', '--help']);
    expect(r.stdout).toMatch(/--crds FILE +check against the CustomResourceDefinitions/);
  });

  test('--list-rules lists schema-cel-validation', async () => {
    const r = await cli(['lint', '--list-rules']);
    expect(r.stdout).toMatch(/^schema-cel-validation +error /m);
  });
});
