import { parseAllDocuments } from 'yaml';
import { parseManifests } from '../../src/cli/load-manifests';
import { indentQuotedContinuations } from '../../src/cli/quoted-continuations';

const controllerGenStyle = [
  'properties:',
  '  apiVersion:',
  "    description: 'APIVersion defines the versioned schema of this representation",
  "    of an object. Servers should convert recognized schemas, it''s said.",
  "    More info: https://example.com/api'",
  '    type: string',
  '',
].join('\n');

describe('indentQuotedContinuations', () => {
  test('the yaml library refuses continuation lines at the key\'s indentation (why the fix exists)', () => {
    expect(parseAllDocuments(controllerGenStyle)[0].errors.length).toBeGreaterThan(0);
  });

  test('indents them past the key, so the document reads as Kubernetes reads it', () => {
    const fixed = indentQuotedContinuations(controllerGenStyle);
    const doc = parseAllDocuments(fixed)[0];
    expect(doc.errors).toEqual([]);
    expect(doc.toJS().properties.apiVersion).toEqual({
      description: "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas, it's said. More info: https://example.com/api",
      type: 'string',
    });
  });

  test('keeps every line where it was', () => {
    expect(indentQuotedContinuations(controllerGenStyle).split('\n').length).toBe(controllerGenStyle.split('\n').length);
  });

  test('handles double quotes with escaped quotes, and list items', () => {
    const text = ['items:', '  - note: "first \\"part\\"', '  and the rest"', '    other: 1', ''].join('\n');
    const doc = parseAllDocuments(indentQuotedContinuations(text))[0];
    expect(doc.errors).toEqual([]);
    expect(doc.toJS().items[0]).toEqual({ note: 'first "part" and the rest', other: 1 });
  });

  test('leaves valid YAML untouched', () => {
    const text = ['a: \'one line\'', 'b: "two', '   lines"', 'c: plain', ''].join('\n');
    expect(indentQuotedContinuations(text)).toBe(text);
  });
});

describe('reading a file whose quoted values continue at the key\'s indentation', () => {
  const crd = [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    '  name: canaries.flagger.app',
    'spec:',
    '  group: flagger.app',
    "  description: 'Canary is the Schema for the Canary API, written",
    "  by an older controller-gen'",
    '',
  ].join('\n');

  test('reads the object as Kubernetes does, with a note and no error', () => {
    const { sources, errors, notes } = parseManifests(crd, 'crd.yaml');
    expect(errors).toEqual([]);
    expect(sources).toHaveLength(1);
    expect((sources[0].manifest as any).spec.description).toBe('Canary is the Schema for the Canary API, written by an older controller-gen');
    expect(notes).toEqual([expect.objectContaining({ file: 'crd.yaml', line: 8, message: expect.stringContaining('read as Kubernetes (go-yaml) reads it') })]);
  });

  test('finds the line of a field after the continuation', () => {
    const [source] = parseManifests(crd, 'crd.yaml').sources;
    expect(source.lineOf?.(['spec', 'group'])).toBe(6);
  });

  test('still reports a YAML error the re-indenting does not cure', () => {
    const { errors } = parseManifests('a: [unclosed\nb: "open\nc: 1\n', 'bad.yaml');
    expect(errors.length).toBeGreaterThan(0);
  });
});
