/** A regular-expression rewrite of the request path. */
export interface UriRegexRewrite {
  /** RE2 regular expression matched against the path, e.g. `^/service/([^/]+)(/.*)$`. */
  readonly match: string;

  /** Replacement for the matching parts; `\1`, `\2`, … insert capture groups. */
  readonly rewrite: string;
}

/**
 * Changes made to a request before it is forwarded (Istio's `HTTPRewrite`). Give at least one
 * field, and at most one of `uri` and `uriRegexRewrite`. A route that rewrites forwards its
 * requests: it cannot also redirect or answer directly.
 */
export interface HttpRewrite {
  /**
   * New path. When the route matched the path by prefix, only that prefix is replaced;
   * otherwise the whole path is.
   * @default - path unchanged (unless `uriRegexRewrite` is set)
   */
  readonly uri?: string;

  /**
   * Rewrite the path with a regular expression.
   * @default - no regex rewrite
   */
  readonly uriRegexRewrite?: UriRegexRewrite;

  /**
   * New Authority/Host header.
   * @default - authority unchanged
   */
  readonly authority?: string;
}
