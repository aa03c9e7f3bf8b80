/** Where the port of a redirect's location comes from, when it is not given as a number. */
export enum RedirectPortDerivation {
  /** The default port of the scheme: 80 for `http`, 443 for `https`. */
  FROM_PROTOCOL_DEFAULT = 'FROM_PROTOCOL_DEFAULT',
  /** The port the request arrived on. */
  FROM_REQUEST_PORT = 'FROM_REQUEST_PORT',
}

/**
 * An HTTP redirect returned instead of forwarding the request (Istio's `HTTPRedirect`): the
 * location is the request's URL with the given parts replaced. Give at least one of `uri`,
 * `authority`, `scheme`, `port` and `derivePort`.
 *
 * A redirecting route has no destinations, and cannot also rewrite, inject faults or answer
 * directly.
 */
export interface HttpRedirect {
  /**
   * New path. The whole path is replaced, even when the route matched it by prefix.
   * @default - the request's path
   */
  readonly uri?: string;

  /**
   * New Authority/Host.
   * @default - the request's authority
   */
  readonly authority?: string;

  /**
   * New port.
   * @default - see `derivePort`
   */
  readonly port?: number;

  /**
   * Take the port from the scheme's default or from the request. Exclusive with `port`.
   * @default - the request's port is kept
   */
  readonly derivePort?: RedirectPortDerivation;

  /**
   * New scheme: `http` or `https`.
   * @default - the request's scheme
   */
  readonly scheme?: string;

  /**
   * Status code of the redirect response: 301, 302, 303, 307 or 308 (the codes Envoy redirects with).
   * @default 301
   */
  readonly redirectCode?: number;
}
