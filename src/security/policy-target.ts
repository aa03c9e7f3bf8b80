/**
 * A resource a policy is attached to instead of a workload selector (`targetRefs`), e.g. a
 * Gateway API `Gateway` or, for waypoints in ambient mode, a `Service`. The resource must be in
 * the policy's namespace.
 */
export interface PolicyTargetReference {
  /** Kind of the resource, e.g. `Gateway` or `Service`. */
  readonly kind: string;
  /** Name of the resource. */
  readonly name: string;
  /**
   * API group of the resource: `gateway.networking.k8s.io` for a Gateway, `''` for a Service.
   * @default - `gateway.networking.k8s.io` for kinds Gateway and GatewayClass,
   * `networking.istio.io` for ServiceEntry, otherwise the core group ('')
   */
  readonly group?: string;
}
