/**
 * HTTP-level values that Istio's validation webhook checks: retry conditions, status codes,
 * header names and values, CORS methods, gRPC status names and percentages. Pure functions, so
 * constructs can check their props with the same logic as the analysis rules.
 */

/** Retry conditions Envoy understands in `x-envoy-retry-on` and `x-envoy-retry-grpc-on`, as Istio accepts them. */
export const RETRY_ON_POLICIES: readonly string[] = [
  '5xx',
  'gateway-error',
  'reset',
  'reset-before-request',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'retriable-headers',
  'envoy-ratelimited',
  'http3-post-connect-failure',
  // gRPC conditions
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
];

const RETRY_ON = new Set(RETRY_ON_POLICIES);

/**
 * Status codes Go's `net/http` has a name for. Istio accepts a number in `retryOn` only when Go
 * knows its status text, so e.g. `503` is accepted and `509` is not.
 */
const KNOWN_STATUS_CODES = new Set<number>([
  100, 101, 102, 103,
  200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
  300, 301, 302, 303, 304, 305, 307, 308,
  400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
  421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
  500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);

/** Whether Go's `net/http` has a status text for `code` (what Istio checks for numeric retryOn entries). */
export function isKnownHttpStatus(code: number): boolean {
  return KNOWN_STATUS_CODES.has(code);
}

/** One entry of a comma-separated `retryOn` value that Istio refuses. */
export interface RetryOnProblem {
  /** The entry as written (may be empty or carry spaces). */
  readonly policy: string;
  /** Index of the entry in the comma-separated list. */
  readonly index: number;
  /** The closest value Istio accepts, when one is obvious. */
  readonly suggestion?: string;
}

/**
 * Splits a `retryOn` value on commas (no trimming, as Istio does) and returns the entries that are
 * neither a known retry condition nor an HTTP status code Go knows.
 */
export function invalidRetryOnPolicies(retryOn: string): RetryOnProblem[] {
  const out: RetryOnProblem[] = [];
  retryOn.split(',').forEach((policy, index) => {
    if (RETRY_ON.has(policy)) return;
    if (/^[+-]?[0-9]+$/.test(policy) && isKnownHttpStatus(Number(policy))) return;
    out.push({ policy, index, suggestion: suggestRetryOn(policy) });
  });
  return out;
}

function suggestRetryOn(policy: string): string | undefined {
  const t = policy.trim().toLowerCase().replace(/_/g, '-');
  if (t === '') return undefined;
  if (RETRY_ON.has(t)) return t;
  if (/^[0-9]+$/.test(t) && isKnownHttpStatus(Number(t))) return t;
  const aliases: Record<string, string> = {
    'connection-failure': 'connect-failure',
    'connect-failures': 'connect-failure',
    'connection-reset': 'reset',
    'gateway-errors': 'gateway-error',
    'canceled': 'cancelled',
    '4xx': 'retriable-4xx',
    'retryable-4xx': 'retriable-4xx',
    'retryable-status-codes': 'retriable-status-codes',
    'retriable-status-code': 'retriable-status-codes',
    'refused': 'refused-stream',
    'deadline': 'deadline-exceeded',
    'rate-limited': 'envoy-ratelimited',
    'ratelimited': 'envoy-ratelimited',
  };
  if (aliases[t]) return aliases[t];
  if (/^5[0-9x]{2}$/.test(t)) return '5xx';
  return undefined;
}

/** HTTP status range Istio accepts for fault aborts and direct responses (its check is 200..600 inclusive). */
export const MIN_ISTIO_HTTP_STATUS = 200;
export const MAX_ISTIO_HTTP_STATUS = 600;

/** Whether Istio accepts `status` as an abort or direct-response HTTP status. */
export function isIstioHttpStatus(status: number): boolean {
  return Number.isInteger(status) && status >= MIN_ISTIO_HTTP_STATUS && status <= MAX_ISTIO_HTTP_STATUS;
}

/** gRPC status names Istio accepts for `fault.abort.grpcStatus`. */
export const GRPC_STATUS_NAMES: readonly string[] = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** For a gRPC status Istio refuses, the accepted name closest to it (e.g. `14` or `Unavailable` → `UNAVAILABLE`). */
export function suggestGrpcStatus(status: string): string | undefined {
  const t = status.trim();
  if (/^[0-9]+$/.test(t)) return GRPC_STATUS_NAMES[Number(t)];
  const name = t.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase().replace(/[\s-]+/g, '_').replace(/^CANCELED$/, 'CANCELLED');
  if (GRPC_STATUS_NAMES.includes(name)) return name;
  return undefined;
}

/** Methods Istio accepts in `corsPolicy.allowMethods` (case-sensitive), plus `*`. */
export const CORS_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', '*'];

/** RFC 7230 `token` characters: what a header field name may contain. */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;

/** HTTP/2 pseudo-headers that may be matched on. */
const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status']);

/** The special header prefix of JWT-claim routing. */
export const JWT_CLAIM_HEADER_PREFIX = '@request.auth.claims';

/** Whether `name` is an RFC 7230 header token. */
export function isHeaderToken(name: string): boolean {
  return HEADER_TOKEN.test(name);
}

/** Whether `name` is a JWT-claim routing key: `@request.auth.claims.<a>.<b>` or `@request.auth.claims[<a>][<b>]`. */
export function isJwtClaimHeader(name: string): boolean {
  if (!name.toLowerCase().startsWith(JWT_CLAIM_HEADER_PREFIX)) return false;
  const rest = name.slice(JWT_CLAIM_HEADER_PREFIX.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

/**
 * Checks the name of a header matched by a route (`match[].headers`, `withoutHeaders`) as the
 * webhook does: an RFC 7230 token, an HTTP/2 pseudo-header, or a JWT-claim key.
 * Returns why it is refused, or undefined.
 */
export function matchHeaderNameProblem(name: string): string | undefined {
  if (name === '') return 'a header name cannot be empty';
  if (isJwtClaimHeader(name) || PSEUDO_HEADERS.has(name)) return undefined;
  if (!isHeaderToken(name)) {
    const bad = [...new Set([...name].filter((c) => !HEADER_TOKEN.test(c)))].map((c) => JSON.stringify(c)).join(', ');
    return `header names may only contain letters, digits and !#$%&'*+-.^_\`|~ (found ${bad})`;
  }
  return undefined;
}

/** Where a header operation (`headers.request|response.set|add|remove`) applies. */
export type HeaderOperation = 'request-set' | 'request-add' | 'request-remove' | 'response-set' | 'response-add' | 'response-remove';

/**
 * Checks a header name used in a `headers` operation as the webhook does. Requests may set or add
 * the authority (`:authority` or `Host`, checked separately for duplicates); otherwise a name must
 * not start with `:` and responses or removals must not touch `Host`.
 */
export function headerOperationNameProblem(name: string, operation: HeaderOperation): string | undefined {
  if (name === '') return 'a header name cannot be empty';
  const isAuthority = name.toLowerCase() === ':authority' || name.toLowerCase() === 'host';
  if (operation === 'request-set' || operation === 'request-add') {
    if (name.startsWith(':') && !isAuthority) return 'pseudo-headers (starting with ":") cannot be modified';
    return undefined;
  }
  if (name.toLowerCase() === 'host') return 'the Host header cannot be removed or set on responses';
  if (name.startsWith(':')) return 'pseudo-headers (starting with ":") cannot be modified';
  return undefined;
}

/** Whether a header name names the request authority (`:authority` or `Host`, any case). */
export function isAuthorityHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n === ':authority' || n === 'host';
}

/**
 * Checks the name in CORS `allowHeaders` / `exposeHeaders`: `*` or an RFC 7230 token.
 */
export function corsHeaderNameProblem(name: string): string | undefined {
  if (name === '') return 'a header name cannot be empty';
  if (name === '*' || isHeaderToken(name)) return undefined;
  return 'header names may only contain letters, digits and !#$%&\'*+-.^_`|~ (or be "*")';
}

/**
 * Checks a header value Istio hands to Envoy (`headers.*.set|add`): no control characters other
 * than tab, and Envoy's `%VARIABLE%` / `%VARIABLE(args)%` syntax well formed (a literal `%` is
 * written `%%`). Returns why it is refused, or undefined.
 */
export function headerValueProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000a-\u001f\u007f]/.exec(value);
  if (control) {
    return `it contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return envoyFormatProblem(value);
}

/** States of the scanner of Envoy's header value format. */
enum Scan { Literal, Name, ArgsStart, ArgString, ArgStringStart, ArgDelimiter, ArgsEnd, VarEnd }

/**
 * Scans `%VAR%`, `%VAR(arg)%` and `%VAR(["a","b"])%` expressions the way Envoy's header parser
 * does (and Istio's copy of it), reporting the first syntax error.
 */
function envoyFormatProblem(value: string): string | undefined {
  let state = Scan.Literal;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const last = i === value.length - 1;
    switch (state) {
      case Scan.Literal:
        if (c !== '%') break;
        if (last) return 'it ends with a lone "%" (write "%%" for a literal percent sign)';
        if (value[i + 1] === '%') {
          i++;
          break;
        }
        state = Scan.Name;
        break;
      case Scan.Name:
        if (c === '%') state = Scan.Literal;
        else if (c === '(') state = Scan.ArgsStart;
        break;
      case Scan.ArgsStart:
        if (c === '[') state = Scan.ArgStringStart;
        else if (c !== ' ') state = Scan.ArgString;
        break;
      case Scan.ArgDelimiter:
        if (c === ',') state = Scan.ArgStringStart;
        else if (c === ']') state = Scan.ArgsEnd;
        else if (c !== ' ') return `expected "," or "]" in the argument list at position ${i}`;
        break;
      case Scan.ArgStringStart:
        if (c === '"') state = Scan.ArgString;
        else if (c !== ' ') return `expected a quoted argument at position ${i}`;
        break;
      case Scan.ArgString:
        if (c === '\\') {
          if (last) return 'it ends inside a backslash escape';
          i++;
        } else if (c === ')') {
          state = Scan.VarEnd;
        } else if (c === '"') {
          state = Scan.ArgDelimiter;
        }
        break;
      case Scan.ArgsEnd:
        if (c === ')') state = Scan.VarEnd;
        else if (c !== ' ') return `expected ")" at position ${i}`;
        break;
      case Scan.VarEnd:
        if (c === '%') state = Scan.Literal;
        else if (c !== ' ') return `expected "%" to close the variable at position ${i}`;
        break;
    }
  }
  if (state !== Scan.Literal) {
    return 'a "%VARIABLE%" expression is not closed (write "%%" for a literal percent sign)';
  }
  return undefined;
}

/**
 * Checks a fractional `Percent` (`{ value: number }`) as the webhook does for fault injection:
 * 0, or between 0.0001 and 100.
 */
export function faultPercentageProblem(value: number): string | undefined {
  if (value < 0 || value > 100) return `${value} is outside 0..100`;
  if (value > 0 && value < 0.0001) return `${value} is above 0 but below the smallest fraction Envoy can express (0.0001)`;
  return undefined;
}

/**
 * Envoy refuses a header name or value (and an authority) holding NUL, CR or LF, even where Istio
 * does not check it: the listener or route is rejected and the proxy keeps its old config.
 * Returns why, or undefined.
 */
export function headerLineBreakProblem(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const found = /[\u0000\r\n]/.exec(text);
  if (!found) return undefined;
  const what = found[0] === '\n' ? 'a line feed (\\n)' : found[0] === '\r' ? 'a carriage return (\\r)' : 'a NUL character';
  return `it contains ${what}, which Envoy refuses in headers`;
}
