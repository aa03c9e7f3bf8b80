import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { injectionWebhooks, labelSelectorMatches, REVISION_LABEL, Webhook } from '../../resources/webhook-configuration';
import { Report, Rule } from '../../rule';
import { formatLabels, listSome } from '../../text';


export const webhookOverlappingInjection: Rule = {
  id: 'webhook-overlapping-injection',
  kinds: ['MutatingWebhookConfiguration'],
  severity: Severity.ERROR,
  istioCode: 'IST0139',
  summary: 'Two Istio sidecar-injection webhooks match the same namespace and pod labels, so a pod could be injected twice.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message InvalidWebhook (IST0139)',
  docs: 'istioctl\'s InvalidWebhook (IST0139), overlap part: for the namespace and pod label combinations\n' +
    'that matter to injection (none, `istio-injection` enabled/disabled, `sidecar.istio.io/inject`\n' +
    'true/false, each with every revision found), more than one injection webhook matches, so pods\n' +
    'could be injected twice.',
  fields: 'webhooks[].namespaceSelector, objectSelector',
  fix: 'Make the injection webhooks of different revisions select disjoint namespaces and pods, or remove the stale one.',
  check(model: MeshModel, report: Report): void {
    const { webhooks, revisions } = injectionWebhooks(model);
    if (webhooks.length < 2) return;
    const withRevisions = (base: Array<Record<string, string>>) => [
      ...base,
      ...[...revisions].flatMap((rev) => base.map((b) => ({ ...b, [REVISION_LABEL]: rev }))),
    ];
    const namespaceLabels = withRevisions([{}, { 'istio-injection': 'enabled' }, { 'istio-injection': 'disabled' }]);
    const objectLabels = withRevisions([{}, { 'sidecar.istio.io/inject': 'true' }, { 'sidecar.istio.io/inject': 'false' }]);
    const overlaps = new Map<Webhook, { others: Set<string>; example: string }>();
    for (const nl of namespaceLabels) {
      for (const ol of objectLabels) {
        const matching = webhooks.filter((w) => labelSelectorMatches(w.namespaceSelector, nl) && labelSelectorMatches(w.objectSelector, ol));
        if (matching.length < 2) continue;
        for (const w of matching) {
          const entry = overlaps.get(w) ?? { others: new Set<string>(), example: `namespace labels {${formatLabels(nl, '')}}, pod labels {${formatLabels(ol, '')}}` };
          matching.filter((o) => o !== w).forEach((o) => entry.others.add(o.id));
          overlaps.set(w, entry);
        }
      }
    }
    for (const [w, { others, example }] of overlaps) {
      report({
        object: w.config,
        path: ['webhooks', w.index],
        message: `Injection webhook ${w.id} overlaps with ${listSome([...others])}: both match ${example}, so such pods could be injected twice.`,
        fix: 'Give each revision\'s webhook disjoint namespaceSelector/objectSelector (e.g. match istio.io/rev in one and istio-injection in the other), or remove the stale configuration.',
      });
    }
  },
};
