import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { invalidRetryOnPolicies, RETRY_ON_POLICIES } from '../../validators/http';

export const virtualServiceInvalidRetryOn: Rule = {
  id: 'virtualservice-invalid-retry-on',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService retries.retryOn entry is neither an Envoy retry condition nor a known HTTP status code.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: '`retries.retryOn` entries Istio\'s validation webhook refuses. The value is split on commas\n' +
    'without trimming, and each entry must be one of Envoy\'s retry conditions (`5xx`,\n' +
    '`gateway-error`, `reset`, `connect-failure`, `retriable-4xx`, `refused-stream`,\n' +
    '`retriable-status-codes`, gRPC `cancelled`, `unavailable`, …) or an HTTP status code that Go\'s\n' +
    '`net/http` has a name for. So `"5xx, reset"` (space after the comma) and `"5XX"` are rejected.',
  fields: 'spec.http[].retries.retryOn',
  fix: 'Use Envoy retry conditions (5xx, gateway-error, connect-failure, …) or HTTP status codes.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const retries = r.route.retries;
        if (!isPlainObject(retries) || typeof retries.retryOn !== 'string' || retries.retryOn === '') continue;
        const retryOn: string = retries.retryOn;
        const bad = invalidRetryOnPolicies(retryOn);
        if (bad.length === 0) continue;
        // One corrected value for all entries: suggestions applied, spaces trimmed, empty and unknown entries dropped.
        const corrected = retryOn
          .split(',')
          .map((p, i) => {
            const problem = bad.find((b) => b.index === i);
            return problem ? problem.suggestion : p;
          })
          .filter((p): p is string => p !== undefined && p !== '');
        const fixValue = [...new Set(corrected)].join(',');
        for (const b of bad) {
          const what = b.policy === ''
            ? `an empty entry (a doubled or trailing comma) in retryOn ${JSON.stringify(retryOn)}`
            : b.policy.trim() !== b.policy && b.suggestion === b.policy.trim()
              ? `retryOn entry ${JSON.stringify(b.policy)} in ${JSON.stringify(retryOn)} has spaces around it (Istio splits on "," and does not trim)`
              : `retryOn entry ${JSON.stringify(b.policy)} in ${JSON.stringify(retryOn)} is not a retry condition Envoy knows nor an HTTP status code`;
          report({
            object: vs,
            path: [...r.path, 'retries', 'retryOn'],
            message: `${r.label}: ${what}; Istio's validation webhook rejects the VirtualService.`,
            fix: fixValue !== ''
              ? `Write retryOn: "${fixValue}" (comma-separated, no spaces).`
              : `Use comma-separated conditions without spaces, from: ${RETRY_ON_POLICIES.join(', ')}, or HTTP status codes such as 503.`,
          });
        }
      }
    }
  },
};
