/**
 * Synthesizes every example under examples/<name>/app.ts into dist/examples/<name>/ and prints
 * the analysis summary. Usage: `npx projen examples [name...]`. Exits 1 when an example has an
 * analysis error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Mesh, Severity } from '../src';

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const wanted = process.argv.slice(2);
const available = fs.readdirSync(examplesDir).filter((d) => fs.existsSync(path.join(examplesDir, d, 'app.ts'))).sort();
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  process.stderr.write(`unknown example(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}

let failed = false;
for (const name of wanted.length > 0 ? wanted : available) {
  const outdir = path.join(root, 'dist', 'examples', name);
  fs.rmSync(outdir, { recursive: true, force: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(path.join(examplesDir, name, 'app.ts'));
  const app = example.build(outdir);
  try {
    app.synth();
  } catch (e) {
    failed = true;
    process.stderr.write(`${name}: synth failed\n${(e as Error).message}\n`);
    continue;
  }
  const diagnostics = Mesh.of(app).analyze();
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml'));
  const objects = files.reduce((n, f) => n + fs.readFileSync(path.join(outdir, f), 'utf8').split(/^---$/m).filter((d) => d.trim()).length, 0);
  process.stdout.write(
    `${name}: ${objects} objects in ${path.relative(root, outdir)}/ (${files.join(', ')}) — ` +
    `analysis: ${count(Severity.ERROR)} errors, ${count(Severity.WARNING)} warnings, ${count(Severity.INFO)} infos\n`,
  );
}
process.exit(failed ? 1 : 0);
