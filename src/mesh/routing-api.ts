import { GatewayApiChannel } from './gateway-api-channel';

/** Options of {@link RoutingApi.gatewayApi}. */
export interface GatewayApiOptions {
  /**
   * Channel of the Gateway API CRDs the cluster runs. Route `retries` need `EXPERIMENTAL`
   * (HTTPRoute `retry` is not in the standard channel of v1.5).
   * @default GatewayApiChannel.STANDARD
   */
  readonly channel?: GatewayApiChannel;
}

/**
 * Which API a mesh service's routes and a gateway are written in.
 *
 * - `RoutingApi.ISTIO`: Istio's own APIs (VirtualService, DestinationRule subsets, Istio Gateway).
 * - `RoutingApi.gatewayApi()`: the Kubernetes Gateway API as Istio implements it: routes become
 *   HTTPRoute (GRPCRoute on gRPC ports) attached to the Service (GAMMA) and to Gateways, versions
 *   become per-version Services, gateways become `gateway.networking.k8s.io/v1` Gateways of class
 *   `istio`. A route prop Gateway API cannot express is refused when the route is added.
 *
 * @example
 * new Mesh(app, 'mesh', { routingApi: RoutingApi.gatewayApi({ channel: GatewayApiChannel.EXPERIMENTAL }) });
 */
export class RoutingApi {
  /** Istio's APIs: VirtualService, DestinationRule subsets and Istio's Gateway. */
  public static readonly ISTIO = new RoutingApi(undefined);

  /** The Kubernetes Gateway API (HTTPRoute, GRPCRoute, Gateway, ReferenceGrant). */
  public static gatewayApi(options: GatewayApiOptions = {}): RoutingApi {
    const channel = options.channel ?? GatewayApiChannel.STANDARD;
    if (!Object.values(GatewayApiChannel).includes(channel)) {
      throw new Error(`RoutingApi.gatewayApi(): channel is ${JSON.stringify(channel)}; use GatewayApiChannel.STANDARD or GatewayApiChannel.EXPERIMENTAL.`);
    }
    return new RoutingApi(channel);
  }

  /**
   * @param channel the Gateway API channel, or undefined for Istio's APIs
   */
  private constructor(private readonly _channel: GatewayApiChannel | undefined) {}

  /** Whether routes and gateways are written in the Gateway API. */
  public get isGatewayApi(): boolean {
    return this._channel !== undefined;
  }

  /**
   * The Gateway API channel.
   * @default - none, for Istio's APIs
   */
  public get channel(): GatewayApiChannel | undefined {
    return this._channel;
  }

  /** `istio` or `gateway-api (standard)`, for messages. */
  public toString(): string {
    return this._channel === undefined ? 'istio' : `gateway-api (${this._channel.toLowerCase()})`;
  }
}
