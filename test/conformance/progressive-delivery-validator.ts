/**
 * The independent schema validator of the istio CRD tests, over the progressive-delivery CRDs
 * (Argo Rollouts v1.9.1, Flagger v1.44.0 in ../shared/progressive-delivery-crds): ajv with the API
 * server's strictness (unknown fields rejected), sharing no code with the library.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { describeError, getAjv, strictify } from './crd-validator';

const CRD_DIR = path.resolve(__dirname, '../../../shared/progressive-delivery-crds');
export const PROGRESSIVE_DELIVERY_CRD_FILES = ['argo-rollouts-v1.9.1.yaml', 'flagger-v1.44.0.yaml'].map((f) => path.join(CRD_DIR, f));

let schemas: Map<string, any> | undefined;
let formatsAdded = false;

/** Flagger's CRD uses two formats ajv does not know: `string` (any string) and `url`. */
function ajvWithFormats() {
  const a = getAjv();
  if (!formatsAdded) {
    a.addFormat('string', true);
    a.addFormat('url', (s: string) => {
      try {
        return new URL(s).protocol !== '';
      } catch {
        return false;
      }
    });
    formatsAdded = true;
  }
  return a;
}
const compiled = new Map<string, ValidateFunction>();

function loadSchemas(): Map<string, any> {
  if (schemas) return schemas;
  const index = new Map<string, any>();
  for (const file of PROGRESSIVE_DELIVERY_CRD_FILES) {
    if (!fs.existsSync(file)) throw new Error(`CRD file not found: ${file} (the tests read ../shared/progressive-delivery-crds/ next to the project).`);
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = doc.toJS({ maxAliasCount: -1 });
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        if (v.served) index.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
      }
    }
  }
  schemas = index;
  return index;
}

/** Errors of one object against its CRD; an object of no known CRD is an error itself. */
export function validateProgressiveDeliveryObject(obj: any): string[] {
  const k = `${obj?.apiVersion}/${obj?.kind}`;
  const schema = loadSchemas().get(k);
  if (!schema) return [`no CRD serves ${k}`];
  let fn = compiled.get(k);
  if (!fn) {
    const body = strictify(schema);
    const slash = String(obj.apiVersion).lastIndexOf('/');
    fn = ajvWithFormats().compile({
      ...body,
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata', ...(body.required ?? [])],
      properties: {
        ...body.properties,
        apiVersion: { type: 'string', const: `${String(obj.apiVersion).slice(0, slash)}/${String(obj.apiVersion).slice(slash + 1)}` },
        kind: { type: 'string', const: obj.kind },
        metadata: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1 },
            namespace: { type: 'string' },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            annotations: { type: 'object', additionalProperties: { type: 'string' } },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    });
    compiled.set(k, fn);
  }
  return fn(obj) ? [] : (fn.errors ?? []).map(describeError);
}

/** Throws listing every schema error of the objects of the progressive-delivery groups among `objects`. */
export function expectValidProgressiveDeliveryObjects(objects: any[]): void {
  const problems: string[] = [];
  for (const obj of objects) {
    const group = String(obj?.apiVersion ?? '').split('/')[0];
    if (group !== 'argoproj.io' && group !== 'flagger.app') continue;
    for (const e of validateProgressiveDeliveryObject(obj)) problems.push(`${obj.kind} ${obj.metadata?.name ?? '?'} ${e}`);
  }
  if (problems.length > 0) throw new Error(`progressive-delivery CRD schema violations (${problems.length}):\n  ${problems.join('\n  ')}`);
}
