import { Duration } from 'cdk8s';

/** A header a JWT is read from. */
export interface JwtHeader {
  /** Header name, e.g. `Authorization` or `x-goog-iap-jwt-assertion`. */
  readonly name: string;
  /**
   * Prefix to strip before the token, e.g. `Bearer ` (with its space).
   * @default - no prefix: the header value is the token
   */
  readonly prefix?: string;
}

/** A JWT claim copied into a request header for the application. */
export interface ClaimToHeader {
  /** Header to set (letters, digits, `-` and `_`), e.g. `x-user-id`. */
  readonly header: string;
  /** Claim to copy, e.g. `sub`; nested claims with `.`, e.g. `realm.role`. */
  readonly claim: string;
}

/**
 * How to validate JWTs of one issuer (Istio's `JWTRule`).
 *
 * The public keys come from `jwksUri`, from inline `jwks`, or, when neither is given, from the
 * issuer's OpenID Connect discovery document.
 */
export interface JwtRule {
  /** The token issuer (`iss` claim), e.g. `https://auth.example.com`. */
  readonly issuer: string;

  /**
   * Accepted audiences (`aud` claim).
   * @default - any audience
   */
  readonly audiences?: string[];

  /**
   * URL of the issuer's JSON Web Key Set (`http://` or `https://`). Cannot be combined with `jwks`.
   * @default - `jwks` when given, else OpenID Connect discovery from the issuer
   */
  readonly jwksUri?: string;

  /**
   * Inline JSON Web Key Set (a JSON document with at least one key, or a single key). Cannot be
   * combined with `jwksUri`.
   * @default - fetched from `jwksUri`
   */
  readonly jwks?: string;

  /**
   * Headers the token may be in.
   * @default - when no location is set: the `Authorization` header with prefix `Bearer `, then the `access_token` query parameter
   */
  readonly fromHeaders?: JwtHeader[];

  /**
   * Query parameters the token may be in.
   * @default - when no location is set: `access_token` (after the `Authorization` header)
   */
  readonly fromParams?: string[];

  /**
   * Cookies the token may be in.
   * @default - none
   */
  readonly fromCookies?: string[];

  /**
   * Header to which the validated token's payload is written (base64-encoded).
   * @default - not written
   */
  readonly outputPayloadToHeader?: string;

  /**
   * Keep the original token in the request forwarded to the application.
   * @default false - the token is removed
   */
  readonly forwardOriginalToken?: boolean;

  /**
   * Claims copied into request headers.
   * @default - none
   */
  readonly outputClaimToHeaders?: ClaimToHeader[];

  /**
   * Claims whose value is a space-separated string to be treated as a list (e.g. `scope`).
   * @default - Istio's defaults (`scope`, `permission`)
   */
  readonly spaceDelimitedClaims?: string[];

  /**
   * How long to wait when fetching the key set from `jwksUri`.
   * @default - Istio's default (5 seconds)
   */
  readonly timeout?: Duration;
}
