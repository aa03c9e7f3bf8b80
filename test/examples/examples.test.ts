import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Mesh } from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';
import { expectValidProgressiveDeliveryObjects } from '../conformance/progressive-delivery-validator';

const EXAMPLES = path.resolve(__dirname, '../../examples');

describe('examples', () => {
  const examples = fs.readdirSync(EXAMPLES).filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'app.ts'))).sort();
  test.each(examples)('%s synthesizes with no analysis error', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app: App = require(path.join(EXAMPLES, name, 'app.ts')).build(fs.mkdtempSync('/tmp/cdk8s-istio-example-'));
    const errors = Mesh.of(app).analyze().filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });
});

describe('examples/resilience', () => {
  test('warns that 3 retries of 2s cannot fit in the 5s route timeout', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app: App = require(path.join(EXAMPLES, 'resilience', 'app.ts')).build(fs.mkdtempSync('/tmp/cdk8s-istio-example-'));
    const warning = Mesh.of(app).analyze().find((d) => d.ruleId === 'virtualservice-retries-exceed-timeout');
    expect(warning).toMatchObject({ severity: 'warning', resource: { kind: 'VirtualService', name: 'api' } });
    expect(warning!.message).toMatch(/3 × perTryTimeout 2s = 6s > timeout 5s/);
  });
});

describe('examples/bookinfo', () => {
  test('cdk8s-istio lint over its synthesized output reports no error and exits 0', async () => {
    const outdir = fs.mkdtempSync('/tmp/cdk8s-istio-example-');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app: App = require(path.join(EXAMPLES, 'bookinfo', 'app.ts')).build(outdir);
    app.synth();
    let stdout = '';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../../src/cli/main');
    const code = await main(['lint', '--format', 'json', outdir], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => undefined },
      stdin: '',
      cwd: outdir,
    });
    expect(JSON.parse(stdout).diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  });

  test('has the parts issue 5 lists: ingress gateway, a DestinationRule per service, the jason route, mTLS, authorization, a ServiceEntry, telemetry', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app: App = require(path.join(EXAMPLES, 'bookinfo', 'app.ts')).build(fs.mkdtempSync('/tmp/cdk8s-istio-example-'));
    const manifests = app.charts.flatMap((c) => c.toJson());
    const kinds = (k: string) => manifests.filter((m) => m.kind === k);
    expect(kinds('Gateway')).toHaveLength(1);
    expect(kinds('DestinationRule').map((d) => d.metadata.name).sort()).toEqual(['details', 'productpage', 'ratings', 'reviews']);
    const reviews = kinds('VirtualService').find((v) => v.metadata.name === 'reviews');
    expect(reviews.spec.http[0].match).toEqual([{ headers: { 'end-user': { exact: 'jason' } } }]);
    expect(kinds('PeerAuthentication')[0].spec.mtls.mode).toBe('STRICT');
    expect(kinds('AuthorizationPolicy').length).toBeGreaterThanOrEqual(4);
    expect(kinds('ServiceEntry')[0].spec.hosts).toEqual(['www.googleapis.com']);
    expect(kinds('Telemetry')).toHaveLength(1);
  });
});

describe('examples/progressive', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const build = (outdir: string): App => require(path.join(EXAMPLES, 'progressive', 'app.ts')).build(outdir);

  test('hands reviews to Argo Rollouts (Rollout, AnalysisTemplate, no Deployment) and to Flagger (Canary, no Service, VirtualService or DestinationRule)', () => {
    const app = build(fs.mkdtempSync('/tmp/cdk8s-istio-example-'));
    const [argo, flagger] = app.charts.map((c) => c.toJson());
    const kinds = (objects: any[]) => objects.map((o) => o.kind).sort();
    expect(kinds(argo)).toEqual(['AnalysisTemplate', 'DestinationRule', 'Rollout', 'Service', 'VirtualService']);
    expect(kinds(flagger)).toEqual(['Canary', 'Deployment']);
    expectValidIstioObjects([...argo, ...flagger]);
    expectValidProgressiveDeliveryObjects([...argo, ...flagger]);
  });

  test('cdk8s-istio lint over its synthesized output reads the Rollout and the Canary and reports no error', async () => {
    const outdir = fs.mkdtempSync('/tmp/cdk8s-istio-example-');
    build(outdir).synth();
    let stdout = '';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../../src/cli/main');
    const code = await main(['lint', '--format', 'json', outdir], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => undefined },
      stdin: '',
      cwd: outdir,
    });
    expect(JSON.parse(stdout).diagnostics.filter((d: any) => d.severity !== 'info')).toEqual([]);
    expect(code).toBe(0);
  });
});
