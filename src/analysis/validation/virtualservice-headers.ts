import { isPlainObject } from '../manifest';
import { HttpRouteRef } from '../resources/http-routes';
import { arrayOf } from '../resources/virtualservice';
import { HeaderOperation } from '../validators/http';

/** A `headers` block (route level or destination level) of an HTTP route. */
interface HeadersBlock {
  readonly headers: Record<string, any>;
  readonly path: Array<string | number>;
  readonly where: string;
}

/** The route's own `headers` and each `route[j].headers`. */
export function headerBlocks(r: HttpRouteRef): HeadersBlock[] {
  const out: HeadersBlock[] = [];
  if (isPlainObject(r.route.headers)) out.push({ headers: r.route.headers, path: [...r.path, 'headers'], where: 'headers' });
  arrayOf(r.route.route).forEach((rd, j) => {
    if (isPlainObject(rd) && isPlainObject(rd.headers)) {
      out.push({ headers: rd.headers, path: [...r.path, 'route', j, 'headers'], where: `route[${j}].headers` });
    }
  });
  return out;
}

/** Calls `fn` for every header name (and value, for set/add) written in a headers block. */
export function eachOperation(
  block: HeadersBlock,
  fn: (op: HeaderOperation, name: string, value: unknown, path: Array<string | number>, field: string) => void,
): void {
  for (const side of ['request', 'response'] as const) {
    const ops = block.headers[side];
    if (!isPlainObject(ops)) continue;
    for (const verb of ['set', 'add'] as const) {
      if (!isPlainObject(ops[verb])) continue;
      for (const [name, value] of Object.entries(ops[verb])) {
        fn(`${side}-${verb}`, name, value, [...block.path, side, verb, name], `${block.where}.${side}.${verb}`);
      }
    }
    arrayOf(ops.remove).forEach((name, i) => {
      if (typeof name === 'string') fn(`${side}-remove`, name, undefined, [...block.path, side, 'remove', i], `${block.where}.${side}.remove`);
    });
  }
}

export function suggestHeaderName(name: string): string {
  if (name === '') return 'Remove the empty header name, or write the header to match.';
  const cleaned = name.trim().replace(/[^!#$%&'*+\-.^_`|~A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned !== '' && cleaned !== name
    ? `Header names are tokens without spaces, colons or quotes, e.g. ${JSON.stringify(cleaned)}.`
    : 'Header names are tokens without spaces, colons or quotes.';
}
