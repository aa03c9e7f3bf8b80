/**
 * Which Sidecar applies to which workload, as istioctl's `sidecar.SelectorAnalyzer` judges it:
 * a selector matching no pod (IST0101), several Sidecars selecting one pod (IST0110), several
 * selector-less Sidecars in one namespace (IST0111), and Sidecars that cannot act because the
 * namespace or the selected pods run in ambient mode (IST0167).
 */
import { Severity } from '../diagnostic';
import { ObjectRecord } from '../manifest';
import { MeshModel, PodTemplateRecord } from '../model';
import { namespaceIsAmbient, podIsAmbient } from './enrollment';
import { workloadSelectorOf } from '../resources/selectors';
import { Finding, Report, Rule, RuleInfo } from '../rule';
import { formatLabels, listSome } from '../text';


type ScopeCategory = 'no-workloads' | 'conflict' | 'defaults' | 'ambient';

interface ScopeFinding {
  readonly category: ScopeCategory;
  readonly finding: Finding;
}

function workloadName(p: PodTemplateRecord): string {
  return `${p.owner.kind} ${p.owner.name}`;
}

/** All Sidecar-scope findings of a model, computed once for the four rules. */
function scopeFindings(model: MeshModel): ScopeFinding[] {
  return model.memo('sidecarScopeFindings', readScopeFindings);
}

function readScopeFindings(model: MeshModel): ScopeFinding[] {
  const out: ScopeFinding[] = [];
  const byPod = new Map<PodTemplateRecord, ObjectRecord[]>();
  const byNamespace = new Map<string, ObjectRecord[]>();

  for (const sc of model.sidecars()) {
    const selector = workloadSelectorOf(sc);
    if (Object.keys(selector).length === 0) {
      const list = byNamespace.get(sc.namespace) ?? [];
      list.push(sc);
      byNamespace.set(sc.namespace, list);
      continue;
    }
    const pods = model.podTemplatesMatching(sc.namespace, selector);
    if (pods.length === 0) {
      if (model.hasWorkloadsIn(sc.namespace)) {
        out.push({
          category: 'no-workloads',
          finding: {
            object: sc,
            path: ['spec', 'workloadSelector', 'labels'],
            message: `workloadSelector ${formatLabels(selector, '(empty)')} matches no pod template of namespace ${sc.namespace}, so this Sidecar configures no proxy.`,
            fix: 'Use the labels of the pod template (not the Deployment\'s own labels) of a workload in this namespace. If the workload is deployed outside this app, ignore this warning.',
          },
        });
      }
      continue;
    }
    for (const p of pods) {
      const list = byPod.get(p) ?? [];
      list.push(sc);
      byPod.set(p, list);
    }
  }

  // Selector Sidecars: ambient pods make them ineffective; several on one pod conflict.
  const ambientReported = new Set<ObjectRecord>();
  // A Sidecar is reported as ineffective in ambient mode once, however many of its pods say so.
  const reportAmbient = (list: readonly ObjectRecord[], path: Array<string | number>, message: string, fix: string): void => {
    for (const sc of list) {
      if (ambientReported.has(sc)) continue;
      ambientReported.add(sc);
      out.push({ category: 'ambient', finding: { object: sc, path, message, fix } });
    }
  };
  const conflicts = new Map<ObjectRecord, { others: Set<ObjectRecord>; pods: PodTemplateRecord[] }>();
  for (const [pod, list] of byPod) {
    if (podIsAmbient(model, pod)) {
      reportAmbient(list, ['spec', 'workloadSelector'],
        `This Sidecar selects ${workloadName(pod)}, whose pods run in ambient mode without a sidecar proxy, so the Sidecar has no effect on them.`,
        'Configure ambient workloads through their waypoint (e.g. AuthorizationPolicy or HTTPRoute with targetRefs), or enrol the workload with sidecar.istio.io/inject: "true".');
      continue;
    }
    if (list.length < 2) continue;
    for (const sc of list) {
      const entry = conflicts.get(sc) ?? { others: new Set<ObjectRecord>(), pods: [] };
      list.filter((o) => o !== sc).forEach((o) => entry.others.add(o));
      entry.pods.push(pod);
      conflicts.set(sc, entry);
    }
  }
  for (const [sc, { others, pods }] of conflicts) {
    out.push({
      category: 'conflict',
      finding: {
        object: sc,
        path: ['spec', 'workloadSelector', 'labels'],
        message:
          `This Sidecar and ${[...others].map((o) => `Sidecar ${o.name}`).join(', ')} select the same pods (${listSome(pods.map(workloadName), 3)}) in namespace ${sc.namespace}; ` +
          'a proxy uses only one Sidecar, and which one is undefined.',
        fix: 'Make the selectors disjoint (e.g. add a version or component label), or merge the Sidecars into one.',
      },
    });
  }

  // Selector-less Sidecars: ineffective in ambient namespaces, conflicting when more than one.
  for (const [ns, list] of byNamespace) {
    if (namespaceIsAmbient(model, ns)) {
      reportAmbient(list, ['metadata', 'namespace'],
        `Namespace ${ns} runs in ambient mode (istio.io/dataplane-mode=ambient), where pods have no sidecar proxy, so this Sidecar has no effect.`,
        'Remove the Sidecar, or configure the namespace\'s waypoint instead; pods labelled sidecar.istio.io/inject: "true" would still use it.');
      continue;
    }
    if (list.length < 2) continue;
    const certain = certainlyTogether(list);
    for (const sc of list) {
      out.push({
        category: 'defaults',
        finding: {
          object: sc,
          path: ['spec'],
          ...(certain ? {} : { severity: Severity.WARNING }),
          message:
            `Namespace ${ns} has ${list.length} Sidecars without workloadSelector (${list.map((o) => o.name).join(', ')}); ` +
            'each claims to be the namespace default, and which one the proxies use is undefined.' +
            (certain ? '' : ' They declare no namespace and come from different files, so they only clash if all are applied to the same namespace.'),
          fix: `Keep one selector-less Sidecar in ${ns} and give the others a workloadSelector, or merge them.`,
        },
      });
    }
  }
  return out;
}

/**
 * Whether Sidecars of one namespace certainly end up together: two of them declare the namespace,
 * or two come from one file (applied together). Objects without a namespace from different files
 * may be applied with `kubectl -n` to different namespaces, so their clash is only possible.
 */
function certainlyTogether(list: readonly ObjectRecord[]): boolean {
  if (list.filter((o) => o.declaredNamespace !== undefined).length >= 2) return true;
  const files = new Set<string | undefined>();
  for (const o of list) {
    if (o.source.file === undefined || files.has(o.source.file)) return true;
    files.add(o.source.file);
  }
  return false;
}

/** A Sidecar-scope rule: its metadata and the category of scope findings it reports. */
export interface ScopeRuleProps extends RuleInfo {
  readonly category: ScopeCategory;
}

/** A rule reporting one category of the Sidecar-scope findings. */
export function scopeRule(props: ScopeRuleProps): Rule {
  const { category, ...info } = props;
  return {
    ...info,
    check(model: MeshModel, report: Report): void {
      if (model.sidecars().length === 0) return;
      for (const f of scopeFindings(model)) if (f.category === category) report(f.finding);
    },
  };
}
