/**
 * Protocol names as Istio reads them (`pkg/config/protocol`, `pkg/config/kube/conversion.go`).
 */

/** Istio's protocol identifiers; `unsupported` is what `protocol.Parse` returns for anything else. */
export type IstioProtocol =
  | 'TCP' | 'UDP' | 'GRPC' | 'GRPC-Web' | 'HTTP' | 'HTTP_PROXY' | 'HTTP2' | 'HTTPS' | 'TLS' | 'Mongo' | 'Redis' | 'MySQL' | 'unsupported';

const BY_NAME: Record<string, IstioProtocol> = {
  'tcp': 'TCP',
  'udp': 'UDP',
  'grpc': 'GRPC',
  'grpc-web': 'GRPC-Web',
  'http': 'HTTP',
  'http_proxy': 'HTTP_PROXY',
  'http2': 'HTTP2',
  'https': 'HTTPS',
  'tls': 'TLS',
  'mongo': 'Mongo',
  'redis': 'Redis',
  'mysql': 'MySQL',
};

/** The protocol names Istio accepts, for messages. */
export const PROTOCOL_NAMES = 'HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, TCP, TLS, MONGO, MYSQL, REDIS (and HTTP_PROXY, UDP where allowed)';

/** `protocol.Parse`: case-insensitive, exact names only. */
export function parseProtocol(value: unknown): IstioProtocol {
  if (typeof value !== 'string') return 'unsupported';
  return BY_NAME[value.toLowerCase()] ?? 'unsupported';
}

/** Protocols carried over HTTP (Istio's `IsHTTP`). */
export function isHttpProtocol(p: IstioProtocol): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'HTTP_PROXY' || p === 'GRPC' || p === 'GRPC-Web';
}

/** Protocols over TLS (Istio's `IsTLS`). */
export function isTlsProtocol(p: IstioProtocol): boolean {
  return p === 'HTTPS' || p === 'TLS';
}

/** Opaque TCP protocols (Istio's `IsTCP`). */
export function isTcpProtocol(p: IstioProtocol): boolean {
  return p === 'TCP' || p === 'HTTPS' || p === 'TLS' || p === 'Mongo' || p === 'Redis' || p === 'MySQL';
}

/** Ports Istio never sniffs: SMTP, DNS, MySQL, MongoDB. Unnamed ports there are plain TCP. */
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

/** Kubernetes' standard appProtocol values that Istio maps (they are not port-name prefixes). */
const KUBERNETES_APP_PROTOCOLS: Record<string, IstioProtocol> = {
  'kubernetes.io/h2c': 'HTTP2',
  'kubernetes.io/ws': 'HTTP',
  'kubernetes.io/wss': 'HTTPS',
};

/** What Istio derives the protocol of a Service port from, for messages. */
export interface ServicePortProtocol {
  readonly protocol: IstioProtocol;
  /** `appProtocol "x"`, `name "x"`, `protocol UDP`, `no name`… */
  readonly source: string;
}

/**
 * Istio's `ConvertProtocol` for a Kubernetes Service port: UDP ports are UDP; otherwise
 * `appProtocol` when set (with Kubernetes' `kubernetes.io/h2c`, `/ws`, `/wss`), else the port
 * name; a `grpc-web` prefix, else the part before the first `-`, parsed as a protocol name;
 * unknown on the well-known TCP ports (25, 53, 3306, 27017) counts as TCP.
 */
