import { Duration } from 'cdk8s';
import { StringMatch } from './string-match';

/**
 * Cross-Origin Resource Sharing for a route (Istio's `CorsPolicy`): the client's Envoy answers
 * browsers' preflight requests and adds the `Access-Control-*` headers to responses.
 */
export interface CorsPolicy {
  /**
   * Origins allowed to call, e.g. `StringMatch.exact('https://shop.example.com')`. An origin is
   * allowed when any of them matches; the response then echoes that origin.
   */
  readonly allowOrigins: StringMatch[];

  /**
   * Methods allowed (`Access-Control-Allow-Methods`): upper-case names such as `GET`, `POST`,
   * or `*`.
   * @default - none listed
   */
  readonly allowMethods?: string[];

  /**
   * Request headers allowed (`Access-Control-Allow-Headers`), or `*`.
   * @default - none listed
   */
  readonly allowHeaders?: string[];

  /**
   * Response headers browsers may read (`Access-Control-Expose-Headers`), or `*`.
   * @default - none listed
   */
  readonly exposeHeaders?: string[];

  /**
   * How long browsers may cache the preflight answer (`Access-Control-Max-Age`). Istio counts it
   * in whole seconds.
   * @default - not sent: the browser's own default
   */
  readonly maxAge?: Duration;

  /**
   * Allow requests with credentials (cookies, HTTP authentication):
   * `Access-Control-Allow-Credentials`.
   * @default - not sent: credentials are not allowed
   */
  readonly allowCredentials?: boolean;
}
