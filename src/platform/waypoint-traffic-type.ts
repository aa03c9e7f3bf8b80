/**
 * Which traffic a waypoint handles: the `istio.io/waypoint-for` label of its Gateway. Traffic is
 * classified by how the client addressed it: to a Service (its name or cluster IP) or directly
 * to a pod or VM IP.
 */
export enum WaypointTrafficType {
  /** Traffic addressed to Services (Istio's default). Services and namespaces can use the waypoint. */
  SERVICE = 'service',
  /** Traffic addressed to pod or VM IPs. Pods and namespaces can use the waypoint. */
  WORKLOAD = 'workload',
  /** Both service and workload traffic. */
  ALL = 'all',
  /** No traffic: the waypoint is deployed but nothing is redirected to it (for testing). */
  NONE = 'none',
}
