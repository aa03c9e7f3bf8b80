import { isPlainObject } from '../manifest';

/** RFC 7230 `token`: the characters an HTTP header name may contain. */
export const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** What is wrong with a jwksUri, and whether Istio's webhook refuses it or only fails to fetch from it. */
export interface JwksUriProblem {
  readonly problem: string;
  /** true: the webhook's `ParseJwksURI` refuses it; false: it passes, but istiod cannot fetch keys from it. */
  readonly rejected: boolean;
}

/**
 * Why a jwksUri is not one Istio can fetch, or undefined. The webhook (`ParseJwksURI`, on Go's
 * lenient `url.Parse`) refuses a URI whose scheme is not http or https, whose port is not a number
 * or whose host holds spaces or control characters; a URI it lets through may still name no host
 * (`http://`), which istiod then cannot fetch keys from.
 */
export function jwksUriProblem(uri: string): JwksUriProblem | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return { problem: 'it has no scheme (only http and https are supported)', rejected: true };
  if (scheme !== 'http' && scheme !== 'https') return { problem: `its scheme "${scheme}" is not supported (only http and https)`, rejected: true };
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(uri)?.[1] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const port = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort)?.[1];
  if (port !== undefined && port !== '' && !/^\d+$/.test(port)) return { problem: `its port "${port}" is not a number`, rejected: true };
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(hostPort)) return { problem: 'its host holds spaces or control characters', rejected: true };
  if (hostPort === '') return { problem: 'it has no host', rejected: false };
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { problem: 'it is not a URL istiod can fetch', rejected: false };
  }
  if (url.hostname === '') return { problem: 'it has no host', rejected: false };
  return undefined;
}

/** Why an inline `jwks` is not a JSON Web Key Set (or single key), or undefined. */
export function jwksProblem(jwks: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwks);
  } catch (e) {
    return `it is not valid JSON (${(e as Error).message})`;
  }
  if (!isPlainObject(parsed)) return 'it is not a JSON object';
  if (Array.isArray(parsed.keys)) {
    const bad = parsed.keys.findIndex((k: unknown) => !isPlainObject(k) || typeof k.kty !== 'string');
    if (parsed.keys.length === 0) return 'its "keys" list is empty';
    return bad < 0 ? undefined : `keys[${bad}] has no "kty" (key type)`;
  }
  if (typeof parsed.kty === 'string') return undefined;
  return 'it has neither a "keys" list (a key set) nor a "kty" (a single key)';
}
