import * as fs from 'fs';
import * as path from 'path';
import { RETRIES_LINE, SERVICE_YAML, tempTree, VIRTUAL_SERVICE_YAML } from './helpers';
import { expandPaths, loadManifests, parseManifests, STDIN_NAME } from '../../src/cli/load-manifests';

const noStdin = async () => {
  throw new Error('stdin must not be read');
};

describe('expandPaths', () => {
  test('a folder is searched recursively for .yaml, .yml and .json files, sorted', () => {
    const root = tempTree({
      'b.yaml': '',
      'a.yml': '',
      'sub/z.json': '',
      'sub/deeper/c.YAML': '',
      'README.md': '',
      'values.txt': '',
    });
    const { files, errors } = expandPaths(['.'], root);
    expect(errors).toEqual([]);
    expect(files.map((f) => f.name)).toEqual(['a.yml', 'b.yaml', path.join('sub', 'deeper', 'c.YAML'), path.join('sub', 'z.json')]);
    expect(files[0].absolutePath).toBe(path.join(root, 'a.yml'));
  });

  test('hidden folders and node_modules are not searched', () => {
    const root = tempTree({ 'ok.yaml': '', '.git/x.yaml': '', 'node_modules/pkg/y.yaml': '' });
    expect(expandPaths([root], '/').files.map((f) => path.basename(f.name))).toEqual(['ok.yaml']);
  });

  test('files keep the name they were given, relative to the folder argument', () => {
    const root = tempTree({ 'manifests/app/vs.yaml': '' });
    expect(expandPaths(['manifests'], root).files.map((f) => f.name)).toEqual([path.join('manifests', 'app', 'vs.yaml')]);
  });

  test('a file given explicitly is read whatever its extension', () => {
    const root = tempTree({ 'rendered.out': '' });
    expect(expandPaths(['rendered.out'], root).files.map((f) => f.name)).toEqual(['rendered.out']);
  });

  test('a file given twice (directly and through its folder) is read once', () => {
    const root = tempTree({ 'a.yaml': '' });
    expect(expandPaths(['a.yaml', '.', './a.yaml'], root).files).toHaveLength(1);
  });

  test('- stands for standard input', () => {
    expect(expandPaths(['-'], '/').files).toEqual([{ name: STDIN_NAME }]);
  });

  test('a missing path is reported, not thrown', () => {
    const root = tempTree({});
    const { files, errors } = expandPaths(['nope.yaml'], root);
    expect(files).toEqual([]);
    expect(errors).toEqual([{ file: 'nope.yaml', message: 'cannot read: no such file or folder' }]);
  });

  test('a folder without manifest files is reported', () => {
    const root = tempTree({ 'notes.md': '' });
    expect(expandPaths(['.'], root).errors[0].message).toMatch(/no manifest files/);
  });
});

