/**
 * Istio's validation webhook for DestinationRule (pkg/config/validation), in one place: the walkers and
 * value checks its webhook-parity rules report from.
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { trafficPoliciesOf, TrafficPolicyRef } from '../resources/destinationrule';
import { isSet, objectAt, wrappedNumber } from '../resources/http-routes';
import { arrayOf } from '../resources/virtualservice';
import { Finding } from '../rule';
import { isIstioDnsLabel } from '../validators/hosts';
import { headerLineBreakProblem } from '../validators/http';
import { isIpAddress } from '../validators/ip';
import { isMaglevPrime, localityListProblem, MAGLEV_TABLE_SIZE_LIMIT, nextMaglevPrime, TOPOLOGY_FAILOVER_LABELS } from '../validators/load-balancer';
import { labelsProblem, wildcardDomainProblem } from '../validators/webhook-values';

/** Fields of a traffic policy Istio counts when it requires "at least one field". */
const POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];

const PORT_POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

export function structureFindings(dr: ObjectRecord): Finding[] {
  const out: Finding[] = [];
  const add = (path: Array<string | number>, message: string, fix: string) => out.push({ object: dr, path, message, fix });
  const spec = dr.spec;
  if (spec.host === '') {
    // Written but empty: the CRD schema is satisfied, the webhook refuses it ("empty domain name").
    add(['spec', 'host'], 'spec.host is empty; Istio rejects a DestinationRule without a host.', 'Write the service this DestinationRule configures (reviews, reviews.shop.svc.cluster.local) or a domain (*.example.com).');
  } else if (typeof spec.host === 'string') {
    const problem = wildcardDomainProblem(spec.host);
    if (problem) add(['spec', 'host'], `Host "${spec.host}" is not a domain name: ${problem}; Istio rejects it.`, 'Write a service name (reviews, reviews.shop.svc.cluster.local) or a domain (*.example.com).');
  }
  const names = new Set<string>();
  arrayOf(spec.subsets).forEach((s, i) => {
    if (!isPlainObject(s)) return;
    if (s.name === '') {
      add(['spec', 'subsets', i, 'name'], `Subset #${i} has an empty name; Istio rejects it (routes name subsets, so each needs a name).`, 'Name the subset after the version it selects, e.g. v1.');
    } else if (typeof s.name === 'string') {
      if (!isIstioDnsLabel(s.name)) add(['spec', 'subsets', i, 'name'], `Subset name "${s.name}" is not a DNS label; Istio rejects it.`, 'Use letters, digits and "-", e.g. v1.');
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
export const NON_NEGATIVE: ReadonlyArray<{ section: 'http' | 'tcp'; field: string }> = [
  { section: 'http', field: 'http1MaxPendingRequests' },
  { section: 'http', field: 'http2MaxRequests' },
  { section: 'http', field: 'maxRequestsPerConnection' },
  { section: 'http', field: 'maxRetries' },
  { section: 'http', field: 'maxConcurrentStreams' },
  { section: 'tcp', field: 'maxConnections' },
];
export const FIELDS: ReadonlyArray<{ path: string[]; allowZero?: boolean; celOnly?: boolean; whenAbsent?: string }> = [
  { path: ['connectionPool', 'tcp', 'connectTimeout'], whenAbsent: 'the mesh default (10s) applies' },
  { path: ['connectionPool', 'tcp', 'maxConnectionDuration'], whenAbsent: 'connections then have no maximum duration' },
  // "0s" disables the TCP idle timeout: the webhook skips values under 1ms and the CRD has no CEL rule here.
  { path: ['connectionPool', 'tcp', 'idleTimeout'], allowZero: true },
  { path: ['connectionPool', 'tcp', 'tcpKeepalive', 'time'] },
  { path: ['connectionPool', 'tcp', 'tcpKeepalive', 'interval'] },
  { path: ['connectionPool', 'http', 'idleTimeout'], whenAbsent: 'the default (1h) applies' },
  { path: ['outlierDetection', 'baseEjectionTime'], whenAbsent: 'the default (30s) applies' },
  { path: ['outlierDetection', 'interval'], whenAbsent: 'the default (10s) applies' },
  { path: ['loadBalancer', 'warmup', 'duration'] },
  // Deprecated field: only the CRD's CEL rule (at least 1ms) applies, not the webhook's ms precision.
  { path: ['loadBalancer', 'warmupDurationSecs'], celOnly: true },
];

type Found = Omit<Finding, 'object'>;

/** Consistent-hash settings Istio refuses. */
export function consistentHashProblems(p: TrafficPolicyRef, lb: Record<string, any>, path: Array<string | number>): Found[] {
  const out: Found[] = [];
  const ch = objectAt(lb, 'consistentHash');
  if (!ch) return out;
  const chPath = [...path, 'consistentHash'];
  const cookie = objectAt(ch, 'httpCookie');
  if (cookie && (typeof cookie.name !== 'string' || cookie.name === '')) {
    out.push({
      path: [...chPath, 'httpCookie'],
      message: `consistentHash.httpCookie of ${p.label} has no name; Istio requires the cookie name to hash on.`,
      fix: 'Add name, e.g. httpCookie: { name: "session-id", ttl: "0s" }.',
    });
  }
  // Istio's webhook refuses an attribute without a name and a name given twice.
  const seen = new Set<string>();
  arrayOf(cookie?.attributes).forEach((attr, i) => {
    if (!isPlainObject(attr) || typeof attr.name !== 'string') return; // the CRD schema's finding
    const at = [...chPath, 'httpCookie', 'attributes', i, 'name'];
    if (attr.name === '') {
      out.push({ path: at, message: `consistentHash.httpCookie.attributes[${i}] of ${p.label} has an empty name; Istio rejects it.`, fix: 'Name the attribute, e.g. name: "SameSite", or remove it.' });
    } else if (seen.has(attr.name)) {
      out.push({
        path: at,
        message: `consistentHash.httpCookie.attributes[${i}] of ${p.label} sets "${attr.name}" again; Istio rejects duplicate cookie attribute names.`,
        fix: 'Give each attribute once.',
      });
    }
    seen.add(attr.name);
    // Istio passes these on; Envoy refuses the cluster's configuration, so the proxies keep their old one.
    for (const field of ['name', 'value'] as const) {
      const problem = typeof attr[field] === 'string' ? headerLineBreakProblem(attr[field]) : undefined;
      if (!problem) continue;
      out.push({
        path: [...chPath, 'httpCookie', 'attributes', i, field],
        message: `consistentHash.httpCookie.attributes[${i}].${field} ${JSON.stringify(attr[field])} of ${p.label} cannot be used: ${problem}, so the proxies refuse this load balancer configuration.`,
        fix: `Write the attribute ${field} on one line, e.g. ${field === 'name' ? '"SameSite"' : '"Strict"'}.`,
      });
    }
  });
  const ringSize = typeof ch.minimumRingSize === 'number' ? ch.minimumRingSize : 0;
  if (ringSize !== 0 && (isSet(ch, 'ringHash') || isSet(ch, 'maglev'))) {
    out.push({
      path: [...chPath, 'minimumRingSize'],
      message: `consistentHash of ${p.label} sets both the deprecated minimumRingSize (${ringSize}) and ${isSet(ch, 'maglev') ? 'maglev' : 'ringHash'}; Istio accepts only one of them.`,
      fix: `Remove minimumRingSize${isSet(ch, 'ringHash') ? ` and write ringHash: { minimumRingSize: ${ringSize} }` : ''}.`,
    });
  }
  const maglev = objectAt(ch, 'maglev');
  if (maglev) {
    const size = typeof maglev.tableSize === 'number' ? maglev.tableSize : 0;
    const mPath = [...chPath, 'maglev', isSet(maglev, 'tableSize') ? 'tableSize' : undefined].filter((s): s is string | number => s !== undefined);
    if (size === 0) {
      out.push({ path: mPath, message: `consistentHash.maglev of ${p.label} has no tableSize; Istio requires one.`, fix: 'Set tableSize to a prime such as 65537 (Envoy\'s default).' });
    } else if (size >= MAGLEV_TABLE_SIZE_LIMIT) {
      out.push({ path: mPath, message: `consistentHash.maglev.tableSize ${size} of ${p.label} is not below ${MAGLEV_TABLE_SIZE_LIMIT}; Istio rejects it.`, fix: 'Use a prime below 5000011, such as 65537 or 1000003.' });
    } else if (!isMaglevPrime(size)) {
      out.push({ path: mPath, message: `consistentHash.maglev.tableSize ${size} of ${p.label} is not a prime number; Istio rejects it.`, fix: `Use a prime, e.g. ${nextMaglevPrime(size)}.` });
    }
  }
  return out;
}

/**
 * Locality load-balancing settings Istio refuses (errors only; the outlier-detection warning is its
 * own rule). `stopped` tells whether Istio stops checking early (and so never emits that warning).
 */
export function localityCheck(p: TrafficPolicyRef, lb: Record<string, any>, path: Array<string | number>): { found: Found[]; stopped: boolean } {
  const out: Found[] = [];
  const stop = () => ({ found: out, stopped: true });
  const loc = objectAt(lb, 'localityLbSetting');
  if (!loc) return { found: out, stopped: false };
  const lPath = [...path, 'localityLbSetting'];
  const distribute = arrayOf(loc.distribute);
  const failover = arrayOf(loc.failover);
  const priority = arrayOf(loc.failoverPriority).filter((x): x is string => typeof x === 'string');
  if (distribute.length > 0 && failover.length > 0) {
    out.push({
      path: lPath,
      message: `localityLbSetting of ${p.label} sets both distribute and failover; Istio accepts only one of them.`,
      fix: 'Use distribute to spread traffic by weight across localities, or failover to choose where traffic goes when a region fails.',
    });
    return stop();
  }
  if (failover.length > 0) {
    const topology = priority.find((l) => TOPOLOGY_FAILOVER_LABELS.includes(l));
    if (topology) {
      out.push({
        path: [...lPath, 'failoverPriority', priority.indexOf(topology)],
        message: `localityLbSetting of ${p.label} sets failover together with the topology label "${topology}" in failoverPriority; Istio rejects the combination.`,
        fix: 'Remove the region/zone/subzone labels from failoverPriority when failover is set (failover already orders by region).',
      });
      return stop();
    }
  }
  const sources: string[] = [];
  for (let i = 0; i < distribute.length; i++) {
    const d = distribute[i];
    if (!isPlainObject(d)) continue;
    if (typeof d.from === 'string') sources.push(d.from);
    const to = isPlainObject(d.to) ? d.to : {};
    const dPath = [...lPath, 'distribute', i];
    let total = 0;
    let badWeight: [string, unknown] | undefined;
    for (const [k, w] of Object.entries(to)) {
      if (typeof w !== 'number' || w <= 0 || w > 100) {
        badWeight = [k, w];
        break;
      }
      total += w;
    }
    if (badWeight) {
      out.push({
        path: [...dPath, 'to', badWeight[0]],
        message: `localityLbSetting.distribute[${i}] of ${p.label} gives "${badWeight[0]}" weight ${JSON.stringify(badWeight[1])}; Istio requires each weight to be from 1 to 100.`,
        fix: 'Give every target locality a weight from 1 to 100, all adding up to 100; leave out localities that should get no traffic.',
      });
      return stop();
    }
    if (total !== 100) {
      const weights = Object.entries(to).map(([k, w]) => `${k}: ${w}`).join(', ');
      out.push({
        path: [...dPath, 'to'],
        message: `localityLbSetting.distribute[${i}] of ${p.label} has weights adding up to ${total} (${weights || 'none'}); Istio requires them to add up to exactly 100.`,
        fix: 'Adjust the weights so that they add up to 100.',
      });
      return stop();
    }
    const targets = localityListProblem(Object.keys(to));
    if (targets) {
      out.push({
        path: [...dPath, 'to', targets.locality],
        message: `localityLbSetting.distribute[${i}].to locality "${targets.locality}" of ${p.label} ${targets.reason}; Istio rejects it.`,
        fix: 'Write localities as region, region/zone or region/zone/subzone, with "*" only as the last character, each listed once.',
      });
    }
  }
  const from = localityListProblem(sources);
  if (from) {
    const i = distribute.findIndex((d) => isPlainObject(d) && d.from === from.locality);
    out.push({
      path: [...lPath, 'distribute', Math.max(i, 0), 'from'],
      message: `localityLbSetting.distribute from-locality "${from.locality}" of ${p.label} ${from.reason}; Istio rejects it.`,
      fix: 'Write localities as region, region/zone or region/zone/subzone, with "*" only as the last character, each listed once.',
    });
  }
  failover.forEach((f, i) => {
    if (!isPlainObject(f)) return;
    const fromRegion = typeof f.from === 'string' ? f.from : '';
    const toRegion = typeof f.to === 'string' ? f.to : '';
    const fPath = [...lPath, 'failover', i];
    const shown = `failover[${i}] (from "${fromRegion}" to "${toRegion}") of ${p.label}`;
    if (fromRegion === toRegion) {
      out.push({ path: fPath, message: `localityLbSetting.${shown} fails over to the same region; Istio rejects it.`, fix: 'Fail over to a different region.' });
    }
    if (fromRegion.includes('/') || toRegion.includes('/')) {
      out.push({ path: fPath, message: `localityLbSetting.${shown} names a zone; Istio's failover only takes regions.`, fix: 'Write region names only (e.g. "us-east"); use failoverPriority for finer ordering.' });
    }
    if (fromRegion.includes('*') || toRegion.includes('*')) {
      out.push({ path: fPath, message: `localityLbSetting.${shown} contains "*"; Istio's failover regions cannot be wildcards.`, fix: 'Write one failover entry per region.' });
    }
  });
  return { found: out, stopped: false };
}

/** Warmup settings Istio refuses. */
export function warmupProblems(p: TrafficPolicyRef, lb: Record<string, any>, path: Array<string | number>): Found[] {
  const out: Found[] = [];
  const warm = objectAt(lb, 'warmup');
  if (!warm) return out;
  const wPath = [...path, 'warmup'];
  if (!isSet(warm, 'duration')) {
    out.push({ path: wPath, message: `loadBalancer.warmup of ${p.label} has no duration; Istio requires one.`, fix: 'Add duration, e.g. warmup: { duration: "60s" }.' });
  }
  const min = wrappedNumber(warm, 'minimumPercent');
  if (min !== undefined && min > 100) {
    out.push({ path: [...wPath, 'minimumPercent'], message: `loadBalancer.warmup.minimumPercent ${min} of ${p.label} is above 100; Istio rejects it.`, fix: 'Use a percentage from 0 to 100 (default 10).' });
  }
  if (isSet(warm, 'aggression')) {
    const aggression = wrappedNumber(warm, 'aggression');
    if (aggression !== undefined && aggression < 1) {
      out.push({ path: [...wPath, 'aggression'], message: `loadBalancer.warmup.aggression ${aggression} of ${p.label} is below 1; Istio rejects it.`, fix: 'Use 1 for a linear ramp (the default) or more for a faster start.' });
    }
  }
  return out;
}

export const CONFIGMAP_PREFIX = 'configmap://';

/** Whether `insecureSkipVerify` is true (a BoolValue: plain boolean in JSON, or `{ value }`). */
export function skipsVerify(tls: Record<string, any>): boolean {
  const v = tls.insecureSkipVerify;
  return v === true || (isPlainObject(v) && v.value === true);
}
