/**
 * Property-based test: random apps built from the public API (the differential corpus's
 * generator, driven by fast-check seeds) must synthesize to objects Istio accepts, without an
 * analysis error, the same bytes on every synth, and the same findings from `cdk8s-istio lint`
 * as from the synth-time analysis.
 *
 * 200 apps by default, from a fixed seed; `npx projen property-test` runs more (PROPERTY_RUNS,
 * default 2000) from a new seed each time (PROPERTY_SEED=random is the same for the small run).
 * A failure prints the seed of the app: `generateConstructApp(seed)` rebuilds it, and
 * PROPERTY_SEED=<fast-check seed> replays the run.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { generateConstructApp } from '../../scripts/differential/generate-constructs';
import { analyzeSources } from '../../src/analysis/analysis-run';
import { CrdSchemas } from '../../src/analysis/crd';
import { Diagnostic, Severity } from '../../src/analysis/diagnostic';
import { ALL_RULES } from '../../src/analysis/rules';
import { main } from '../../src/cli/main';
import { ISTIO_CRD_FILE, validateIstioObject } from '../conformance/istio-crd-validator';

const RUNS = Number(process.env.PROPERTY_RUNS ?? (process.env.PROPERTY_LARGE ? 2000 : 200));
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`PROPERTY_RUNS must be a whole number of apps, not ${process.env.PROPERTY_RUNS}`);
// The default run (CI) uses a fixed seed, so a red build always means a change broke something;
// the large run (npx projen property-test) draws a new seed each time to explore further.
const SEED_TEXT = process.env.PROPERTY_SEED ?? (process.env.PROPERTY_LARGE ? 'random' : '20261202');
const SEED = SEED_TEXT === 'random' ? undefined : Number(SEED_TEXT);
if (SEED !== undefined && !Number.isInteger(SEED)) throw new Error(`PROPERTY_SEED must be a whole number or 'random', not ${SEED_TEXT}`);
/** Apps without the combinations the analysis rightly refuses (see GenerateOptions.complete). */
const COMPLETE = { complete: true };
const CEL_RULE = ALL_RULES.filter((r) => r.id === 'schema-cel-validation');

/** A finding as both synth and lint can name it (YAML carries no construct path). */
const key = (d: Diagnostic | any) => `${d.severity} ${d.ruleId} ${d.resource.kind} ${d.resource.namespace ?? ''}/${d.resource.name} ${d.path}: ${d.message}`;

async function lint(yaml: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-property-'));
  const file = path.join(dir, 'app.yaml');
  fs.writeFileSync(file, yaml);
  let stdout = '';
  let stderr = '';
  await main(['lint', '--format', 'json', file], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: '',
    cwd: dir,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (stdout === '') throw new Error(`lint printed nothing: ${stderr}`);
  return JSON.parse(stdout).diagnostics.map(key).sort();
}

/** Everything wrong with one app, as lines; empty when the properties hold. */
async function problemsOf(seed: number, crds: CrdSchemas): Promise<string[]> {
  const problems: string[] = [];
  const { app, mesh } = generateConstructApp(seed, {}, COMPLETE);
  const fromSynth = mesh.analyze();
  for (const d of fromSynth.filter((x) => x.severity === Severity.ERROR)) problems.push(`analysis error: ${key(d)}`);
  if (problems.length > 0) return problems;

  const yaml = app.synthYaml();
  const manifests = parseAllDocuments(yaml).map((d) => d.toJS()).filter((m) => m !== null);

  // Istio's CRD schemas, compiled with ajv (no code shared with the library; unknown fields rejected).
  for (const m of manifests) {
    for (const e of validateIstioObject(m)) problems.push(`schema: ${m.kind} ${m.metadata?.namespace ?? ''}/${m.metadata?.name} ${e}`);
  }
  // The CRDs' CEL rules (x-kubernetes-validations), as the API server evaluates them.
  for (const d of analyzeSources(manifests.map((manifest) => ({ manifest })), { rules: CEL_RULE, crds })) problems.push(`CEL: ${key(d)}`);

  // The same seed builds the same app: byte-identical output.
  const again = generateConstructApp(seed, {}, COMPLETE).app.synthYaml();
  if (again !== yaml) problems.push('output differs between two synths of the same app');

  // lint of the output reports what the synth-time analysis reported.
  const fromLint = await lint(yaml);
  const synthKeys = fromSynth.map(key).sort();
  for (const k of synthKeys.filter((x) => !fromLint.includes(x))) problems.push(`synth only: ${k}`);
  for (const k of fromLint.filter((x) => !synthKeys.includes(x))) problems.push(`lint only: ${k}`);
  return problems;
}

// The synth-time analysis prints a summary line per synth.
let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

describe('random apps from the public API', () => {
  test(`${RUNS} apps: schema- and CEL-valid, no analysis error, deterministic, lint equals synth`, async () => {
    const crds = CrdSchemas.fromFile(ISTIO_CRD_FILE);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0x7fff_ffff }), async (seed) => {
        const problems = await problemsOf(seed, crds);
        if (problems.length > 0) throw new Error(`app seed ${seed}:\n  ${problems.join('\n  ')}`);
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true },
    );
  }, 3_600_000);
});
