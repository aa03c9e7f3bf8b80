import { Severity } from '../../diagnostic';
import { ALPHA_SET_BY_ISTIO, hasIstioInit, TABLE, where, writtenAnnotations } from '../../facts/annotations';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const annotationAlpha: Rule = {
  id: 'annotation-alpha',
  kinds: ['*'],
  severity: Severity.INFO,
  istioCode: 'IST0136',
  summary: 'An Istio annotation belongs to an alpha feature, which may change or be incompletely supported.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message AlphaAnnotation (IST0136)',
  docs: 'istioctl\'s AlphaAnnotation (IST0136; istioctl only runs it on request, as it is noisy).',
  fields: 'metadata.annotations',
  fix: 'Keep it only if you accept an alpha feature.',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      const facts = TABLE.get(a.key);
      if (!facts || facts.status !== 'Alpha' || a.key === 'sidecar.istio.io/status') continue;
      if (a.kind === 'Pod' && ALPHA_SET_BY_ISTIO.has(a.key) && !hasIstioInit(a.podSpec)) continue;
      report({
        object: a.object,
        path: a.path,
        message: `Annotation "${a.key}" on ${where(a)} is part of an alpha Istio feature and may be incompletely supported.`,
        fix: 'Keep it if you rely on the feature; otherwise remove it. Skip this rule with the ignore option if alpha features are intended.',
      });
    }
  },
};
