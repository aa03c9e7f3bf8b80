import { Severity } from '../diagnostic';
import { isPlainObject } from '../manifest';
import { MeshModel } from '../model';
import { Report, Rule } from '../rule';
import { hasText, httpRoutesOf, isSet } from './virtualservice-http-routes';
import { invalidRetryOnPolicies, RETRY_ON_POLICIES } from '../validators/http';

/**
 * `retries.retryOn` entries Istio's validation webhook refuses. The value is split on commas
 * without trimming, and each entry must be one of Envoy's retry conditions (`5xx`,
 * `gateway-error`, `reset`, `connect-failure`, `retriable-4xx`, `refused-stream`,
 * `retriable-status-codes`, gRPC `cancelled`, `unavailable`, …) or an HTTP status code that Go's
 * `net/http` has a name for. So `"5xx, reset"` (space after the comma) and `"5XX"` are rejected.
 */
export const virtualServiceInvalidRetryOn: Rule = {
  id: 'virtualservice-invalid-retry-on',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService retries.retryOn entry is neither an Envoy retry condition nor a known HTTP status code.',
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

/**
 * Retry policies Istio's validation webhook refuses: a negative `attempts`, or `perTryTimeout`,
 * `retryOn` or `retryRemoteLocalities` set while `attempts` is 0 or absent. In proto3 an absent
 * `attempts` is 0, which means "retries disabled", so `retries: { perTryTimeout: 2s }` alone is
 * rejected; without a `retries` block Istio's default (2 attempts) applies.
 */
export const virtualServiceInvalidRetries: Rule = {
  id: 'virtualservice-invalid-retries',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService retry policy has negative attempts, or sets retryOn/perTryTimeout/retryRemoteLocalities with 0 attempts.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const retries = r.route.retries;
        if (!isPlainObject(retries)) continue;
        const attempts = retries.attempts;
        const path = [...r.path, 'retries'];
        if (typeof attempts === 'number' && attempts < 0) {
          report({
            object: vs,
            path: [...path, 'attempts'],
            message: `${r.label}: retries.attempts is ${attempts}; Istio's validation webhook rejects negative attempts.`,
            fix: 'Use attempts: 0 to disable retries, or a positive number of retries (e.g. 3).',
          });
          continue;
        }
        if (attempts !== undefined && attempts !== null && attempts !== 0) continue;
        const configured = [
          isSet(retries, 'perTryTimeout') ? `perTryTimeout ${JSON.stringify(retries.perTryTimeout)}` : undefined,
          hasText(retries, 'retryOn') ? `retryOn ${JSON.stringify(retries.retryOn)}` : undefined,
          isSet(retries, 'retryRemoteLocalities') ? `retryRemoteLocalities ${JSON.stringify(retries.retryRemoteLocalities)}` : undefined,
        ].filter((x): x is string => x !== undefined);
        if (configured.length === 0) continue;
        const attemptsText = attempts === 0 ? 'attempts is 0' : 'attempts is not set (so it is 0)';
        report({
          object: vs,
          path: attempts === 0 ? [...path, 'attempts'] : path,
          message:
            `${r.label}: retries sets ${configured.join(' and ')} but ${attemptsText}, which disables retries; ` +
            'Istio\'s validation webhook rejects a retry policy configured with retries disabled.',
          fix: 'Set attempts to the number of retries you want (e.g. attempts: 3); or, to disable retries, keep only attempts: 0; ' +
            'or remove the retries block to keep Istio\'s default (2 retries).',
        });
      }
    }
  },
};
