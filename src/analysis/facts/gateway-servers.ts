/**
 * Gateways that share a workload and step on each other: istioctl's ConflictingGateways (IST0145,
 * two servers for one host on one port and bind) and GatewayDuplicateCertificate (IST0138, one
 * certificate served by several Gateways). Gateways are grouped by port/host and by certificate,
 * so only Gateways that already share one are compared.
 */
import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { serverTlsMode } from '../validation/server-tls';
import { isHttpProtocol, parseProtocol } from '../validators/protocols';

export interface ServerRef {
  readonly gateway: ObjectRecord;
  readonly index: number;
  readonly server: Record<string, any>;
  readonly selector: Record<string, string>;
  readonly selectorKey: string;
}

export function selectorKey(selector: Record<string, string>): string {
  return Object.keys(selector).sort().map((k) => `${k}=${selector[k]}`).join(',');
}

/**
 * Whether two gateway selectors reach the same proxies: the same labels, or (when the labels do
 * not contradict each other) a pod template of the app carrying both sets.
 */
export function shareWorkload(model: MeshModel, a: ServerRef, b: ServerRef): boolean {
  if (a.selectorKey === b.selectorKey) return true;
  const union: Record<string, string> = { ...a.selector };
  for (const [k, v] of Object.entries(b.selector)) {
    if (union[k] !== undefined && union[k] !== v) return false;
    union[k] = v;
  }
  return model.podTemplatesMatchingAnywhere(union).length > 0;
}

/** The part of a server host clients send (SNI, Host header): what follows `namespace/`. */
export function hostName(host: string): string {
  const slash = host.indexOf('/');
  return slash < 0 ? host : host.slice(slash + 1);
}

function tlsSummary(server: Record<string, any>): string {
  const tls = server.tls;
  if (!isPlainObject(tls)) return `plain ${String(server.port?.protocol ?? '')}`.trim();
  const parts = [serverTlsMode(tls)];
  if (typeof tls.credentialName === 'string' && tls.credentialName !== '') parts.push(`credentialName ${tls.credentialName}`);
  if (typeof tls.serverCertificate === 'string' && tls.serverCertificate !== '') parts.push(`serverCertificate ${tls.serverCertificate}`);
  return parts.join(' with ');
}

export function consequence(a: Record<string, any>, b: Record<string, any>, port: number): string {
  const aTls = isPlainObject(a.tls);
  const bTls = isPlainObject(b.tls);
  if (aTls && bTls) {
    const same = tlsSummary(a) === tlsSummary(b);
    return `${same ? 'Both use' : 'Their TLS settings differ:'} ${same ? tlsSummary(a) : `${tlsSummary(a)} here, ${tlsSummary(b)} there`}. ` +
      'A listener can hold only one server per SNI host name, so Istio keeps the server it reads first and skips the other one whole, with all its hosts.';
  }
  if (aTls !== bTls) {
    return `One is ${tlsSummary(a)}, the other ${tlsSummary(b)}, on the same port ${port}; a port is either TLS or plain text, so Istio keeps one server and skips the other.`;
  }
  const httpBoth = isHttpProtocol(parseProtocol(a.port?.protocol)) && isHttpProtocol(parseProtocol(b.port?.protocol));
  return httpBoth
    ? `Both are plain HTTP, so their routes are merged into one route table for port ${port}, and which Gateway's VirtualServices answer for the host depends on merge order.`
    : `Both are ${String(a.port?.protocol)} servers on port ${port}; Istio keeps one and skips the other.`;
}

export function certificateKey(tls: Record<string, any>): { key: string; label: string; field: string } | undefined {
  if (typeof tls.credentialName === 'string' && tls.credentialName !== '') {
    return { key: `secret\u0000${tls.credentialName}`, label: `credentialName ${tls.credentialName}`, field: 'credentialName' };
  }
  if (typeof tls.serverCertificate === 'string' && tls.serverCertificate !== '' && typeof tls.privateKey === 'string' && tls.privateKey !== '') {
    return { key: `file\u0000${tls.serverCertificate}\u0000${tls.privateKey}`, label: `serverCertificate ${tls.serverCertificate}`, field: 'serverCertificate' };
  }
  return undefined;
}

/** Whether every label of `a` is in `b` (an empty `a` is in every selector), as istioctl's `selectorSubset`. */
export function selectorWithin(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.entries(a).every(([k, v]) => b[k] === v);
}
