import { parse } from 'yaml';
import { cidrProblem } from '../validators/ip';

/**
 * Value checks of the annotations the sidecar injector validates (istioctl reports a failing one
 * as IST0125 InvalidAnnotation): each returns why the value is refused, or undefined.
 */
export const ANNOTATION_VALUE_CHECKS: Readonly<Record<string, (value: string) => string | undefined>> = {
  'sidecar.istio.io/interceptionMode': (v) =>
    ['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : 'the interception mode is REDIRECT, TPROXY or NONE (upper case)',
  'status.sidecar.istio.io/port': (v) => portProblem(v.trim()),
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32Problem,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32Problem,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32Problem,
  'traffic.sidecar.istio.io/includeOutboundIPRanges': (v) => (v === '*' ? undefined : cidrListProblem(v)),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': cidrListProblem,
  'traffic.sidecar.istio.io/includeInboundPorts': (v) => (v === '*' ? undefined : portListProblem(v)),
  'traffic.sidecar.istio.io/excludeInboundPorts': portListProblem,
  'traffic.sidecar.istio.io/excludeOutboundPorts': portListProblem,
  'prometheus.istio.io/merge-metrics': (v) =>
    GO_BOOLEANS.has(v) ? undefined : 'it is not a boolean ("true" or "false")',
  'proxy.istio.io/config': proxyConfigProblem,
};

/** The spellings Go's strconv.ParseBool accepts. */
const GO_BOOLEANS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

/** A decimal unsigned number without sign, at most `max`. */
function unsignedProblem(v: string, max: number, what: string): string | undefined {
  if (!/^[0-9]+$/.test(v)) return `"${v}" is not a ${what}`;
  return Number(v) > max ? `${v} is larger than ${max}` : undefined;
}

function uint32Problem(v: string): string | undefined {
  return unsignedProblem(v, 4294967295, 'whole number of 0 or more');
}

function portProblem(v: string): string | undefined {
  return unsignedProblem(v, 65535, 'port number');
}

/** Comma-separated ports; spaces around each port are allowed, an empty value means none. */
function portListProblem(v: string): string | undefined {
  const text = v.trim();
  if (text === '') return undefined;
  for (const part of text.split(',')) {
    const problem = portProblem(part.trim());
    if (problem) return `port ${problem}`;
  }
  return undefined;
}

/** Comma-separated CIDR blocks (`10.0.0.0/8`), without spaces; an empty value means none. */
function cidrListProblem(v: string): string | undefined {
  if (v === '') return undefined;
  for (const part of v.split(',')) {
    const problem = cidrProblem(part);
    if (problem) return `"${part}" is not a CIDR block: ${problem}`;
  }
  return undefined;
}

/** The value must be a ProxyConfig written in YAML (or JSON): a mapping. */
function proxyConfigProblem(v: string): string | undefined {
  let doc: unknown;
  try {
    doc = parse(v);
  } catch (e) {
    return `it is not YAML: ${(e as Error).message.split('\n')[0]}`;
  }
  if (doc === null || doc === undefined) return undefined;
  return typeof doc === 'object' && !Array.isArray(doc) ? undefined : 'it is not a mapping of ProxyConfig fields';
}