export function servicePortProtocol(port: { port?: unknown; name?: unknown; protocol?: unknown; appProtocol?: unknown }): ServicePortProtocol {
  if (port.protocol === 'UDP') return { protocol: 'UDP', source: 'protocol UDP' };
  const hasAppProtocol = typeof port.appProtocol === 'string';
  let name = hasAppProtocol ? (port.appProtocol as string) : typeof port.name === 'string' ? port.name : '';
  const source = hasAppProtocol ? `appProtocol "${name}"` : name === '' ? 'no name' : `name "${name}"`;
  if (hasAppProtocol && KUBERNETES_APP_PROTOCOLS[name]) return { protocol: KUBERNETES_APP_PROTOCOLS[name], source };
  if (name.length >= 8 && name.slice(0, 8).toLowerCase() === 'grpc-web') return { protocol: 'GRPC-Web', source };
  const dash = name.indexOf('-');
  if (dash >= 0) name = name.slice(0, dash);
  const parsed = parseProtocol(name);
  if (parsed === 'unsupported' && typeof port.port === 'number' && WELL_KNOWN_TCP_PORTS.has(port.port)) {
    return { protocol: 'TCP', source: `well-known port ${port.port}` };
  }
  return { protocol: parsed, source };
}

/** The cipher suites a Gateway server may list (BoringSSL names, as Istio's `ValidCipherSuites`). */
const CIPHER_SUITES = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
]);

/**
 * Istio's `IsValidCipherSuite`: a known suite, `ALL`, empty, or an expression starting with an
 * operator (`-`, `+`, `!`, `[`…), which Istio passes on without parsing.
 */
export function isValidCipherSuite(value: string): boolean {
  if (value === '' || value === 'ALL') return true;
  if (!/^[\p{L}\p{N}]/u.test(value)) return true;
  return CIPHER_SUITES.has(value);
}

/**
 * Protocols of ports whose number says what they carry. Istio itself only treats 25, 53, 3306
 * and 27017 as TCP when a port is unnamed; these are for a library that has to name a port it
 * did not get a protocol for. Most are server-first protocols (the server speaks first), which
 * Istio's protocol sniffing cannot detect: the connection waits out the sniffing timeout.
 */
const WELL_KNOWN_PORT_PROTOCOLS: ReadonlyMap<number, { protocol: IstioProtocol; what: string }> = new Map([
  [25, { protocol: 'TCP', what: 'SMTP' }],
  [443, { protocol: 'TLS', what: 'TLS (HTTPS)' }],
  [1433, { protocol: 'TCP', what: 'SQL Server' }],
  [1521, { protocol: 'TCP', what: 'Oracle' }],
  [2181, { protocol: 'TCP', what: 'ZooKeeper' }],
  [3306, { protocol: 'MySQL', what: 'MySQL' }],
  [4222, { protocol: 'TCP', what: 'NATS' }],
  [5432, { protocol: 'TCP', what: 'PostgreSQL' }],
  [5671, { protocol: 'TLS', what: 'AMQP over TLS' }],
  [5672, { protocol: 'TCP', what: 'AMQP' }],
  [6379, { protocol: 'Redis', what: 'Redis' }],
  [9042, { protocol: 'TCP', what: 'Cassandra' }],
  [9092, { protocol: 'TCP', what: 'Kafka' }],
  [11211, { protocol: 'TCP', what: 'Memcached' }],
  [27017, { protocol: 'Mongo', what: 'MongoDB' }],
]);

/** The protocol a well-known port number carries (`TCP` for PostgreSQL on 5432, …), if it is one. */
export function wellKnownPortProtocol(port: number): { protocol: IstioProtocol; what: string } | undefined {
  return WELL_KNOWN_PORT_PROTOCOLS.get(port);
}

/**
 * The protocol a port name declares under Istio's `<protocol>[-<suffix>]` convention, with
 * the name's protocol part as written (`http` for `http-web`, `grpc-web` for `grpc-web-api`),
 * or undefined when the name declares none.
 */
export function declaredProtocolOfName(name: string): { protocol: IstioProtocol; prefix: string } | undefined {
  const { protocol } = servicePortProtocol({ name });
  if (protocol === 'unsupported') return undefined;
  const lower = name.toLowerCase();
  const prefix = lower.startsWith('grpc-web') ? 'grpc-web' : lower.split('-')[0];
  return { protocol, prefix };
}
