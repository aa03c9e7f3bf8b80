/**
 * Direction of traffic, relative to the proxied workload, that a telemetry setting applies to.
 */
export enum WorkloadMode {
  /** Traffic the workload sends (outbound) and receives (inbound). */
  CLIENT_AND_SERVER = 'CLIENT_AND_SERVER',
  /** Traffic the workload sends: it is the client. */
  CLIENT = 'CLIENT',
  /** Traffic the workload receives: it is the server. */
  SERVER = 'SERVER',
}
