/**
 * Istio's own sample and release YAML (Apache-2.0 configuration) as cases: every plain YAML file
 * under samples/ and manifests/ of an Istio checkout that holds at least one Kubernetes object
 * (Helm templates and values files are left out). Objects without a namespace get `default`
 * written in, which is where both `kubectl apply` and istioctl would put them, so that the two
 * tools see the same objects when istioctl runs with --all-namespaces.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { Case } from './corpus';
import { CLUSTER_SCOPED_KINDS } from './objects';

const MAX_FILE_BYTES = 100_000;

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(p);
  }
}

/** The sample cases of the Istio checkout at `istioSrc`. */
export function sampleCases(istioSrc: string): Case[] {
  const files: string[] = [];
  for (const top of ['samples', 'manifests']) {
    const dir = path.join(istioSrc, top);
    if (fs.existsSync(dir)) walk(dir, files);
  }
  const out: Case[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.length > MAX_FILE_BYTES || text.includes('{{')) continue;
    let docs: any[];
    try {
      const parsed = parseAllDocuments(text);
      if (parsed.some((d) => d.errors.length > 0)) continue;
      docs = parsed.map((d) => d.toJS()).filter((d) => d && typeof d === 'object' && !Array.isArray(d));
    } catch {
      continue;
    }
    const objects = docs.filter((d) => typeof d.kind === 'string' && typeof d.apiVersion === 'string' && d.metadata && typeof d.metadata.name === 'string');
    if (objects.length === 0) continue;
    for (const o of objects) {
      if (!CLUSTER_SCOPED_KINDS.has(o.kind) && !o.metadata.namespace) o.metadata.namespace = 'default';
    }
    const rel = path.relative(istioSrc, file);
    out.push({
      id: `sample-${rel.replace(/\.ya?ml$/, '').replace(/[^A-Za-z0-9]+/g, '-')}`,
      origin: 'sample',
      note: rel,
      files: [{ name: path.basename(file), content: objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n') }],
    });
  }
  return out;
}
