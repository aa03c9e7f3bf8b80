/**
 * How a string in a request (URI, header, query parameter, method, …) is matched.
 * Regexes use RE2 syntax, which Envoy runs; the analysis checks them with an RE2 engine.
 */
export class StringMatch {
  /** The value must equal `value`. */
  public static exact(value: string): StringMatch {
    return new StringMatch('exact', value);
  }

  /** The value must start with `value`. */
  public static prefix(value: string): StringMatch {
    return new StringMatch('prefix', value);
  }

  /** The whole value must match the RE2 regular expression `pattern`. */
  public static regex(pattern: string): StringMatch {
    return new StringMatch('regex', pattern);
  }

  /**
   * @param kind `exact`, `prefix` or `regex`: the field Istio's StringMatch uses
   * @param value the string or pattern to match
   */
  private constructor(public readonly kind: string, public readonly value: string) {}

  /** Renders Istio's `StringMatch` object, e.g. `{ prefix: '/api' }`. */
  public toJson(): any {
    return { [this.kind]: this.value };
  }
}
