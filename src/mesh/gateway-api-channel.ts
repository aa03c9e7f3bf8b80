/**
 * Release channel of the Kubernetes Gateway API CRDs installed in the cluster. The experimental
 * channel adds fields the standard one lacks; of those the library emits only HTTPRoute `retry`
 * (for a route's `retries`).
 */
export enum GatewayApiChannel {
  /** The standard channel (`config/crd/standard`): no HTTPRoute `retry`. */
  STANDARD = 'STANDARD',
  /** The experimental channel (`config/crd/experimental`): adds HTTPRoute `retry`. */
  EXPERIMENTAL = 'EXPERIMENTAL',
}
