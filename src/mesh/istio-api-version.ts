/**
 * The version of Istio's networking and security APIs to emit.
 */
export enum IstioApiVersion {
  /** `networking.istio.io/v1` and `security.istio.io/v1` — Istio 1.22 and later. */
  V1 = 'v1',
  /** `networking.istio.io/v1beta1` and `security.istio.io/v1beta1` — for clusters older than Istio 1.22. */
  V1BETA1 = 'v1beta1',
}
