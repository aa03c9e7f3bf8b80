import { Severity } from '../../diagnostic';
import { telemetries, telemetryFindings } from '../../facts/telemetry';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const telemetryInvalidSettings: Rule = {
  id: 'telemetry-invalid-settings',
  kinds: ['Telemetry'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Telemetry has an empty custom tag name, a tag override value that does not fit its operation, or an access log filter that is not a CEL expression (plus Istio\'s warnings).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateTelemetry and helpers',
  docs: 'Istio\'s webhook checks of Telemetry tracing, metrics and access logging that the CRD schema does\n' +
    'not express (ValidateTelemetry): empty custom tag names, tag overrides whose value does not fit\n' +
    'the operation, access log filters that are not CEL; and its warnings for more than one tracing\n' +
    'entry or provider and for empty tag override names.' +
    '\n\nIstio\'s webhook errors carry istioctl\'s IST0106; the findings it only warns about carry IST0133 (SchemaWarning), as istioctl reports them.',
  fields: 'spec.tracing, spec.metrics, spec.accessLogging',
  fix: 'Name custom tags, fit tag override values to the operation, write filters in CEL.',
  check(model: MeshModel, report: Report): void {
    for (const t of telemetries(model)) {
      if (!isPlainObject(t.spec)) continue;
      for (const f of telemetryFindings(t)) report(f);
    }
  },
};
