import { isPlainObject } from '../manifest';
import { HttpRouteRef, isSet } from '../resources/http-routes';
import { arrayOf } from '../resources/virtualservice';

/** Direct-response bodies above this are refused; above {@link LARGE_BODY} Istio warns. */
export const MAX_BODY = 1024 * 1024;
export const LARGE_BODY = 100 * 1024;

/** What else an HTTP route does besides a redirect or direct response, for conflict messages. */
export function otherActions(r: HttpRouteRef): Array<{ key: string; text: string }> {
  const out: Array<{ key: string; text: string }> = [];
  if (arrayOf(r.route.route).length > 0) out.push({ key: 'route', text: 'route destinations' });
  if (isSet(r.route, 'fault')) out.push({ key: 'fault', text: 'a fault' });
  if (isSet(r.route, 'rewrite')) out.push({ key: 'rewrite', text: 'a rewrite' });
  return out;
}

/** Size in bytes of a direct-response body (`string`, or base64 `bytes`). */
export function bodySize(body: unknown): number | undefined {
  if (!isPlainObject(body)) return undefined;
  if (typeof body.string === 'string') return Buffer.byteLength(body.string, 'utf8');
  if (typeof body.bytes === 'string') return Buffer.from(body.bytes, 'base64').length;
  return undefined;
}
