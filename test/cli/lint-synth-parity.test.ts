import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Mesh, MeshService } from '../../src';
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

describe('strings that YAML 1.1 and 1.2 read differently', () => {
  // cdk8s writes YAML 1.1, which leaves `0o755`, `1e3` and the like unquoted (they are strings in
  // 1.1); lint must read them back as those strings, or it reports type errors synth never saw.
  const AMBIGUOUS = ['0o755', 'yes', 'on', 'off', '1e3', '0x1F', '.inf', '1:20', '0755', 'null', '~', '2001-12-14'];

  test('lint of the synthesized YAML reports what the synth-time analysis reported', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-parity-'));
    const app = new App({ outdir });
    new Mesh(app, 'mesh');
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const reviews = new MeshService(chart, 'reviews', { port: 9080 });
    const v1 = reviews.addVersion('v1', new kplus.Deployment(chart, 'reviews-v1', { containers: [{ image: 'r:1', portNumber: 9080 }] }));
    const v2 = reviews.addVersion('v2', new kplus.Deployment(chart, 'reviews-v2', { containers: [{ image: 'r:2', portNumber: 9080 }] }));
    AMBIGUOUS.forEach((value, i) => reviews.routeByHeader(`x-mode-${i}`, value, i % 2 === 0 ? v1 : v2));
    reviews.addRoute({ destinations: [{ version: v1 }] });

    const fromSynth = Mesh.of(app).analyze().map(key).sort();
    const yaml = app.synthYaml();
    for (const value of AMBIGUOUS) expect(yaml).toContain(value); // the values are really written
    const file = path.join(outdir, 'all.yaml');
    fs.writeFileSync(file, yaml);

    let stdout = '';
    await main(['lint', '--format', 'json', file], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => undefined },
      stdin: '',
      cwd: outdir,
    });
    const fromLint = JSON.parse(stdout).diagnostics.map(key).sort();
    expect(fromLint).toEqual(fromSynth);
    expect(fromLint.filter((k: string) => k.includes('schema-'))).toEqual([]);
  });
});
