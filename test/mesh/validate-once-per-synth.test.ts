/**
 * Mesh `validateOncePerSynth` (src/private/synth-tracking.ts): cdk8s resolves dependencies and runs
 * every validation of the app once in `App.synth()` and again for every chart it writes; an app
 * with a Mesh skips the per-chart repeats after the first chart of a synth, and writes the same
 * manifests in the same order.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { buildMeshApp } from '../../bench/mesh-generator';
import { Mesh, MeshService } from '../../src';
import * as identity from '../../src/private/object-identity';

let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  jest.restoreAllMocks();
});

/** A construct whose validation counts how often cdk8s runs it. */
class Counted extends Construct {
  public runs = 0;
  constructor(scope: Construct, id: string, private readonly errors: string[] = []) {
    super(scope, id);
    this.node.addValidation({ validate: () => { this.runs++; return this.errors; } });
  }
}

/** An app of `charts` charts, each with a mesh service of two versions, and a counted construct. */
function appOf(charts: number, validateOncePerSynth?: boolean): { app: App; counted: Counted } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'once-per-synth-')) });
  new Mesh(app, 'mesh', { validateOncePerSynth });
  for (let i = 0; i < charts; i++) {
    const chart = new Chart(app, `team-${i}`, { namespace: `team-${i}` });
    const api = new MeshService(chart, 'api', { port: 8080 });
    const v1 = api.addVersion('v1', new kplus.Deployment(chart, 'api-v1', { containers: [{ image: 'api:1', portNumber: 8080 }] }));
    const v2 = api.addVersion('v2', new kplus.Deployment(chart, 'api-v2', { containers: [{ image: 'api:2', portNumber: 8080 }] }));
    api.canary({ stable: v1, candidate: v2, weight: 10 });
  }
  return { app, counted: new Counted(app, 'counted') };
}

describe('validations run once per synth', () => {
  test('a synth of five charts runs a validation twice: in App.synth() and for the first chart', () => {
    const { app, counted } = appOf(5);
    app.synthYaml();
    expect(counted.runs).toBe(2);
  });

  test('with validateOncePerSynth: false cdk8s runs it once more for every chart', () => {
    const { app, counted } = appOf(5, false);
    app.synthYaml();
    expect(counted.runs).toBe(6);
  });

  test('an app without a Mesh keeps cdk8s behaviour even after another app used the library', () => {
    appOf(2).app.synthYaml();
    const app = new App();
    dependentCharts(app);
    const counted = new Counted(app, 'counted');
    app.synthYaml();
    expect(counted.runs).toBe(4);
  });

  test("a chart's own toJson() outside a synth runs cdk8s's passes", () => {
    const { app, counted } = appOf(2);
    app.synthYaml();
    counted.runs = 0;
    (app.node.findChild('team-1') as Chart).toJson();
    expect(counted.runs).toBe(1);
  });

  test('the object identity check runs once per synth, not once per chart', () => {
    const check = jest.spyOn(identity, 'duplicateObjectErrors');
    const { app } = appOf(4, false);
    app.synthYaml();
    expect(check).toHaveBeenCalledTimes(1);
  });

  test("a construct's validation error still fails the synth", () => {
    const { app } = appOf(3);
    new Counted(app.node.findChild('team-2'), 'broken', ['the broken construct is broken']);
    expect(() => app.synth()).toThrow(/team-2\/broken\] the broken construct is broken/);
  });

  test('each synth validates again', () => {
    const { app, counted } = appOf(3);
    app.synthYaml();
    app.synthYaml();
    expect(counted.runs).toBe(4);
  });
});

describe('the manifests written are the same', () => {
  test('synthYaml writes the same YAML with and without repeated passes', () => {
    const yaml = (once: boolean) => buildMeshApp({ services: 12, servicesPerNamespace: 3, validateOncePerSynth: once }).synthYaml();
    expect(yaml(true)).toEqual(yaml(false));
  });

  test.each([
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('synth() writes the same files with and without repeated passes (%s)', (_name, yamlOutputType) => {
    const files = (once: boolean) => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'once-per-synth-'));
      const app = new App({ outdir, yamlOutputType });
      new Mesh(app, 'mesh', { validateOncePerSynth: once });
      dependentCharts(app);
      app.synth();
      const read = (dir: string): Record<string, string> => Object.fromEntries(fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? Object.entries(read(path.join(dir, e.name))).map(([k, v]) => [`${e.name}/${k}`, v]) : [[e.name, fs.readFileSync(path.join(dir, e.name), 'utf8')]]));
      return read(outdir);
    };
    const once = files(true);
    expect(Object.values(once).join('')).toContain('name: created-first');
    expect(once).toEqual(files(false));
  });

  test('an object still comes after the object it depends on, across charts and within a chart', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'once-per-synth-'));
    const app = new App({ outdir });
    new Mesh(app, 'mesh');
    dependentCharts(app);
    app.synth();
    const files = fs.readdirSync(outdir).sort();
    // The second chart depends on the third, so cdk8s numbers the charts in dependency order.
    expect(files).toEqual(['0000-first.k8s.yaml', '0001-third.k8s.yaml', '0002-second.k8s.yaml']);
    const second = fs.readFileSync(path.join(outdir, '0002-second.k8s.yaml'), 'utf8');
    expect(second.indexOf('name: created-last')).toBeLessThan(second.indexOf('name: created-first'));
  });

  test('Testing.synth of one chart is unaffected', () => {
    const { app } = appOf(2);
    const chart = app.node.findChild('team-0') as Chart;
    expect(Testing.synth(chart).map((m) => m.kind)).toContain('VirtualService');
  });
});

/** Three charts: the second depends on the third; in the second, the first object depends on the last. */
function dependentCharts(app: App): void {
  const configMap = (chart: Chart, name: string) => new ApiObject(chart, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
  const first = new Chart(app, 'first', { namespace: 'one' });
  configMap(first, 'alone');
  const second = new Chart(app, 'second', { namespace: 'two' });
  const third = new Chart(app, 'third', { namespace: 'three' });
  const dependent = configMap(second, 'created-first');
  const dependency = configMap(second, 'created-last');
  dependent.addDependency(dependency);
  configMap(third, 'target');
  second.addDependency(third);
}
