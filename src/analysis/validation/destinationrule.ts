import { isPlainObject, ObjectRecord } from '../manifest';
import { trafficPoliciesOf } from '../resources/destinationrule';
import { arrayOf } from '../resources/virtualservice';
import { Finding } from '../rule';
import { isIstioDnsLabel } from '../validators/hosts';
import { isIpAddress } from '../validators/ip';
import { labelsProblem, wildcardDomainProblem } from '../validators/webhook-values';

/** Fields of a traffic policy Istio counts when it requires "at least one field". */
const POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];
const PORT_POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

export function structureFindings(dr: ObjectRecord): Finding[] {
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
