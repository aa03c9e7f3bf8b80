import { Severity } from '../../diagnostic';
import { placementAllowed, TABLE, where, writtenAnnotations } from '../../facts/annotations';
import { MeshModel, podTemplateOf } from '../../model';
import { Report, Rule } from '../../rule';

export const annotationMisplaced: Rule = {
  id: 'annotation-misplaced',
  kinds: ['*'],
  severity: Severity.WARNING,
  istioCode: 'IST0107',
  summary: 'An Istio annotation is written on a kind that does not read it, e.g. a sidecar annotation on a Deployment instead of its pod template.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message MisplacedAnnotation (IST0107)',
  docs: 'istioctl\'s MisplacedAnnotation (IST0107): an Istio annotation on a kind that does not read it.',
  fields: 'metadata.annotations',
  fix: 'Move sidecar annotations to the pod template (spec.template.metadata.annotations), others to the kind they configure.',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      const facts = TABLE.get(a.key);
      if (!facts || placementAllowed(facts, a.kind)) continue;
      const kinds = facts.resources.filter((r) => r !== 'Any');
      const podTemplate = kinds.includes('Pod') && podTemplateOf(a.object) !== undefined && !a.onTemplate;
      report({
        object: a.object,
        path: a.path,
        message:
          `Annotation "${a.key}" is written on ${where(a)}, but Istio only reads it on ${kinds.join(', ')}` +
          `${podTemplate ? ': the pods of this workload never get it' : ''}.`,
        fix: podTemplate
          ? `Move it to spec${a.object.kind === 'CronJob' ? '.jobTemplate.spec' : ''}.template.metadata.annotations (the pod template).`
          : `Write it on the ${kinds.join(' or ')} it configures, or remove it.`,
      });
    }
  },
};
