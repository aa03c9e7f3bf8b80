import { Severity } from '../../diagnostic';
import { meshConfigOf } from '../../facts/mesh-config';
import { telemetries } from '../../facts/telemetry';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const telemetryAccessLoggingWithoutProvider: Rule = {
  id: 'telemetry-access-logging-without-provider',
  kinds: ['Telemetry'],
  severity: Severity.WARNING,
  istioCode: 'IST0157',
  summary: 'A Telemetry access logging entry names no provider, so it is ignored unless the mesh config sets default access log providers.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message InvalidTelemetryProvider (IST0157)',
  docs: 'istioctl\'s InvalidTelemetryProvider (IST0157): an access logging entry names no provider. Istio\n' +
    'then uses `meshConfig.defaultProviders.accessLogging`, which is empty unless set at install\n' +
    'time (istioctl analyses against the default mesh config, or `--meshConfigFile`), so the entry\n' +
    'is ignored. Like istioctl, nothing is reported when the mesh config names default providers.',
  fields: 'spec.accessLogging[].providers',
  fix: 'Name a provider (envoy), unless the mesh config sets default access log providers.',
  check(model: MeshModel, report: Report): void {
    const defaults = meshConfigOf(model)?.config.defaultProviders;
    if (isPlainObject(defaults) && arrayOf(defaults.accessLogging).length > 0) return;
    for (const t of telemetries(model)) {
      const entries = isPlainObject(t.spec) ? arrayOf(t.spec.accessLogging) : [];
      entries.forEach((l, i) => {
        if (!isPlainObject(l) || l.disabled === true) return;
        if (arrayOf(l.providers).length > 0) return;
        report({
          object: t,
          path: ['spec', 'accessLogging', i],
          message:
            `accessLogging[${i}] names no provider, so it uses meshConfig.defaultProviders.accessLogging; with Istio's default mesh config that list ` +
            'is empty and this Telemetry is ignored.',
          fix: 'Name a provider, e.g. providers: [{ name: envoy }], unless your mesh config sets defaultProviders.accessLogging.',
        });
      });
    }
  },
};
