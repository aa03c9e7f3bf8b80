import { Severity } from '../../diagnostic';
import { telemetries, telemetryFindings } from '../../facts/telemetry';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

/**
 * Istio's webhook checks of Telemetry tracing, metrics and access logging that the CRD schema does
 * not express (ValidateTelemetry): empty custom tag names, tag overrides whose value does not fit
 * the operation, access log filters that are not CEL; and its warnings for more than one tracing
 * entry or provider and for empty tag override names.
 */
export const telemetryInvalidSettings: Rule = {
  id: 'telemetry-invalid-settings',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A Telemetry has an empty custom tag name, a tag override value that does not fit its operation, or an access log filter that is not a CEL expression (plus Istio\'s warnings).',
  check(model: MeshModel, report: Report): void {
    for (const t of telemetries(model)) {
      if (!isPlainObject(t.spec)) continue;
      for (const f of telemetryFindings(t)) report(f);
    }
  },
};
