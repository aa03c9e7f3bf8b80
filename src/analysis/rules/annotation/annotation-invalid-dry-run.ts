import { Severity } from '../../diagnostic';
import { GO_BOOLEAN_VALUES, isIstioConfig } from '../../facts/annotations';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const annotationInvalidDryRun: Rule = {
  id: 'annotation-invalid-dry-run',
  kinds: ['*'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'An Istio object carries istio.io/dry-run although it is not an ALLOW or DENY AuthorizationPolicy, or with a value that is not a boolean.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
  docs: 'Istio\'s webhook check of the `istio.io/dry-run` annotation (validateMetadata): only an\n' +
    'AuthorizationPolicy with action ALLOW or DENY may carry it, and its value must be a boolean.',
  fields: 'metadata.annotations["istio.io/dry-run"]',
  fix: 'Use it only on ALLOW/DENY AuthorizationPolicies, with "true" or "false".',
  check(model: MeshModel, report: Report): void {
    for (const o of model.objects) {
      const value = o.annotations['istio.io/dry-run'];
      if (value === undefined || !isIstioConfig(o)) continue;
      const path = ['metadata', 'annotations', 'istio.io/dry-run'];
      if (o.kind !== 'AuthorizationPolicy') {
        report({ object: o, path, message: `Only AuthorizationPolicies support istio.io/dry-run; Istio rejects this ${o.kind}.`, fix: 'Remove the annotation.' });
        continue;
      }
      const action = isPlainObject(o.spec) && typeof o.spec.action === 'string' ? o.spec.action : 'ALLOW';
      if (action !== 'ALLOW' && action !== 'DENY') {
        report({ object: o, path, message: `istio.io/dry-run only works with action ALLOW or DENY; Istio rejects it on a ${action} policy.`, fix: 'Remove the annotation, or test the policy as ALLOW or DENY.' });
      } else if (!GO_BOOLEAN_VALUES.has(value)) {
        report({ object: o, path, message: `istio.io/dry-run is ${JSON.stringify(value)}, which is not a boolean; Istio rejects it.`, fix: 'Write "true" or "false".' });
      }
    }
  },
};
