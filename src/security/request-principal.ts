/**
 * An end-user identity from a JWT validated by a RequestAuthentication, for the
 * `requestPrincipals` of an authorization rule: `<iss>/<sub>` (the token's issuer and subject
 * claims).
 */
export class RequestPrincipal {
  /** The principal with issuer `issuer` and subject `subject`: `<issuer>/<subject>`. */
  public static of(issuer: string, subject: string): RequestPrincipal {
    RequestPrincipal.checkPart('of', 'issuer', issuer);
    RequestPrincipal.checkPart('of', 'subject', subject);
    return new RequestPrincipal(`${issuer}/${subject}`);
  }

  /** Any subject of tokens issued by `issuer`: `<issuer>/*`. */
  public static fromIssuer(issuer: string): RequestPrincipal {
    RequestPrincipal.checkPart('fromIssuer', 'issuer', issuer);
    return new RequestPrincipal(`${issuer}/*`);
  }

  /** Any request carrying a valid JWT (`*`). */
  public static any(): RequestPrincipal {
    return new RequestPrincipal('*');
  }

  /**
   * A request principal written out as Istio takes it, used verbatim (a leading or trailing
   * `*` matches a suffix or a prefix).
   */
  public static fromString(value: string): RequestPrincipal {
    RequestPrincipal.checkPart('fromString', 'value', value);
    return new RequestPrincipal(value);
  }

  private static checkPart(method: string, prop: string, value: string): void {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(`RequestPrincipal.${method}(): ${prop} is ${JSON.stringify(value)}; give a non-empty value, e.g. RequestPrincipal.of('https://auth.example.com', 'user-1').`);
    }
  }

  /** The value as written in a policy, e.g. `https://auth.example.com/user-1`. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}
