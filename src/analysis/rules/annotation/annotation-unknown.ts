import { Severity } from '../../diagnostic';
import { ISTIO_LABELS, TABLE, where, writtenAnnotations } from '../../facts/annotations';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { closestNames } from '../../text';

export const annotationUnknown: Rule = {
  id: 'annotation-unknown',
  kinds: ['*'],
  severity: Severity.WARNING,
  istioCode: 'IST0108',
  summary: 'An annotation in the istio.io domain is not one Istio defines (a typo, or a label written as an annotation), so Istio ignores it.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message UnknownAnnotation (IST0108)',
  docs: 'istioctl\'s UnknownAnnotation (IST0108): an Istio-domain annotation Istio does not define.',
  fields: 'metadata.annotations',
  fix: 'Fix the spelling (the message suggests the name), or move Istio labels to labels.',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      if (TABLE.has(a.key)) continue;
      const label = ISTIO_LABELS.has(a.key);
      const guesses = label ? [] : closestNames(a.key, TABLE.keys(), 1).map((m) => m.name);
      report({
        object: a.object,
        path: a.path,
        message: `Annotation "${a.key}" on ${where(a)} is not an Istio annotation${label ? ' (Istio reads it as a label)' : ''}, so Istio ignores it.`,
        fix: label
          ? `Move "${a.key}: ${a.value}" from annotations to labels.`
          : guesses.length > 0
            ? `Did you mean "${guesses[0]}"? Otherwise remove the annotation.`
            : 'Check the name against https://istio.io/latest/docs/reference/config/annotations/, or remove the annotation.',
      });
    }
  },
};
