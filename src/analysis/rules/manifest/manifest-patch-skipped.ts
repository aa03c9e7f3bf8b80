/**
 * Kustomize patch documents among the inputs: a file a kustomization lists under `patches`,
 * `patchesStrategicMerge` or `patchesJson6902`, or a document holding a strategic-merge directive
 * (`$patch: delete`, `$patch: replace`, `$retainKeys`, …). Such a document is a partial change to
 * an object kustomize builds, so analysing it as an object would report fields it leaves out, and
 * letting it replace the object it patches would hide that object. The model sets it aside.
 */
import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const manifestPatchSkipped: Rule = {
  id: 'manifest-patch-skipped',
  kinds: ['*'],
  severity: Severity.INFO,
  summary: 'A kustomize patch document (listed as a patch by a kustomization, or holding a $patch directive) is not an object, so it is skipped.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/local (the file source keeps one object per kind and namespace/name)',
  fields: 'the document, $patch directives',
  fix: 'Nothing to fix; lint the output of kustomize build to check the patched objects.',
  docs: `
A kustomize patch changes an object that kustomize builds from its bases: a strategic-merge
patch holds only the fields it changes (and directives such as $patch: delete), a JSON 6902
patch is a list of operations. Neither is an object that Kubernetes or Istio would receive, so
lint does not analyse it, and it does not take the place of the object it patches. A document
counts as a patch when a kustomization.yaml in its folder, or in the folder of another input,
lists its file under patches, patchesStrategicMerge or patchesJson6902 (and not under
resources), or when it holds a strategic-merge directive ($patch, $retainKeys,
$setElementOrder/…, $deleteFromPrimitiveList/…), which no object has.
To check the patched objects, lint what kustomize builds: kustomize build DIR | cdk8s-istio lint -
`,
  check(model: MeshModel, report: Report): void {
    for (const { record, reason, path } of model.skippedPatches) {
      report({
        object: record,
        path,
        message:
          `This ${record.kind} document is a kustomize patch (${reason}), not an object of its own: it is not analysed, ` +
          'and it does not replace the object it patches.',
        fix: 'Lint the output of kustomize build to check the patched objects (kustomize build DIR | cdk8s-istio lint -).',
      });
    }
  },
};
