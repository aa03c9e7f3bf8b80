/**
 * A fixed response the client's Envoy sends back without forwarding the request (Istio's
 * `HTTPDirectResponse`), e.g. a 503 maintenance page or a 404 for a retired path. A route
 * that answers directly has no destinations, and cannot also redirect, rewrite or inject faults.
 */
export interface HttpDirectResponse {
  /** HTTP status of the response (200-599). */
  readonly status: number;

  /**
   * Response body, as text. Istio warns above 100 KB and rejects bodies above 1 MB.
   * @default - empty body
   */
  readonly body?: string;
}
