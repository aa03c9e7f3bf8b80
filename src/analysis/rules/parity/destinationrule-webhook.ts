import { exportToProblems, isIstioDnsLabel, labelsProblem, wildcardDomainProblem } from './webhook-values';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel } from '../../model';
import { Finding, Report, Rule } from '../../rule';
import { isIpAddress } from '../../validators/ip';
import { trafficPoliciesOf } from '../destinationrule-policies';
import { arrayOf } from '../virtualservice-routes';

/** Fields of a traffic policy Istio counts when it requires "at least one field". */
const POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];
const PORT_POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

/**
 * Istio's webhook checks of a DestinationRule's host, subsets and traffic-policy structure
 * (ValidateDestinationRule, validateSubset, validateTrafficPolicy, validatePortTrafficPolicies,
 * validateTunnelSettings): the host is a domain name, subset names are DNS
 * labels and unique, subset labels are valid labels, a traffic policy (or port-level setting) sets
 * something, a port-level setting names its port, tunnel and proxyProtocol are not combined, a
 * tunnel uses CONNECT or POST towards a valid host and port (proxyProtocol's version is a schema enum).
 */
export const destinationRuleInvalidStructure: Rule = {
  id: 'destinationrule-invalid-structure',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule host is not a domain, a subset name is invalid or repeated, subset labels are invalid, a traffic policy is empty, a port-level setting has no port, or tunnel/proxyProtocol settings are invalid.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      if (!isPlainObject(dr.spec)) continue;
      for (const f of structureFindings(dr)) report(f);
    }
  },
};

function structureFindings(dr: ObjectRecord): Finding[] {
  const out: Finding[] = [];
  const add = (path: Array<string | number>, message: string, fix: string) => out.push({ object: dr, path, message, fix });
  const spec = dr.spec;
  if (typeof spec.host === 'string' && spec.host !== '') {
    const problem = wildcardDomainProblem(spec.host);
    if (problem) add(['spec', 'host'], `Host "${spec.host}" is not a domain name: ${problem}; Istio rejects it.`, 'Write a service name (reviews, reviews.shop.svc.cluster.local) or a domain (*.example.com).');
  }
  const names = new Set<string>();
  arrayOf(spec.subsets).forEach((s, i) => {
    if (!isPlainObject(s)) return;
    if (typeof s.name === 'string') {
      if (s.name !== '' && !isIstioDnsLabel(s.name)) add(['spec', 'subsets', i, 'name'], `Subset name "${s.name}" is not a DNS label; Istio rejects it.`, 'Use letters, digits and "-", e.g. v1.');
      if (names.has(s.name)) add(['spec', 'subsets', i, 'name'], `Subset name "${s.name}" is used twice; Istio rejects duplicate subsets.`, 'Give each subset its own name.');
      names.add(s.name);
    }
    if (isPlainObject(s.labels)) {
      const problem = labelsProblem(s.labels);
      if (problem) add(['spec', 'subsets', i, 'labels'], `Subset labels: ${problem}; Istio rejects them.`, 'Use the pod labels of the version, e.g. version: v1.');
    }
  });
  for (const ref of trafficPoliciesOf(dr)) {
    const p = ref.policy;
    const fields = ref.portLevel ? PORT_POLICY_FIELDS : POLICY_FIELDS;
    if (!fields.some((f) => p[f] !== undefined && p[f] !== null)) {
      add(ref.path, `${capital(ref.label)} sets none of ${fields.join(', ')}; Istio rejects an empty traffic policy.`, 'Add a setting, or remove the empty policy.');
    }
    if (ref.portLevel && !isPlainObject(p.port)) {
      add(ref.path, `${capital(ref.label)} has no port; Istio requires port.number on a port-level setting.`, 'Add port: { number: <service port> }.');
    }
    if (ref.portLevel) continue;
    if (isPlainObject(p.tunnel) && isPlainObject(p.proxyProtocol)) {
      add([...ref.path, 'proxyProtocol'], `${capital(ref.label)} sets both tunnel and proxyProtocol; Istio rejects the combination.`, 'Keep one of them.');
    }
    if (isPlainObject(p.tunnel)) {
      const t = p.tunnel;
      if (typeof t.protocol === 'string' && t.protocol !== '' && t.protocol !== 'CONNECT' && t.protocol !== 'POST') {
        add([...ref.path, 'tunnel', 'protocol'], `tunnel.protocol "${t.protocol}" is neither CONNECT nor POST.`, 'Use CONNECT (the default) or POST.');
      }
      if (typeof t.targetHost === 'string' && !isIpAddress(t.targetHost) && (t.targetHost.includes('*') || wildcardDomainProblem(t.targetHost))) {
        add([...ref.path, 'tunnel', 'targetHost'], `tunnel.targetHost "${t.targetHost}" is neither a host name nor an IP address.`, 'Name the host the tunnel proxy should connect to.');
      }
      if (typeof t.targetPort === 'number' && (t.targetPort < 1 || t.targetPort > 65535)) {
        add([...ref.path, 'tunnel', 'targetPort'], `tunnel.targetPort ${t.targetPort} is outside 1..65535.`, 'Use the destination port.');
      }
    }
  }
  return out;
}

