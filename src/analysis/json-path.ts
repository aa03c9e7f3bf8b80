/** A field path as segments: property names and array indexes. */
export type PathSegments = ReadonlyArray<string | number>;

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Renders segments as a JSON path like `spec.http[1].retries` or `metadata.labels["app.kubernetes.io/name"]`. */
export function formatPath(segments: PathSegments): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') {
      out += `[${s}]`;
    } else if (SIMPLE_KEY.test(s)) {
      out += out === '' ? s : `.${s}`;
    } else {
      out += `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}
