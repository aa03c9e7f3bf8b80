import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { describeDestination, weightedSplitsOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { INT32_MAX } from '../../validation/virtualservice';

export const virtualServiceInvalidWeight: Rule = {
  id: 'virtualservice-invalid-weight',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService destination weight is negative, not an integer, or all weights of a split are 0.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Destination weights that Istio\'s validation webhook rejects: a negative weight, or a split of\n' +
    'two or more destinations whose weights add up to 0. Weights are int32 in the CRD, so a\n' +
    'fractional, non-numeric or out-of-range weight is refused by the API server as well.\n' +
    '\n' +
    'Since Istio 1.15 weights no longer have to add up to 100 (they are relative shares);\n' +
    '`virtualservice-weights-not-100` warns about splits that look like percentages but do not.',
  fields: 'spec.*[].route[].weight',
  fix: 'Use non-negative whole weights, at least one above 0 in a split.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const split of weightedSplitsOf(vs)) {
        let total = 0;
        let allValid = true;
        for (const entry of split.entries) {
          const path = ['spec', split.kind, split.routeIndex, 'route', entry.index, 'weight'];
          const w = entry.weight;
          const who = describeDestination(entry);
          if (w === undefined || w === null) continue;
          if (typeof w !== 'number' || !Number.isInteger(w)) {
            allValid = false;
            report({
              object: vs,
              path,
              message: `Weight ${JSON.stringify(w)} of ${who} is not a whole number; weights are int32, so Kubernetes rejects the VirtualService.`,
              fix: typeof w === 'number'
                ? `Write a whole number, e.g. ${Math.max(0, Math.round(w))}; weights are relative, so scale all of them up if you need finer shares.`
                : `Write the weight as a number without quotes, e.g. weight: ${Number.parseInt(String(w), 10) || 0}.`,
            });
            continue;
          }
          if (w < 0) {
            allValid = false;
            report({
              object: vs,
              path,
              message: `Weight ${w} of ${who} is negative; Istio's validation webhook rejects negative weights.`,
              fix: 'Use 0 to send this destination no traffic, or a positive share.',
            });
            continue;
          }
          if (w > INT32_MAX) {
            allValid = false;
            report({
              object: vs,
              path,
              message: `Weight ${w} of ${who} does not fit in an int32 (max ${INT32_MAX}), so Kubernetes rejects the VirtualService.`,
              fix: 'Scale the weights of this split down; only their ratio matters (e.g. 90 and 10).',
            });
            continue;
          }
          total += w;
        }
        if (allValid && split.entries.length > 1 && total === 0) {
          report({
            object: vs,
            path: ['spec', split.kind, split.routeIndex, 'route'],
            message:
              `The ${split.entries.length} destinations of this split (${split.entries.map(describeDestination).join(', ')}) ` +
              'all have weight 0 or none, so the total weight is 0; Istio\'s validation webhook rejects it.',
            fix: 'Give the destinations positive weights, e.g. 100 on the one that should take all traffic and 0 on the others.',
          });
        }
      }
    }
  },
};