describe('parseManifests', () => {
  test('multi-document YAML yields one source per document and skips empty documents', () => {
    const text = `---\n# only a comment\n---\n${SERVICE_YAML}---\n---\n${VIRTUAL_SERVICE_YAML}---\n`;
    const { sources, errors, notes } = parseManifests(text, 'app.yaml');
    expect(errors).toEqual([]);
    expect(notes).toEqual([]);
    expect(sources.map((s) => s.manifest.kind)).toEqual(['Service', 'VirtualService']);
    expect(sources.map((s) => s.file)).toEqual(['app.yaml', 'app.yaml']);
  });

  test('the line of a source is the line of its first key', () => {
    const text = `# header comment\n\n${SERVICE_YAML}---\n# vs\n${VIRTUAL_SERVICE_YAML}`;
    const { sources } = parseManifests(text, 'app.yaml');
    expect(sources.map((s) => s.line)).toEqual([3, 14]);
  });

  test('a key __proto__ is read as a field of the object, not as its prototype', () => {
    const [cm] = parseManifests('apiVersion: v1\nkind: ConfigMap\ndata:\n  __proto__: x\n', 'cm.yaml').sources;
    expect(Object.getPrototypeOf(cm.manifest.data)).toBe(Object.prototype);
    expect(Object.keys(cm.manifest.data)).toEqual(['__proto__']);
  });

  test('strings written in several objects keep their values in each', () => {
    const host = 'reviews.bookinfo.svc.cluster.local';
    const doc = (name: string) => `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${name}\nspec:\n  host: ${host}\n`;
    const { sources } = parseManifests(`${doc('a')}---\n${doc('b')}`, 'dr.yaml');
    expect(sources.map((s) => s.manifest.spec.host)).toEqual([host, host]);
    expect(sources.map((s) => s.manifest.metadata.name)).toEqual(['a', 'b']);
  });

  test('lineOf points at the key of a nested field (spec.http[1].retries)', () => {
    const [vs] = parseManifests(VIRTUAL_SERVICE_YAML, 'vs.yaml').sources;
    expect(vs.lineOf!(['spec', 'http', 1, 'retries'])).toBe(RETRIES_LINE);
    expect(vs.lineOf!(['spec', 'http', 1, 'route', 0, 'destination', 'subset'])).toBe(23);
    expect(vs.lineOf!(['spec', 'http', 0, 'match', 0, 'headers', 'end-user'])).toBe(12);
  });

  test('lineOf falls back to the closest existing parent of a missing field', () => {
    const [vs] = parseManifests(VIRTUAL_SERVICE_YAML, 'vs.yaml').sources;
    expect(vs.lineOf!(['spec', 'http', 1, 'fault', 'delay'])).toBe(16);
    expect(vs.lineOf!(['spec', 'http', 7])).toBe(9);
    expect(vs.lineOf!([])).toBe(1);
  });

  test('lineOf counts from the start of the file in later documents', () => {
    const text = `${SERVICE_YAML}---\n${VIRTUAL_SERVICE_YAML}`;
    const vs = parseManifests(text, 'app.yaml').sources[1];
    expect(vs.lineOf!(['spec', 'http', 1, 'retries'])).toBe(SERVICE_YAML.split('\n').length + RETRIES_LINE);
  });

  test('lineOf follows YAML aliases to their anchor', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l\n    app: x\n  annotations: *l\n';
    const [cm] = parseManifests(text, 'cm.yaml').sources;
    expect(cm.lineOf!(['metadata', 'annotations', 'app'])).toBe(6);
  });

  test('kind: List is flattened into its items, each with its own line', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n';
    const { sources } = parseManifests(text, 'list.yaml');
    expect(sources.map((s) => s.manifest.metadata.name)).toEqual(['a', 'b']);
    expect(sources.map((s) => s.line)).toEqual([4, 8]);
    expect(sources[1].lineOf!(['metadata', 'name'])).toBe(11);
  });

  test('typed lists (ServiceList) and nested lists are flattened too', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ServiceList',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } },
        { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' } }] },
      ],
    });
    expect(parseManifests(text, 'l.json').sources.map((s) => s.manifest.metadata.name)).toEqual(['a', 'b']);
  });

  test('JSON files are read with line numbers', () => {
    const text = '{\n\t"apiVersion": "v1",\n\t"kind": "Service",\n\t"metadata": {\n\t\t"name": "x"\n\t}\n}\n';
    const [svc] = parseManifests(text, 'svc.json').sources;
    expect(svc.manifest).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } });
    expect(svc.lineOf!(['metadata', 'name'])).toBe(5);
  });

  test('a syntax error is reported with its line, column and source line', () => {
    const text = `${SERVICE_YAML}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a: b\n`;
    const { errors } = parseManifests(text, 'bad.yaml');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'bad.yaml', line: 14, column: 9, excerpt: '  name: a: b' });
    expect(errors[0].message).toMatch(/^YAML syntax error: /);
  });

  test('a duplicate key is a parse error', () => {
    const { errors } = parseManifests('apiVersion: v1\nkind: Service\nkind: Pod\n', 'dup.yaml');
    expect(errors).toMatchObject([{ line: 3, message: expect.stringMatching(/unique/) }]);
  });

  test('documents that are not Kubernetes objects are skipped with a note', () => {
    const { sources, notes } = parseManifests('replicaCount: 3\n---\n- a\n- b\n', 'values.yaml');
    expect(sources).toEqual([]);
    expect(notes).toEqual([
      { file: 'values.yaml', line: 1, message: expect.stringMatching(/skipped document: not a Kubernetes object/) },
      { file: 'values.yaml', line: 3, message: expect.stringMatching(/skipped document: not a Kubernetes object/) },
    ]);
  });
});

