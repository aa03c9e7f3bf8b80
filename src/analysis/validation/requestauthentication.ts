import { isPlainObject } from '../manifest';

/** RFC 7230 `token`: the characters an HTTP header name may contain. */
export const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Why a jwksUri is not one Istio can fetch (its `ParseJwksURI`), or undefined. */
export function jwksUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'it is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `its scheme "${url.protocol.replace(/:$/, '')}" is not supported (only http and https)`;
  }
  if (url.hostname === '') return 'it has no host';
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
