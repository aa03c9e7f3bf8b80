import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';

// Runs the real `cdk8s synth` of node_modules/.bin on examples/validation-plugin, whose cdk8s.yaml
// names this package by local path (./../..). The CLI require()s the package's compiled entry
// point, lib/index.js, so lib/ must be built (`npx projen compile`; `npx projen build` does it
// before the tests in CI).

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'validation-plugin');
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
const LIB_ENTRY = path.join(ROOT, 'lib', 'index.js');

const built = fs.existsSync(LIB_ENTRY);
const MISSING = `${path.relative(ROOT, LIB_ENTRY)} is missing. Build it with 'npx projen compile' to run the cdk8s CLI against the plugin.`;
// Locally a plain `jest` run without a compile may skip this test (with a warning); in CI the build
// compiles first, so a missing lib/ is a broken pipeline and must fail rather than pass as skipped.
if (!built && process.env.CI) {
  test('lib/index.js is built before the tests in CI', () => {
    throw new Error(MISSING);
  });
} else if (!built) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED test/plugin/cdk8s-synth.test.ts: ${MISSING}`);
}
const describeBuilt = built ? describe : describe.skip;

interface SynthResult {
  readonly status: number | null;
  readonly output: string;
  /** The JSON the CLI wrote with --validation-reports-output-file. */
  readonly reports: any;
  readonly outdir: string;
}

/** Runs `cdk8s synth` in the example folder, writing into a fresh temp folder. */
function synth(env: Record<string, string>): Promise<SynthResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-plugin-synth-'));
  const outdir = path.join(work, 'dist');
  const reportFile = path.join(work, 'reports.json');
  const child = spawn(CDK8S, ['synth', '--no-check-upgrade', '--output', outdir, '--validation-reports-output-file', reportFile], {
    cwd: EXAMPLE,
    // Type-checking is the job of tsc; the app only needs to run here.
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    // About 20 s on an idle 2-core machine; generous limits so that a busy CI runner does not fail it.
    timeout: 110_000,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      const reports = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : undefined;
      resolve({ status, output, reports, outdir });
    });
  });
}

describeBuilt('cdk8s synth with the IstioValidation plugin (examples/validation-plugin)', () => {
  let broken: SynthResult;
  let fixed: SynthResult;

  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require(LIB_ENTRY);
    if (typeof lib.IstioValidation !== 'function') {
      throw new Error(`${path.relative(ROOT, LIB_ENTRY)} has no IstioValidation: lib/ is older than src/. Rebuild it with 'npx projen compile'.`);
    }
    // The two synths are independent: run them side by side.
    [broken, fixed] = await Promise.all([synth({ BREAK_MESH: '1' }), synth({})]);
  }, 120_000);

  test('a broken mesh fails synth with exit 2', () => {
    expect({ status: broken.status, output: broken.output }).toMatchObject({ status: 2 });
    expect(broken.output).toContain('Validation failed');
    expect(broken.reports.reports[0].summary.status).toBe('failure');
  });

  test('the report names the rule, severity and Istio code, the object, its manifest and the field', () => {
    const violation = broken.reports.reports[0].violations.find((v: any) => v.ruleName === 'destinationrule-subset-no-pods');
    expect(violation).toMatchObject({
      recommendation: expect.stringMatching(/^error \[IST0173\]: Subset "v2"/),
      fix: expect.stringContaining('version=v2'),
      violatingConstructs: [{
        // Service, DestinationRule and VirtualService are all named reviews, and cdk8s recorded the
        // VirtualService's construct path for that name: the DestinationRule is named by kind instead.
        resourceName: 'DestinationRule shop/reviews',
        manifestPath: path.join(broken.outdir, 'shop.k8s.yaml'),
        locations: ['spec.subsets[1].labels'],
      }],
    });
  });

  test('a violation on an object cdk8s recorded carries its construct path', () => {
    const violation = broken.reports.reports[0].violations.find((v: any) => v.ruleName === 'virtualservice-retries-exceed-timeout');
    expect(violation).toMatchObject({
      recommendation: expect.stringMatching(/^warning: /),
      violatingConstructs: [{
        resourceName: 'reviews',
        constructPath: 'shop/reviews/VirtualService',
        locations: ['spec.http[0].retries.perTryTimeout'],
      }],
    });
  });

  test('the fixed mesh passes: exit 0, a successful report, and Istio objects that match Istio\'s CRDs', () => {
    const r = fixed;
    expect({ status: r.status, output: r.output }).toMatchObject({ status: 0 });
    expect(r.output).toContain('Validations ended succesfully'); // sic: the CLI's spelling
    expect(r.reports.reports[0].summary.status).toBe('success');
    const objects = parseAllDocuments(fs.readFileSync(path.join(r.outdir, 'shop.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const istio = objects.filter((o) => /\.istio\.io\//.test(o.apiVersion));
    expect(istio.map((o) => o.kind).sort()).toEqual(['DestinationRule', 'VirtualService']);
    expectValidIstioObjects(istio);
  });
});
