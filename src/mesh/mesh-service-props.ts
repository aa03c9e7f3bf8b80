import { MeshServiceSource } from './mesh-service-source';
import { MeshServicePort } from './protocol';
import { RoutingApi } from './routing-api';
import { TrafficPolicy } from '../traffic/traffic-policy';

/** Properties of a `MeshService`. */
export interface MeshServiceProps {
  /**
   * What the mesh service stands for: a Service to create, an existing Service, a workload, or
   * a host defined elsewhere.
   * @default MeshServiceSource.newService()
   */
  readonly source?: MeshServiceSource;

  /**
   * Name of the service: the Kubernetes Service name, and the name of its DestinationRule and
   * VirtualService.
   * @default - the adopted Service's name; for a host, its first label; otherwise the construct id in lower case
   */
  readonly name?: string;

  /**
   * Namespace of the service and of its routing objects.
   * @default - the adopted Service's namespace, else the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Port of the service: HTTP, unless it is a well-known port of another protocol (see
   * `MeshServicePort.protocol`). Shorthand for `ports: [{ port }]`.
   * @default - see `ports`
   */
  readonly port?: number;

  /**
   * Ports of a Service this construct creates.
   * @default - the container ports of the source workload or of the first version's workload; each
   * declares the protocol its container port's name declares (`grpc-api`), else that of a well-known
   * port, else none (the port is named `port-<n>` and Istio sniffs its protocol)
   */
  readonly ports?: MeshServicePort[];

  /**
   * Value of the `app` label that the created Service selects and that versions' pod templates
   * receive (Istio also uses it to name the workload in telemetry).
   * @default - the service name
   */
  readonly appLabel?: string;

  /**
   * Traffic policy for all traffic to the service (connection pool, outlier detection, load
   * balancing, TLS origination), rendered into its DestinationRule.
   * @default - none: Istio's defaults
   */
  readonly trafficPolicy?: TrafficPolicy;

  /**
   * The API the service's routes are written in: Istio's (VirtualService, DestinationRule
   * subsets) or the Gateway API (HTTPRoute or GRPCRoute, per-version Services). The Gateway API
   * needs a Service this construct creates.
   * @default - the mesh's `routingApi`
   */
  readonly routingApi?: RoutingApi;
}
