import { Severity } from '../../diagnostic';
import { controllerRoutesOf, httpRouteNames } from '../../facts/controller-routes';
import { formatPercent, toHundred } from '../../facts/weights';
import { MeshModel } from '../../model';
import { describeDestination, weightedSplitsOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const virtualServiceWeightsNot100: Rule = {
  id: 'virtualservice-weights-not-100',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  summary: 'A VirtualService traffic split written as percentages does not add up to 100, so Istio rescales the shares.',
  origin: 'app',
  docs: 'A traffic split whose weights look like percentages (none above 100) but do not add up to 100.\n' +
    'Istio accepts it (since 1.15 weights are relative shares, each destination getting\n' +
    'weight / total), so the traffic does not split the way the numbers read.\n' +
    'Splits with a weight above 100 are taken as deliberately relative (e.g. 1000 / 9000).\n' +
    'Routes whose weights a progressive-delivery controller moves (named by an Argo Rollout, or listed\n' +
    'in the annotation `cdk8s-istio.io/controller-routes`) are left to the controller.',
  fields: 'spec.*[].route[].weight',
  fix: 'Make the weights add up to 100 (the fix gives them), or use weights above 100 for relative shares.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      const controlled = controllerRoutesOf(model, vs);
      const names = controlled.size > 0 ? httpRouteNames(vs) : [];
      for (const split of weightedSplitsOf(vs)) {
        if (split.entries.length < 2) continue;
        if (split.kind === 'http' && controlled.has(names[split.routeIndex])) continue;
        const weights: number[] = [];
        for (const entry of split.entries) {
          const w = entry.weight ?? 0;
          // Invalid weights are virtualservice-invalid-weight's business.
          if (typeof w !== 'number' || !Number.isInteger(w) || w < 0) break;
          weights.push(w);
        }
        if (weights.length !== split.entries.length) continue;
        const total = weights.reduce((a, b) => a + b, 0);
        if (total === 0 || total === 100 || weights.some((w) => w > 100)) continue;

        const written = split.entries.map((e, i) => `${weights[i]} (${describeDestination(e)})`).join(', ');
        const effective = split.entries
          .map((e, i) => `${describeDestination(e)} ${formatPercent((weights[i] * 100) / total)}`)
          .join(', ');
        const suggested = toHundred(weights);
        report({
          object: vs,
          path: ['spec', split.kind, split.routeIndex, 'route'],
          message:
            `Weights ${written} add up to ${total}, not 100. Istio treats weights as relative shares (weight / ${total}), ` +
            `so traffic actually splits ${effective}.`,
          fix:
            `Make the weights add up to 100 so that they read as the percentages they are, e.g. ${suggested.join(' / ')} ` +
            'for the same proportions.',
        });
      }
    }
  },
};
