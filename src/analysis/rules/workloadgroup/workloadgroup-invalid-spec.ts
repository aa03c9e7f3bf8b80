import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Report, Rule } from '../../rule';
import { labelsProblem } from '../../validators/webhook-values';

/** Readiness probe counters Istio requires to be non-negative. */
const PROBE_COUNTERS = ['periodSeconds', 'initialDelaySeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'];

export const workloadGroupInvalidSpec: Rule = {
  id: 'workloadgroup-invalid-spec',
  kinds: ['WorkloadGroup'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A WorkloadGroup\'s template metadata carries invalid labels, or its readiness probe a negative counter.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateWorkloadGroup, validateReadinessProbe',
  docs: 'Istio\'s webhook checks of a WorkloadGroup (ValidateWorkloadGroup): the labels given to the\n' +
    'WorkloadEntries it creates (`spec.metadata.labels`) are valid Kubernetes label keys and values,\n' +
    'and the readiness probe\'s periodSeconds, initialDelaySeconds, timeoutSeconds, successThreshold\n' +
    'and failureThreshold are not negative. The required `template` is left to the schema rules.',
  fields: 'spec.metadata.labels, spec.probe',
  fix: 'Use valid label keys and values (letters, digits, "-", "_", "."), and non-negative probe settings.',
  check(model: MeshModel, report: Report): void {
    for (const wg of model.ofKind(NETWORKING_GROUP, 'WorkloadGroup')) {
      const spec = isPlainObject(wg.spec) ? wg.spec : {};
      const labels = isPlainObject(spec.metadata) && isPlainObject(spec.metadata.labels) ? spec.metadata.labels : undefined;
      const problem = labels ? labelsProblem(labels) : undefined;
      if (problem) {
        report({
          object: wg,
          path: ['spec', 'metadata', 'labels'],
          message: `The labels of the WorkloadEntries this group creates are invalid: ${problem}; Istio rejects the WorkloadGroup.`,
          fix: 'Use label values of letters, digits, "-", "_" and "." that start and end with a letter or digit (at most 63 characters).',
        });
      }
      const probe = isPlainObject(spec.probe) ? spec.probe : {};
      for (const field of PROBE_COUNTERS) {
        const v = probe[field];
        if (typeof v === 'number' && v < 0) {
          report({ object: wg, path: ['spec', 'probe', field], message: `probe.${field} is ${v}; Istio requires it to be non-negative.`, fix: `Set ${field} to 0 or more.` });
        }
      }
    }
  },
};
