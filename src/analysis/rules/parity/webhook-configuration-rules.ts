import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord, stringMap } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { listSome } from '../security/common';
import { arrayOf } from '../virtualservice-routes';

const REVISION_LABEL = 'istio.io/rev';

/** One webhook of a MutatingWebhookConfiguration. */
interface Webhook {
  readonly config: ObjectRecord;
  readonly index: number;
  /** `configuration/webhook` for messages. */
  readonly id: string;
  readonly namespaceSelector: unknown;
  readonly objectSelector: unknown;
  readonly service?: { namespace: string; name: string };
}

/** Whether a Kubernetes LabelSelector (matchLabels and matchExpressions) selects `labels`; a missing selector selects everything. */
export function labelSelectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isPlainObject(selector)) return true;
  for (const [k, v] of Object.entries(stringMap(selector.matchLabels))) {
    if (labels[k] !== v) return false;
  }
  for (const e of arrayOf(selector.matchExpressions)) {
    if (!isPlainObject(e) || typeof e.key !== 'string') return false;
    const values = arrayOf(e.values).filter((x): x is string => typeof x === 'string');
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Revisions a selector names through `istio.io/rev`. */
function revisionsIn(selector: unknown): string[] {
  if (!isPlainObject(selector)) return [];
  const out: string[] = [];
  const fromLabels = stringMap(selector.matchLabels)[REVISION_LABEL];
  if (fromLabels !== undefined) out.push(fromLabels);
  for (const e of arrayOf(selector.matchExpressions)) {
    if (isPlainObject(e) && e.key === REVISION_LABEL) out.push(...arrayOf(e.values).filter((x): x is string => typeof x === 'string'));
  }
  return out;
}

/**
 * The injection webhooks of the analysed set, as istioctl picks them: configurations whose label
 * or selectors name a revision, or with a webhook whose name ends in `istio.io`.
 */
function injectionWebhooks(model: MeshModel): { webhooks: Webhook[]; revisions: Set<string> } {
  const webhooks: Webhook[] = [];
  const revisions = new Set<string>();
  for (const config of model.ofKind('admissionregistration.k8s.io', 'MutatingWebhookConfiguration')) {
    const raw = isPlainObject(config.source.manifest) ? arrayOf(config.source.manifest.webhooks) : [];
    const revs = [
      ...(config.labels[REVISION_LABEL] !== undefined ? [config.labels[REVISION_LABEL]] : []),
      ...raw.flatMap((w) => (isPlainObject(w) ? [...revisionsIn(w.namespaceSelector), ...revisionsIn(w.objectSelector)] : [])),
    ];
    const istio = raw.some((w) => isPlainObject(w) && typeof w.name === 'string' && w.name.endsWith('istio.io'));
    if (revs.length === 0 && !istio) continue;
    revs.forEach((r) => revisions.add(r));
    raw.forEach((w, index) => {
      if (!isPlainObject(w)) return;
      const svc = isPlainObject(w.clientConfig) && isPlainObject(w.clientConfig.service) ? w.clientConfig.service : undefined;
      webhooks.push({
        config,
        index,
        id: `${config.name}/${typeof w.name === 'string' ? w.name : `#${index}`}`,
        namespaceSelector: w.namespaceSelector,
        objectSelector: w.objectSelector,
        ...(svc && typeof svc.name === 'string' ? { service: { namespace: typeof svc.namespace === 'string' ? svc.namespace : 'default', name: svc.name } } : {}),
      });
    });
  }
  return { webhooks, revisions };
}

/**
 * istioctl's InvalidWebhook (IST0139), overlap part: for the namespace and pod label combinations
 * that matter to injection (none, `istio-injection` enabled/disabled, `sidecar.istio.io/inject`
 * true/false, each with every revision found), more than one injection webhook matches, so pods
 * could be injected twice.
 */
export const webhookOverlappingInjection: Rule = {
  id: 'webhook-overlapping-injection',
  severity: Severity.ERROR,
  istioCode: 'IST0139',
  summary: 'Two Istio sidecar-injection webhooks match the same namespace and pod labels, so a pod could be injected twice.',
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
          const entry = overlaps.get(w) ?? { others: new Set<string>(), example: `namespace labels {${describe(nl)}}, pod labels {${describe(ol)}}` };
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

function describe(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
}

/**
 * istioctl's InvalidWebhook (IST0139), service part: an injection webhook calls a Service that does
 * not exist. Only judged when the Service's namespace has Services in the analysed set.
 */
export const webhookServiceNotFound: Rule = {
  id: 'webhook-service-not-found',
  severity: Severity.ERROR,
  istioCode: 'IST0139',
  summary: 'An Istio sidecar-injection webhook calls a control-plane Service that does not exist.',
  check(model: MeshModel, report: Report): void {
    for (const w of injectionWebhooks(model).webhooks) {
      if (!w.service || model.servicesIn(w.service.namespace).length === 0) continue;
      if (model.find('', 'Service', w.service.namespace, w.service.name)) continue;
      report({
        object: w.config,
        path: ['webhooks', w.index, 'clientConfig', 'service'],
        message: `Injection webhook ${w.id} calls Service ${w.service.namespace}/${w.service.name}, which is not among the Services of ${w.service.namespace}; injection would fail.`,
        fix: 'Point clientConfig.service at the istiod Service of that revision (e.g. istiod or istiod-<revision>).',
      });
    }
  },
};

export const WEBHOOK_CONFIGURATION_RULES: readonly Rule[] = [webhookOverlappingInjection, webhookServiceNotFound];
