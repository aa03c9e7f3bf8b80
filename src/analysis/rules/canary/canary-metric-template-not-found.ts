import { Severity } from '../../diagnostic';
import { FLAGGER_GROUP } from '../../facts/controller-routes';
import { closestName } from '../../facts/subsets';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const canaryMetricTemplateNotFound: Rule = {
  id: 'canary-metric-template-not-found',
  kinds: ['Canary'],
  severity: Severity.ERROR,
  summary: 'A Flagger Canary\'s metric refers to a MetricTemplate that is not in the analysed set.',
  origin: 'app',
  docs: 'A custom metric of a Canary\'s analysis reads its query from the MetricTemplate `templateRef`\n' +
    'names (in `templateRef.namespace`, else the Canary\'s namespace). When it is missing, each check\n' +
    'of that metric fails, and after `threshold` failures Flagger rolls the canary back: the new version\n' +
    'is never promoted.\n' +
    'Why an error: every check of the metric fails, so the canary is certainly rolled back.',
  fields: 'spec.analysis.metrics[].templateRef',
  fix: 'Create the MetricTemplate, or name an existing one (with its namespace when it is elsewhere).',
  check(model: MeshModel, report: Report): void {
    for (const canary of model.ofKind(FLAGGER_GROUP, 'Canary')) {
      const metrics = canary.spec?.analysis?.metrics;
      if (!Array.isArray(metrics)) continue;
      metrics.forEach((m: unknown, i: number) => {
        if (!isPlainObject(m) || !isPlainObject(m.templateRef) || typeof m.templateRef.name !== 'string') return;
        const name = m.templateRef.name;
        const namespace = typeof m.templateRef.namespace === 'string' && m.templateRef.namespace !== '' ? m.templateRef.namespace : canary.namespace;
        if (model.find(FLAGGER_GROUP, 'MetricTemplate', namespace, name)) return;
        const closest = closestName(name, model.ofKind(FLAGGER_GROUP, 'MetricTemplate').filter((t) => t.namespace === namespace).map((t) => t.name));
        const elsewhere = model.ofKind(FLAGGER_GROUP, 'MetricTemplate').find((t) => t.name === name);
        report({
          object: canary,
          path: ['spec', 'analysis', 'metrics', i, 'templateRef', 'name'],
          message: `Metric "${typeof m.name === 'string' ? m.name : i}" of Canary ${canary.name} reads MetricTemplate "${name}" of namespace ${namespace}, which is not in the analysed set; ` +
            'every check of it fails and Flagger rolls the canary back.',
          fix: elsewhere
            ? `The template is in namespace ${elsewhere.namespace}: set templateRef.namespace: ${elsewhere.namespace}.`
            : closest
              ? `Did you mean "${closest}"?`
              : `Create MetricTemplate "${name}" in namespace ${namespace}, or name an existing one.`,
        });
      });
    }
  },
};
