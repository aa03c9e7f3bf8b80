import { Severity } from '../../diagnostic';
import { placementAllowed, TABLE, where, writtenAnnotations } from '../../facts/annotations';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { ANNOTATION_VALUE_CHECKS } from '../../validation/annotation-values';

export const annotationInvalid: Rule = {
  id: 'annotation-invalid',
  kinds: ['*'],
  severity: Severity.WARNING,
  istioCode: 'IST0125',
  summary: 'An Istio annotation has a value the sidecar injector refuses (interception mode, ports, CIDR ranges, booleans, proxy config).',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message InvalidAnnotation (IST0125)',
  docs: 'istioctl\'s InvalidAnnotation (IST0125): a value the sidecar injector refuses.',
  fields: 'metadata.annotations',
  fix: 'Write a value the injector accepts (the message names the problem).',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      const facts = TABLE.get(a.key);
      const check = ANNOTATION_VALUE_CHECKS[a.key];
      if (!facts || !check || !placementAllowed(facts, a.kind)) continue;
      const problem = check(a.value);
      if (!problem) continue;
      report({
        object: a.object,
        path: a.path,
        message: `Annotation "${a.key}" on ${where(a)} has the value ${JSON.stringify(a.value)}: ${problem}. The sidecar injector rejects the pod.`,
        fix: 'Write a valid value (see https://istio.io/latest/docs/reference/config/annotations/), or remove the annotation.',
      });
    }
  },
};
