import { arrayOf } from './virtualservice';
import { isPlainObject, ObjectRecord, stringMap } from '../manifest';
import { MeshModel } from '../model';

export const REVISION_LABEL = 'istio.io/rev';

/** One webhook of a MutatingWebhookConfiguration. */
export interface Webhook {
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
export function injectionWebhooks(model: MeshModel): { webhooks: Webhook[]; revisions: Set<string> } {
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