function capital(s: string): string {
  return `${s[0].toUpperCase()}${s.slice(1)}`;
}

/**
 * Istio's webhook checks of a DestinationRule's exportTo (validateExportTo) and workloadSelector
 * (validateWorkloadSelector): the usual exportTo problems; with a workloadSelector, exportTo may
 * only name the own namespace; a selector label with an empty key or a `*` is refused, and a
 * selector without labels is a warning.
 */
export const destinationRuleInvalidScope: Rule = {
  id: 'destinationrule-invalid-scope',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule exportTo is malformed or, with a workloadSelector, reaches beyond its namespace; or its workloadSelector has an empty or wildcard label.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      if (!isPlainObject(dr.spec)) continue;
      const exportTo: unknown[] = Array.isArray(dr.spec.exportTo) ? dr.spec.exportTo : [];
      for (const { index, problem } of exportToProblems(exportTo, dr.namespace)) {
        report({ object: dr, path: ['spec', 'exportTo', index], message: `exportTo: ${problem}; Istio rejects it.`, fix: 'List ".", "*" alone, "~" alone, or namespace names once each.' });
      }
      const ws = dr.spec.workloadSelector;
      if (!isPlainObject(ws)) continue;
      const keys = new Set(exportTo.filter((e): e is string => typeof e === 'string').map((e) => (e === '.' ? dr.namespace : e)));
      if (keys.size > 0 && (!keys.has(dr.namespace) || keys.size > 1)) {
        report({
          object: dr,
          path: ['spec', 'exportTo'],
          message: `This DestinationRule has a workloadSelector, so it may only be exported to its own namespace (${dr.namespace}); Istio rejects exportTo ${JSON.stringify(exportTo)}.`,
          fix: 'Remove exportTo, or set it to ["."].',
        });
      }
      const labels = isPlainObject(ws.matchLabels) ? ws.matchLabels : {};
      if (Object.keys(labels).length === 0) {
        report({
          object: dr,
          severity: Severity.WARNING,
          path: ['spec', 'workloadSelector'],
          message: 'The workloadSelector has no labels, so this DestinationRule applies to every workload of the namespace (Istio warns).',
          fix: 'Add matchLabels, or remove workloadSelector.',
        });
      }
      for (const [k, v] of Object.entries(labels)) {
        if (k === '' || k.includes('*') || (typeof v === 'string' && v.includes('*'))) {
          report({
            object: dr,
            path: ['spec', 'workloadSelector', 'matchLabels', k],
            message: `workloadSelector label ${JSON.stringify(k)}: ${JSON.stringify(v)} ${k === '' ? 'has an empty key' : 'contains "*"'}; Istio rejects it.`,
            fix: 'Write the exact label key and value of the client pods.',
          });
        }
      }
    }
  },
};

export const DESTINATION_RULE_WEBHOOK_RULES: readonly Rule[] = [destinationRuleInvalidStructure, destinationRuleInvalidScope];
