import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { hasText, httpRoutesOf, isSet } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';

export const virtualServiceInvalidRetries: Rule = {
  id: 'virtualservice-invalid-retries',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService retry policy has negative attempts, or sets retryOn/perTryTimeout/retryRemoteLocalities with 0 attempts.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Retry policies Istio\'s validation webhook refuses: a negative `attempts`, or `perTryTimeout`,\n' +
    '`retryOn` or `retryRemoteLocalities` set while `attempts` is 0 or absent. In proto3 an absent\n' +
    '`attempts` is 0, which means "retries disabled", so `retries: { perTryTimeout: 2s }` alone is\n' +
    'rejected; without a `retries` block Istio\'s default (2 attempts) applies.',
  fields: 'spec.http[].retries',
  fix: 'Use attempts >= 0; with attempts 0 remove retryOn, perTryTimeout and retryRemoteLocalities.',
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
