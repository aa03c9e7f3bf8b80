import * as fs from 'fs';
import * as path from 'path';
import { runCli, SERVICE_YAML, tempTree } from './helpers';

const ISTIO_CRDS = path.resolve(__dirname, '../../../shared/istio-crds/istio-1.30.3.yaml');

describe('lint --crds FILE read whole or refused', () => {
  test('a CRD file cut in the middle of a document is refused, naming the file and the CRD', async () => {
    const full = fs.readFileSync(ISTIO_CRDS);
    const dir = tempTree({ 'svc.yaml': SERVICE_YAML });
    fs.writeFileSync(path.join(dir, 'half.yaml'), full.subarray(0, Math.floor(full.length / 2)));
    const r = await runCli(['lint', '--crds', 'half.yaml', 'svc.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-istio lint: --crds: half\.yaml: CustomResourceDefinition \S+ has no spec\.versions\[\d\]\.served, .*looks cut short/);
  });

  test('the whole file is accepted', async () => {
    const dir = tempTree({ 'svc.yaml': SERVICE_YAML });
    const r = await runCli(['lint', '--crds', ISTIO_CRDS, 'svc.yaml'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
  });

  test('a CRD file larger than --max-bytes is refused', async () => {
    const dir = tempTree({ 'svc.yaml': SERVICE_YAML });
    const r = await runCli(['lint', '--max-bytes', '100KiB', '--crds', ISTIO_CRDS, 'svc.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--crds: .*istio-1\.30\.3\.yaml: larger than the limit of 100 KiB a file/);
  });
});