describe('loadManifests', () => {
  test('reads files in order and collects every source', async () => {
    const root = tempTree({ 'a.yaml': SERVICE_YAML, 'b/vs.yaml': VIRTUAL_SERVICE_YAML });
    const result = await loadManifests(['.'], { cwd: root, readStdin: noStdin });
    expect(result.errors).toEqual([]);
    expect(result.files).toEqual(['a.yaml', path.join('b', 'vs.yaml')]);
    expect(result.sources.map((s) => [s.file, s.manifest.kind])).toEqual([
      ['a.yaml', 'Service'],
      [path.join('b', 'vs.yaml'), 'VirtualService'],
    ]);
  });

  test('field lines of a file are found by reading the file again, in every file', async () => {
    const root = tempTree({ 'a.yaml': VIRTUAL_SERVICE_YAML, 'b.yaml': `${SERVICE_YAML}---\n${VIRTUAL_SERVICE_YAML}` });
    const { sources } = await loadManifests(['.'], { cwd: root, readStdin: noStdin });
    const [a, , b] = sources;
    expect(a.lineOf!(['spec', 'http', 1, 'retries'])).toBe(RETRIES_LINE);
    expect(b.lineOf!(['spec', 'http', 1, 'retries'])).toBe(SERVICE_YAML.split('\n').length + RETRIES_LINE);
    expect(a.lineOf!(['spec', 'http', 1, 'retries'])).toBe(RETRIES_LINE);
  });

  test('a file changed after it was read gives the document line, not a line of the new text', async () => {
    const root = tempTree({ 'vs.yaml': `# one line before\n${VIRTUAL_SERVICE_YAML}` });
    const [vs] = (await loadManifests(['vs.yaml'], { cwd: root, readStdin: noStdin })).sources;
    fs.writeFileSync(path.join(root, 'vs.yaml'), VIRTUAL_SERVICE_YAML);
    expect(vs.lineOf!(['spec', 'http', 1, 'retries'])).toBe(2);
  });

  test('field lines of standard input are found from the text it gave', async () => {
    const [vs] = (await loadManifests(['-'], { cwd: '/', readStdin: async () => VIRTUAL_SERVICE_YAML })).sources;
    expect(vs.lineOf!(['spec', 'http', 1, 'retries'])).toBe(RETRIES_LINE);
  });

  test('reads standard input for -', async () => {
    const result = await loadManifests(['-'], { cwd: '/', readStdin: async () => SERVICE_YAML });
    expect(result.files).toEqual([STDIN_NAME]);
    expect(result.sources).toMatchObject([{ file: STDIN_NAME, line: 1 }]);
  });

  test('reports every unreadable or broken file, not only the first', async () => {
    const root = tempTree({ 'bad.yaml': 'a: [\n', 'good.yaml': SERVICE_YAML });
    const result = await loadManifests(['missing.yaml', 'bad.yaml', 'good.yaml'], { cwd: root, readStdin: noStdin });
    expect(result.errors.map((e) => e.file)).toEqual(['missing.yaml', 'bad.yaml']);
    expect(result.sources).toHaveLength(1);
  });

  test('a file that cannot be read is reported', async () => {
    const root = tempTree({ 'locked.yaml': SERVICE_YAML });
    fs.chmodSync(path.join(root, 'locked.yaml'), 0o000);
    let readable = true;
    try {
      fs.readFileSync(path.join(root, 'locked.yaml'));
    } catch {
      readable = false;
    }
    const result = await loadManifests(['locked.yaml'], { cwd: root, readStdin: noStdin });
    if (readable) {
      // Running as root: permissions do not apply, the file is read.
      expect(result.errors).toEqual([]);
    } else {
      expect(result.errors).toEqual([{ file: 'locked.yaml', message: 'cannot read file: permission denied' }]);
    }
  });
});
