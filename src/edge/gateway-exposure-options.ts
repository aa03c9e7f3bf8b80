/** Options of `MeshService.exposeThroughGateway()`. */
export interface GatewayExposureOptions {
  /**
   * Host names clients use through the gateway (e.g. `bookinfo.example.com`), added to the
   * VirtualService's hosts. Each must match a host of one of the gateway's servers, or the
   * gateway ignores it. `*` (any host) only works with `alsoInMesh: false`.
   * @default - the host names the gateway's servers offer to the service's namespace, except `*`
   * (required for a Gateway defined elsewhere)
   */
  readonly hosts?: string[];

  /**
   * Keep applying the service's routes to sidecars (the reserved gateway `mesh`). Once a
   * VirtualService names gateways, sidecars only use it when `mesh` is among them. The
   * VirtualService leaves the mesh only when every exposure says `false`.
   * @default true
   */
  readonly alsoInMesh?: boolean;
}
