import { Severity } from '../../diagnostic';
import { ARGO_GROUP, rolloutAnalysisTemplates } from '../../facts/controller-routes';
import { closestName } from '../../facts/subsets';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const rolloutAnalysisTemplateNotFound: Rule = {
  id: 'rollout-analysis-template-not-found',
  kinds: ['Rollout'],
  severity: Severity.ERROR,
  summary: 'An Argo Rollout runs an AnalysisTemplate (or ClusterAnalysisTemplate) that is not in the analysed set.',
  origin: 'app',
  docs: 'An analysis step or background analysis names its templates by `templateName`: an\n' +
    'AnalysisTemplate of the Rollout\'s namespace, or a ClusterAnalysisTemplate with `clusterScope:\n' +
    'true`. Argo Rollouts refuses a Rollout whose template does not exist (InvalidSpec), so the\n' +
    'rollout never starts its analysis nor moves on.\n' +
    'Why an error: Argo Rollouts refuses the Rollout (InvalidSpec), so the rollout cannot proceed.',
  fields: 'spec.strategy.canary.steps[].analysis.templates[].templateName, spec.strategy.canary.analysis.templates[].templateName',
  fix: 'Create the template in the Rollout\'s namespace (IstioAnalysisTemplate), or name an existing one.',
  check(model: MeshModel, report: Report): void {
    for (const rollout of model.ofKind(ARGO_GROUP, 'Rollout')) {
      for (const ref of rolloutAnalysisTemplates(rollout)) {
        const kind = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
        // Cluster-scoped objects are looked up under the default namespace (see ObjectRecord.namespace).
        const namespace = ref.clusterScope ? 'default' : rollout.namespace;
        const found = ref.clusterScope
          ? model.ofKind(ARGO_GROUP, kind).some((t) => t.name === ref.templateName)
          : model.find(ARGO_GROUP, kind, namespace, ref.templateName) !== undefined;
        if (found) continue;
        const candidates = model.ofKind(ARGO_GROUP, kind).filter((t) => ref.clusterScope || t.namespace === rollout.namespace).map((t) => t.name);
        const closest = closestName(ref.templateName, candidates);
        const elsewhere = !ref.clusterScope ? model.ofKind(ARGO_GROUP, kind).find((t) => t.name === ref.templateName) : undefined;
        report({
          object: rollout,
          path: ref.path,
          message: `Rollout ${rollout.name} runs ${kind} "${ref.templateName}"${ref.clusterScope ? '' : ` of namespace ${rollout.namespace}`}, which is not in the analysed set; ` +
            'Argo Rollouts marks the Rollout InvalidSpec.',
          fix: elsewhere
            ? `The template is in namespace ${elsewhere.namespace}; a Rollout reads templates of its own namespace: create it in ${rollout.namespace}.`
            : closest
              ? `Did you mean "${closest}"?`
              : `Create ${kind} "${ref.templateName}"${ref.clusterScope ? '' : ` in namespace ${rollout.namespace}`}, or name an existing one.`,
        });
      }
    }
  },
};
