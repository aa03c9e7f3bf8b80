import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { probeCrd, tempFile } from './helpers';
import { analyzeSources } from '../../../src/analysis/analysis-run';
import { CrdFileError, CrdSchemas } from '../../../src/analysis/crd';
import { Diagnostic } from '../../../src/analysis/diagnostic';
import { ALL_RULES } from '../../../src/analysis/rules';

/** A VirtualService CRD of an imagined Istio version: hosts, and http routes with `route` and `future`. */
const IMAGINED_VIRTUAL_SERVICE_CRD = stringify({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'virtualservices.networking.istio.io' },
  spec: {
    group: 'networking.istio.io',
    names: { kind: 'VirtualService', plural: 'virtualservices' },
    scope: 'Namespaced',
    versions: [{
      name: 'v1',
      served: true,
      storage: true,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              properties: {
                hosts: { type: 'array', items: { type: 'string' } },
                http: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      route: { type: 'array', items: { type: 'object', properties: { destination: { type: 'object', properties: { host: { type: 'string' } } } } } },
                      future: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    }],
  },
});

function virtualService(route: object) {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'shop' },
    spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], ...route }] },
  };
}

function schemaFindings(manifest: any, crds?: CrdSchemas): string[] {
  const schemaRules = ALL_RULES.filter((r) => r.id.startsWith('schema-'));
  return analyzeSources([{ manifest }], { rules: schemaRules, ...(crds ? { crds } : {}) }).map((d: Diagnostic) => `${d.ruleId} ${d.path}`);
}

describe('reading a CRD file', () => {
  test('a missing file is an error naming the file and where to get the CRDs', () => {
    expect(() => CrdSchemas.fromFile('/nonexistent/istio-crds.yaml')).toThrow(CrdFileError);
    expect(() => CrdSchemas.fromFile('/nonexistent/istio-crds.yaml')).toThrow(
      /^\/nonexistent\/istio-crds\.yaml: no such file\. Pass the CustomResourceDefinitions of the Istio version you run: .*crd-all\.gen\.yaml.*kubectl get crd/);
  });

  test('messages name the file as the caller shows it', () => {
    expect(() => CrdSchemas.fromFile('/nonexistent/x.yaml', 'x.yaml')).toThrow(/^x\.yaml: no such file\./);
  });

  test('a folder is an error', () => {
    const dir = path.dirname(tempFile('a.yaml', ''));
    expect(() => CrdSchemas.fromFile(dir)).toThrow(/is a folder, not a CRD file/);
  });

  test('a file that is not YAML is an error with the YAML problem', () => {
    const file = tempFile('broken.yaml', 'kind: CustomResourceDefinition\nspec: [unclosed\n');
    expect(() => CrdSchemas.fromFile(file)).toThrow(/^YAML error in .*broken\.yaml: /);
  });

  test('a YAML file without CRDs is an error', () => {
    const file = tempFile('deploy.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(() => CrdSchemas.fromFile(file)).toThrow(/holds no CustomResourceDefinition/);
  });

  test('a CRD version without a schema is an error', () => {
    const crd = probeCrd({ type: 'object' }).replace(/ {6}schema:\n(?: {8}.*\n)+/, '');
    expect(() => CrdSchemas.fromYaml(crd, 'old.yaml')).toThrow(/old\.yaml: Probe v1: no openAPIV3Schema/);
  });

  test('a schema keyword the table does not know is noted, not fatal', () => {
    const crds = CrdSchemas.fromYaml(probeCrd({ 'type': 'object', 'x-kubernetes-embedded-resource': true }), 'embedded.yaml');
    expect(crds.notes).toEqual(['schema keyword \'x-kubernetes-embedded-resource\' (1×) is not checked']);
    expect(crds.kinds()).toEqual(['networking.istio.io/Probe']);
  });

  test('a file is read once while it is unchanged, and again after it changes', () => {
    const file = tempFile('crds.yaml', IMAGINED_VIRTUAL_SERVICE_CRD);
    const first = CrdSchemas.fromFile(file);
    expect(CrdSchemas.fromFile(file)).toBe(first);
    fs.writeFileSync(file, `${IMAGINED_VIRTUAL_SERVICE_CRD}\n# edited\n`);
    expect(CrdSchemas.fromFile(file)).not.toBe(first);
  });
});

describe('schema rules against the CRDs of the version the user runs', () => {
  const imagined = CrdSchemas.fromYaml(IMAGINED_VIRTUAL_SERVICE_CRD, 'imagined.yaml');

  test('a field that version lacks is unknown, although the built-in schemas have it', () => {
    const manifest = virtualService({ timeout: '5s' });
    expect(schemaFindings(manifest)).toEqual([]);
    expect(schemaFindings(manifest, imagined)).toEqual(['schema-unknown-field spec.http[0].timeout']);
  });

  test('a field only that version has is accepted, although the built-in schemas lack it', () => {
    const manifest = virtualService({ future: 'yes' });
    expect(schemaFindings(manifest)).toEqual(['schema-unknown-field spec.http[0].future']);
    expect(schemaFindings(manifest, imagined)).toEqual([]);
  });

  test('a kind the file does not define is unknown to that cluster', () => {
    const manifest = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews' }, spec: { host: 'reviews' } };
    expect(schemaFindings(manifest, imagined)).toEqual(['schema-unknown-kind kind']);
  });

  test('rule ids, severities and summaries stay the same with a CRD file', () => {
    const manifest = virtualService({ timeout: '5s' });
    const [d] = analyzeSources([{ manifest }], { crds: imagined }).filter((x) => x.ruleId === 'schema-unknown-field');
    expect(d).toMatchObject({ ruleId: 'schema-unknown-field', severity: 'error', path: 'spec.http[0].timeout' });
  });
});

describe('schema-cel-validation without a CRD file', () => {
  test('is registered, and finds nothing: CEL rules run only against a given CRD file', () => {
    const rule = ALL_RULES.find((r) => r.id === 'schema-cel-validation');
    expect(rule).toBeDefined();
    const manifest = virtualService({ timeout: '0.1ms' });
    expect(analyzeSources([{ manifest }], { rules: [rule!] })).toEqual([]);
  });
});
