import { parseAllDocuments } from 'yaml';
import { isPlainObject } from '../manifest';

/**
 * A file cut short (an interrupted download or copy) ends in the middle of a schema, which would
 * otherwise be read as a CRD with fewer fields, or a version silently left out; hence this check,
 * made on every CRD file read (`lint --crds`, Mesh `crdFile`).
 *
 * What the CustomResourceDefinitions of a file lack of the fields apiextensions.k8s.io/v1
 * requires (`spec.group`, `spec.names.kind`/`plural`, `spec.scope`, and `name`, `served`,
 * `storage` of every version), one phrase per CRD. Documents that do not parse are left to the
 * CRD reader, whose messages name the YAML error.
 */
export function incompleteCrds(text: string): string[] {
  const found: string[] = [];
  for (const doc of parseAllDocuments(text, { logLevel: 'error', prettyErrors: false })) {
    if (doc.errors.length > 0) continue;
    const crd: unknown = doc.toJS({ maxAliasCount: -1 });
    if (!isPlainObject(crd) || crd.kind !== 'CustomResourceDefinition') continue;
    const spec = isPlainObject(crd.spec) ? crd.spec : {};
    const names = isPlainObject(spec.names) ? spec.names : {};
    const missing: string[] = [];
    if (typeof spec.group !== 'string') missing.push('spec.group');
    if (typeof names.kind !== 'string') missing.push('spec.names.kind');
    if (typeof names.plural !== 'string') missing.push('spec.names.plural');
    if (typeof spec.scope !== 'string') missing.push('spec.scope');
    if (!Array.isArray(spec.versions)) {
      missing.push('spec.versions');
    } else {
      spec.versions.forEach((v: unknown, i: number) => {
        const version = isPlainObject(v) ? v : {};
        for (const field of ['name', 'served', 'storage']) {
          const want = field === 'name' ? 'string' : 'boolean';
          if (typeof version[field] !== want) missing.push(`spec.versions[${i}].${field}`);
        }
      });
    }
    if (missing.length > 0) {
      const name = isPlainObject(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : '(unnamed)';
      found.push(`CustomResourceDefinition ${name} has no ${missing.join(', ')}`);
    }
  }
  return found;
}
