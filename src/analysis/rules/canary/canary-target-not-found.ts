import { Severity } from '../../diagnostic';
import { FLAGGER_GROUP } from '../../facts/controller-routes';
import { closestName } from '../../facts/subsets';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const canaryTargetNotFound: Rule = {
  id: 'canary-target-not-found',
  kinds: ['Canary'],
  severity: Severity.ERROR,
  summary: 'A Flagger Canary\'s targetRef names a workload that is not in the analysed set.',
  origin: 'app',
  docs: 'Flagger takes over the workload `targetRef` names, in the Canary\'s namespace: it copies it to\n' +
    '`<name>-primary` and runs each new version of it as the canary. Without that workload Flagger\n' +
    'stops at initialization: no primary, no Services, no VirtualService, so the host has no route.\n' +
    'Why an error: Flagger cannot initialize the Canary, so the host gets no VirtualService and no Services.',
  fields: 'spec.targetRef',
  fix: 'Name the Deployment (or DaemonSet) of the Canary\'s namespace that runs the service\'s pods.',
  check(model: MeshModel, report: Report): void {
    for (const canary of model.ofKind(FLAGGER_GROUP, 'Canary')) {
      const ref = canary.spec?.targetRef;
      if (!isPlainObject(ref) || typeof ref.name !== 'string' || typeof ref.kind !== 'string') continue;
      const group = typeof ref.apiVersion === 'string' && ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      if (model.find(group, ref.kind, canary.namespace, ref.name)) continue;
      const sameKind = model.ofKind(group, ref.kind).filter((w) => w.namespace === canary.namespace).map((w) => w.name);
      const closest = closestName(ref.name, sameKind);
      const elsewhere = model.ofKind(group, ref.kind).find((w) => w.name === ref.name);
      report({
        object: canary,
        path: ['spec', 'targetRef', 'name'],
        message: `Canary ${canary.name} takes over ${ref.kind} "${ref.name}" of namespace ${canary.namespace}, which is not in the analysed set; ` +
          'Flagger cannot initialize it, so the host gets no primary, no Services and no VirtualService.',
        fix: elsewhere
          ? `${ref.kind} ${ref.name} is in namespace ${elsewhere.namespace}; put the Canary in that namespace, or the workload in ${canary.namespace}.`
          : closest
            ? `Did you mean "${closest}"?`
            : `Name a ${ref.kind} of namespace ${canary.namespace}, or add "${ref.name}".`,
      });
    }
  },
};
