/**
 * The DestinationRule a client applies to a host, and the traffic policy it yields for one
 * subset and port, merged as Istio merges them.
 */
import { hostMatchScore } from './matching';
import { isPlainObject, ObjectRecord } from '../analysis/manifest';
import { labelsMatch, MeshModel } from '../analysis/model';
import { workloadSelectorOf } from '../analysis/resources/selectors';
import { arrayOf } from '../analysis/resources/virtualservice';

/** The client a DestinationRule is looked up for. */
interface ClientScope {
  readonly namespace?: string;
  readonly labels: Record<string, string>;
}

/** A traffic policy merged for one subset and port, with the levels it came from. */
export interface MergedPolicy {
  readonly policy: Record<string, any>;
  readonly levels: string[];
  readonly subsetFound: boolean;
}

/** DestinationRules by namespace, read once per model. */
function rulesByNamespace(model: MeshModel): Map<string, ObjectRecord[]> {
  return model.memo('simulator.destinationRulesByNamespace', (m) => {
    const out = new Map<string, ObjectRecord[]>();
    for (const dr of m.destinationRules()) {
      const list = out.get(dr.namespace);
      if (list) list.push(dr);
      else out.set(dr.namespace, [dr]);
    }
    return out;
  });
}

/** Whether a namespaced config is exported to `namespace` (`exportTo` absent or `*` means everywhere). */
export function exportedTo(o: ObjectRecord, namespace: string | undefined): boolean {
  const list = arrayOf(isPlainObject(o.spec) ? o.spec.exportTo : undefined).filter((e): e is string => typeof e === 'string');
  if (list.length === 0 || list.includes('*')) return true;
  if (namespace === undefined) return false;
  return list.some((e) => (e === '.' ? o.namespace === namespace : e === namespace));
}

/** The DestinationRules of one namespace that apply to `fqdn` with the most specific host, merged in input order. */
function bestInNamespace(model: MeshModel, namespace: string, fqdn: string, client: ClientScope): ObjectRecord[] {
  let best = -1;
  let found: ObjectRecord[] = [];
  for (const dr of rulesByNamespace(model).get(namespace) ?? []) {
    if (!exportedTo(dr, client.namespace)) continue;
    const selector = workloadSelectorOf(dr);
    if (Object.keys(selector).length > 0 && (client.namespace !== dr.namespace || !labelsMatch(selector, client.labels))) continue;
    const host = isPlainObject(dr.spec) && typeof dr.spec.host === 'string' ? model.fqdn(dr.spec.host, dr.namespace) : '';
    const score = hostMatchScore(host, fqdn);
    if (score < 0) continue;
    if (score > best) {
      best = score;
      found = [dr];
    } else if (score === best) {
      found.push(dr);
    }
  }
  return found;
}

/**
 * The DestinationRules Istio applies for a client: those of the client's namespace, else of the
 * host's namespace, else of the root namespace (the first namespace that has one wins); within a
 * namespace the most specific host, and several rules for that host merged (the first one's
 * traffic policy, subsets of all).
 */
export function destinationRulesFor(model: MeshModel, fqdn: string, hostNamespace: string | undefined, client: ClientScope): ObjectRecord[] {
  const order = [client.namespace, hostNamespace, model.rootNamespace].filter((n): n is string => n !== undefined && n !== '');
  for (const ns of [...new Set(order)]) {
    const found = bestInNamespace(model, ns, fqdn, client);
    if (found.length > 0) return found;
  }
  return [];
}

/** The four fields a port-level setting replaces together. */
const PORT_FIELDS = ['connectionPool', 'loadBalancer', 'outlierDetection', 'tls'];
const POLICY_FIELDS = [...PORT_FIELDS, 'tunnel', 'proxyProtocol'];

function portLevel(policy: Record<string, any>, port: number | undefined): Record<string, any> | undefined {
  if (port === undefined) return undefined;
  return arrayOf(policy.portLevelSettings).find((p) => isPlainObject(p) && isPlainObject(p.port) && p.port.number === port);
}

/** A traffic policy with its matching port-level entry applied: that entry replaces the four port fields outright. */
function withPort(policy: Record<string, any>, port: number | undefined, label: string, levels: string[]): Record<string, any> {
  const out: Record<string, any> = {};
  for (const f of POLICY_FIELDS) if (policy[f] !== undefined) out[f] = policy[f];
  levels.push(label);
  const pl = portLevel(policy, port);
  if (pl) {
    // Port-level settings do not inherit from their policy: unset fields fall back to defaults.
    for (const f of PORT_FIELDS) {
      if (pl[f] !== undefined) out[f] = pl[f];
      else delete out[f];
    }
    levels.push(`${label} port ${port}`);
  }
  return out;
}

/**
 * The traffic policy for `subset` and `port` (Istio's MergeTrafficPolicy): the top-level policy
 * with its port-level entry, then each field the subset's policy sets, then the subset's
 * port-level entry.
 */
export function mergedPolicy(rules: readonly ObjectRecord[], subset: string | undefined, port: number | undefined): MergedPolicy {
  const levels: string[] = [];
  const first = rules[0];
  const top = first && isPlainObject(first.spec) && isPlainObject(first.spec.trafficPolicy) ? first.spec.trafficPolicy : undefined;
  let policy: Record<string, any> = top ? withPort(top, port, 'top-level', levels) : {};
  let subsetFound = subset === undefined;
  if (subset !== undefined) {
    for (const dr of rules) {
      const s = arrayOf(isPlainObject(dr.spec) ? dr.spec.subsets : undefined).find((x) => isPlainObject(x) && x.name === subset);
      if (!s) continue;
      subsetFound = true;
      if (isPlainObject(s.trafficPolicy)) {
        const own = withPort(s.trafficPolicy, port, `subset ${subset}`, levels);
        const hasPortEntry = portLevel(s.trafficPolicy, port) !== undefined;
        const merged: Record<string, any> = { ...policy };
        for (const f of POLICY_FIELDS) {
          if (own[f] !== undefined) merged[f] = own[f];
          else if (hasPortEntry && PORT_FIELDS.includes(f)) delete merged[f];
        }
        policy = merged;
      }
      break;
    }
  }
  return { policy, levels, subsetFound };
}

/** Labels of a subset, from the first merged DestinationRule that defines it. */
export function subsetLabels(rules: readonly ObjectRecord[], subset: string): Record<string, string> | undefined {
  for (const dr of rules) {
    const s = arrayOf(isPlainObject(dr.spec) ? dr.spec.subsets : undefined).find((x) => isPlainObject(x) && x.name === subset);
    if (s) {
      const labels: Record<string, string> = {};
      if (isPlainObject(s.labels)) for (const [k, v] of Object.entries(s.labels)) if (typeof v === 'string') labels[k] = v;
      return labels;
    }
  }
  return undefined;
}
