import { Severity } from '../../diagnostic';
import { risky, totalReplicas } from '../../facts/replicas';
import { TOPOLOGY_LABELS } from '../../facts/subset-pods';
import { trafficIndex } from '../../facts/traffic-index';
import { isPlainObject, stringMap } from '../../manifest';
import { labelsMatch, MeshModel, PodTemplateRecord } from '../../model';
import { hostOf, trafficPoliciesOf } from '../../resources/destinationrule';
import { objectAt, wrappedNumber } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';

export const destinationRuleOutlierEjectsSingleReplica: Rule = {
  id: 'destinationrule-outlier-ejects-single-replica',
  kinds: ['DestinationRule'],
  severity: Severity.WARNING,
  summary: 'A DestinationRule outlierDetection may eject 100% of hosts of a service running a single replica, turning errors into a 503 outage.',
  origin: 'envoy',
  docs: 'Outlier detection allowed to eject 100% of the hosts of a service that runs one pod.\n' +
    '\n' +
    'With `maxEjectionPercent: 100` Envoy ejects the only endpoint after `consecutive5xxErrors`\n' +
    '(5 by default) failures, for `baseEjectionTime` (30 s, growing on each ejection). Istio\'s\n' +
    'default `minHealthPercent` is 0, which turns Envoy\'s panic mode off, so while the pod is\n' +
    'ejected every request fails with 503 "no healthy upstream" — the outlier detection meant to\n' +
    'protect callers turns a few errors into a full outage. (Recent Envoy versions never eject\n' +
    'beyond `maxEjectionPercent`, so below 100 a lone endpoint stays in; a `minHealthPercent` above\n' +
    '0 also keeps traffic flowing through panic mode, so neither case is reported.)\n' +
    '\n' +
    'The replica count comes from the app\'s workloads: `spec.replicas` of the Deployment (1 when\n' +
    'absent), or the `minReplicas` of a HorizontalPodAutoscaler targeting it. Each Envoy cluster is\n' +
    'judged: the host\'s (all pods of the Service) and each subset\'s (pods matching the subset).\n' +
    'A warning: Istio accepts it, and nothing fails until the pod has a bad moment.',
  fields: 'trafficPolicy.outlierDetection',
  fix: 'Run more replicas, or cap maxEjectionPercent / use minHealthPercent.',
  check(model: MeshModel, report: Report): void {
    if (!model.hasWorkloads()) return;
    const index = trafficIndex(model);
    for (const dr of model.destinationRules()) {
      const host = hostOf(dr);
      if (!host) continue;
      const policies = trafficPoliciesOf(dr);
      if (!policies.some((p) => risky(p) !== undefined)) continue;
      const svc = model.serviceForHost(model.fqdn(host, dr.namespace));
      if (!svc || !isPlainObject(svc.spec)) continue;
      const selector = stringMap(svc.spec.selector);
      if (Object.keys(selector).length === 0) continue;
      const servicePods = index.podsSelectedBy(svc.namespace, selector);
      if (servicePods.length === 0) continue;

      const subsetPods = (name: string): PodTemplateRecord[] | undefined => {
        const def = (Array.isArray(dr.spec.subsets) ? dr.spec.subsets : []).find((x: any) => isPlainObject(x) && x.name === name);
        if (!def) return undefined;
        const labels: Record<string, string> = {};
        for (const [k, v] of Object.entries(stringMap(def.labels))) if (!TOPOLOGY_LABELS.has(k)) labels[k] = v;
        return servicePods.filter((p) => labelsMatch(labels, p.labels));
      };

      for (const p of policies) {
        const od = risky(p);
        if (!od) continue;
        // The Envoy clusters this outlier detection applies to, with their pods.
        const clusters: Array<{ name: string; pods: PodTemplateRecord[] }> = [];
        if (p.subset === undefined) {
          clusters.push({ name: `the host ${host}`, pods: servicePods });
          if (!p.portLevel) {
            for (const s of Array.isArray(dr.spec.subsets) ? dr.spec.subsets : []) {
              if (!isPlainObject(s) || typeof s.name !== 'string') continue;
              if (objectAt(s.trafficPolicy, 'outlierDetection')) continue; // the subset has its own
              const pods = subsetPods(s.name);
              if (pods) clusters.push({ name: `subset "${s.name}"`, pods });
            }
          }
        } else {
          const pods = subsetPods(p.subset);
          if (pods) clusters.push({ name: `subset "${p.subset}"`, pods });
        }
        const single = clusters
          .map((c) => ({ ...c, total: totalReplicas(c.pods, index) }))
          .filter((c) => c.pods.length > 0 && c.total !== undefined && c.total.count === 1);
        if (single.length === 0) continue;
        const what = single.map((c) => `${c.name} (${c.total!.how.join(', ')})`).join('; ');
        const base = typeof od.baseEjectionTime === 'string' ? od.baseEjectionTime : '30s by default';
        report({
          object: dr,
          path: [...p.path, 'outlierDetection', 'maxEjectionPercent'],
          message:
            `outlierDetection of ${p.label} sets maxEjectionPercent: 100 and minHealthPercent ${wrappedNumber(od, 'minHealthPercent') ?? 0}, ` +
            `but only one pod serves ${what}; after a few errors Envoy ejects that pod for baseEjectionTime (${base}) and, with ` +
            'panic mode off, every request fails with 503 "no healthy upstream" until it returns.',
          fix:
            'Run at least 2 replicas; or lower maxEjectionPercent (Envoy then never ejects the last endpoint); or set minHealthPercent ' +
            '(e.g. 50) so Envoy keeps sending traffic when too few hosts are healthy.',
        });
      }
    }
  },
};
