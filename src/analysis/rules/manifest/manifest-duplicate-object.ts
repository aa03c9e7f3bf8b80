/**
 * One object defined several times in the analysed set: kustomize bases and their overlays,
 * step-by-step tutorials, or a v1 and a v1beta1 copy of one object. istioctl analyze keeps one
 * object per kind and namespace/name, the last one it reads, and so does the model: the earlier
 * copies are not analysed. Reporting it says which copy the findings are about.
 */
import { Severity } from '../../diagnostic';
import { isClusterScoped, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

/** Where a copy comes from, for messages: `base/vs.yaml:12`, a construct path, or its apiVersion alone. */
function whereDefined(o: ObjectRecord): string {
  if (o.source.file) return o.source.line !== undefined ? `${o.source.file}:${o.source.line}` : o.source.file;
  if (o.source.constructPath) return `construct ${o.source.constructPath}`;
  return 'an earlier input';
}

export const manifestDuplicateObject: Rule = {
  id: 'manifest-duplicate-object',
  kinds: ['*'],
  severity: Severity.INFO,
  summary: 'The same object (kind, namespace and name) is defined more than once; only the last definition is analysed, as istioctl analyze and kubectl apply keep only the last.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/local (the file source keeps one object per kind and namespace/name)',
  fields: 'metadata.name',
  fix: 'Keep one definition per object in the files linted together, or lint each overlay or tutorial step on its own.',
  docs: `
istioctl analyze stores the objects of local files by kind and namespace/name: when two documents
define the same object, the one read last replaces the other, whatever its API version (a
networking.istio.io/v1 and a v1beta1 VirtualService with one name are one object). Applying the
files with kubectl leaves the same result. Lint does the same, so that a kustomize base and its
overlay, or the steps of a tutorial, are not reported as objects conflicting with themselves.
This info names the copies that were set aside; nothing in them is checked.
To check each variant, lint them separately (e.g. kustomize build overlays/prod | cdk8s-istio lint -).
`,
  check(model: MeshModel, report: Report): void {
    for (const [kept, copies] of model.shadowedBy) {
      const list = copies.map((c) => `${whereDefined(c)}${c.apiVersion !== kept.apiVersion ? ` (${c.apiVersion})` : ''}`);
      const ns = isClusterScoped(kept.group, kept.kind) ? '' : `${kept.namespace}/`;
      report({
        object: kept,
        path: ['metadata', 'name'],
        message:
          `${kept.kind} ${ns}${kept.name} is also defined in ${list.join(', ')}. ` +
          `Only this definition (${whereDefined(kept)}), read last, is analysed, as istioctl analyze and kubectl apply keep the last one; ` +
          `the ${copies.length === 1 ? 'earlier copy is' : `${copies.length} earlier copies are`} not checked.`,
        fix: 'Keep one definition of the object in the files you lint together, or lint each variant (kustomize overlay, tutorial step) on its own.',
      });
    }
  },
};
