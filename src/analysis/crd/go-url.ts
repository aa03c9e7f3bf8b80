/**
 * URL parsing as Go's `net/url` does it, for Kubernetes' CEL URL library (`url()`, `isURL()`,
 * `getScheme()`, …), which the API server implements with `url.ParseRequestURI` and `url.Parse`.
 * Only what those functions observe is reproduced: which strings are refused, and the parts read
 * back (scheme, host, port, escaped path, query).
 */

/** The parts of a parsed URL that Kubernetes' CEL functions return. */
export interface GoUrl {
  /** Lower-cased scheme, `''` when there is none. */
  readonly scheme: string;
  /** Text after `scheme:` of a URL without `//` or `/` (e.g. `mailto:a@b`), else `''`. */
  readonly opaque: string;
  /** `host` or `host:port`, with brackets around an IPv6 address; `''` when there is none. */
  readonly host: string;
  /** The path as written (still escaped), `''` when there is none. */
  readonly rawPath: string;
  /** The query after `?`, still escaped. */
  readonly rawQuery: string;
}

/** Why a string is not a URL, in Go's words. */
export class GoUrlError extends Error {}

/** `url.ParseRequestURI`: an absolute URI or an absolute path; the fragment is not split off. */
export function parseRequestUri(raw: string): GoUrl {
  return parse(raw, true);
}

/** `url.Parse`: like a browser's reference parser, after removing the `#fragment`. */
export function parseUrl(raw: string): GoUrl {
  const hash = raw.indexOf('#');
  const body = hash < 0 ? raw : raw.slice(0, hash);
  const url = parse(body, false);
  if (hash >= 0) unescape(raw.slice(hash + 1), 'fragment');
  return url;
}

/** The host without the port, and without the brackets of an IPv6 address. */
export function hostnameOf(url: GoUrl): string {
  const { host } = splitHostPort(url.host);
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The port of the host, `''` when none is written. */
export function portOf(url: GoUrl): string {
  return splitHostPort(url.host).port;
}

/** The path as it goes on the wire: the written form when it is a valid encoding, else re-escaped. */
export function escapedPathOf(url: GoUrl): string {
  const raw = url.rawPath;
  if (raw === '*') return '*';
  if (isValidPathEncoding(raw)) return raw;
  return escapePath(unescape(raw, 'path'));
}

/** The query as a map from key to every value given for it (`+` and `%xx` decoded). */
export function queryOf(url: GoUrl): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of url.rawQuery.split('&')) {
    if (part === '' || part.includes(';')) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = unescape(rawKey, 'query');
      value = unescape(rawValue, 'query');
    } catch {
      continue;
    }
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}

type Mode = 'path' | 'host' | 'userinfo' | 'query' | 'fragment';

function parse(raw: string, viaRequest: boolean): GoUrl {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new GoUrlError('net/url: invalid control character in URL');
  if (raw === '' && viaRequest) throw new GoUrlError('empty url');
  if (raw === '*') return { scheme: '', opaque: '', host: '', rawPath: '*', rawQuery: '' };

  const { scheme, rest: afterScheme } = splitScheme(raw);
  let rest = afterScheme;
  let rawQuery = '';
  const questionMarks = rest.split('?').length - 1;
  if (rest.endsWith('?') && questionMarks === 1) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }

  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, opaque: rest, host: '', rawPath: '', rawQuery };
    if (viaRequest) throw new GoUrlError('invalid URI for request');
    const slash = rest.indexOf('/');
    const firstSegment = slash < 0 ? rest : rest.slice(0, slash);
    if (firstSegment.includes(':')) throw new GoUrlError('first path segment in URL cannot contain colon');
  }

  let host = '';
  if ((scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    host = parseAuthority(authority);
  }
  unescape(rest, 'path');
  return { scheme, opaque: '', host, rawPath: rest, rawQuery };
}

/** Splits `scheme:rest`; a string whose first `:` comes after a non-scheme character has no scheme. */
function splitScheme(raw: string): { scheme: string; rest: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new GoUrlError('missing protocol scheme');
      return { scheme: raw.slice(0, i).toLowerCase(), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._~!$&'()*+,;=:%@]*$/.test(userinfo)) throw new GoUrlError('net/url: invalid userinfo');
    unescape(userinfo, 'userinfo');
  }
  return host;
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new GoUrlError('missing \']\' in host');
    const colonPort = host.slice(close + 1);
    if (!isOptionalPort(colonPort)) throw new GoUrlError(`invalid port "${colonPort}" after host`);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      const colonPort = host.slice(colon);
      if (!isOptionalPort(colonPort)) throw new GoUrlError(`invalid port "${colonPort}" after host`);
    }
  }
  return unescape(host, 'host');
}

/** `''` or `:` followed by digits only. */
function isOptionalPort(colonPort: string): boolean {
  return colonPort === '' || /^:[0-9]*$/.test(colonPort);
}

function splitHostPort(hostPort: string): { host: string; port: string } {
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0 && isOptionalPort(hostPort.slice(colon))) {
    return { host: hostPort.slice(0, colon), port: hostPort.slice(colon + 1) };
  }
  return { host: hostPort, port: '' };
}

/** Characters a host may hold besides letters, digits and `%` escapes (RFC 3986 sub-delims etc.). */
const HOST_EXTRA = new Set([...'-._~!$&\'()*+,;=:[]<>"']);

/** Decodes `%xx` escapes (and `+` in a query), refusing what Go refuses. */
function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new GoUrlError(`invalid URL escape "${s.slice(i, i + 3)}"`);
      }
      const value = parseInt(hex, 16);
      // In a host, %-escapes may only stand for non-ASCII bytes (or %25 in an IPv6 zone).
      if (mode === 'host' && value < 0x80 && hex !== '25') {
        throw new GoUrlError(`invalid URL escape "${s.slice(i, i + 3)}"`);
      }
      bytes.push(value);
      i += 3;
      continue;
    }
    if (c === '+' && mode === 'query') {
      bytes.push(0x20);
      i++;
      continue;
    }
    const code = c.charCodeAt(0);
    if (mode === 'host' && code < 0x80 && !/[A-Za-z0-9]/.test(c) && !HOST_EXTRA.has(c)) {
      throw new GoUrlError(`invalid character "${c}" in host name`);
    }
    const cp = s.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    bytes.push(...utf8.encode(ch));
    i += ch.length;
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

/** Characters a path keeps unescaped. */
function isPathSafe(c: string): boolean {
  return /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c);
}

/** Whether `s` is already a valid escaped path (Go's validEncoded for paths). */
function isValidPathEncoding(s: string): boolean {
  for (const c of s) {
    if (c === '%' || isPathSafe(c) || '!\'()*[]'.includes(c)) continue;
    return false;
  }
  return true;
}

function escapePath(s: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && isPathSafe(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
