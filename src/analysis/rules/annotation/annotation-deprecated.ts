import { Severity } from '../../diagnostic';
import { TABLE, where, writtenAnnotations } from '../../facts/annotations';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const annotationDeprecated: Rule = {
  id: 'annotation-deprecated',
  kinds: ['*'],
  severity: Severity.INFO,
  istioCode: 'IST0135',
  summary: 'An Istio annotation is deprecated and may stop working in a future Istio release.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message DeprecatedAnnotation (IST0135)',
  docs: 'istioctl\'s DeprecatedAnnotation (IST0135).',
  fields: 'metadata.annotations',
  fix: 'Replace the annotation (sidecar.istio.io/inject: use the label).',
  check(model: MeshModel, report: Report): void {
    for (const a of writtenAnnotations(model)) {
      const facts = TABLE.get(a.key);
      if (!facts?.deprecated) continue;
      const inject = a.key === 'sidecar.istio.io/inject';
      // Like istioctl: both the annotation and its replacement label is a deliberate transition.
      if (inject && a.labels[a.key] !== undefined) continue;
      report({
        object: a.object,
        path: a.path,
        message: `Annotation "${a.key}" on ${where(a)} is deprecated${inject ? ' in favour of the label of the same name' : ''} and may not work in future Istio versions.`,
        fix: inject
          ? `Set the label sidecar.istio.io/inject: "${a.value}" on the pod template instead.`
          : 'Remove it, or replace it as the Istio annotation reference describes.',
      });
    }
  },
};
