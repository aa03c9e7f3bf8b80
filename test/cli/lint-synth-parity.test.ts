import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { Mesh } from '../../src';
import { main } from '../../src/cli/main';

// Synth and lint run one engine: over an example's synthesized YAML, lint must report exactly
// what the synth-time analysis reported (minus the construct path, which YAML does not carry).

const EXAMPLES = path.resolve(__dirname, '../../examples');
const examples = fs.readdirSync(EXAMPLES).filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'app.ts'))).sort();

const key = (d: any) => `${d.severity} ${d.ruleId} ${d.resource.kind} ${d.resource.namespace ?? ''}/${d.resource.name} ${d.path}`;

describe('lint and synth report the same findings', () => {
  test.each(examples)('example %s', async (name) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-parity-'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app: App = require(path.join(EXAMPLES, name, 'app.ts')).build(outdir);
    const fromSynth = Mesh.of(app).analyze().map(key).sort();
    const file = path.join(outdir, 'all.yaml');
    fs.writeFileSync(file, app.synthYaml());

    let stdout = '';
    await main(['lint', '--format', 'json', file], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => undefined },
      stdin: '',
      cwd: outdir,
    });
    const fromLint = JSON.parse(stdout).diagnostics.map(key).sort();
    expect(fromLint).toEqual(fromSynth);
  });
});
