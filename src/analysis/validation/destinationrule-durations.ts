/** Duration fields of a traffic policy, below the policy. */
export const FIELDS: ReadonlyArray<{ path: string[]; allowZero?: boolean; celOnly?: boolean; whenAbsent?: string }> = [
  { path: ['connectionPool', 'tcp', 'connectTimeout'], whenAbsent: 'the mesh default (10s) applies' },
  { path: ['connectionPool', 'tcp', 'maxConnectionDuration'], whenAbsent: 'connections then have no maximum duration' },
  // "0s" disables the TCP idle timeout: the webhook skips values under 1ms and the CRD has no CEL rule here.
  { path: ['connectionPool', 'tcp', 'idleTimeout'], allowZero: true },
  { path: ['connectionPool', 'tcp', 'tcpKeepalive', 'time'] },
  { path: ['connectionPool', 'tcp', 'tcpKeepalive', 'interval'] },
  { path: ['connectionPool', 'http', 'idleTimeout'], whenAbsent: 'the default (1h) applies' },
  { path: ['outlierDetection', 'baseEjectionTime'], whenAbsent: 'the default (30s) applies' },
  { path: ['outlierDetection', 'interval'], whenAbsent: 'the default (10s) applies' },
  { path: ['loadBalancer', 'warmup', 'duration'] },
  // Deprecated field: only the CRD's CEL rule (at least 1ms) applies, not the webhook's ms precision.
  { path: ['loadBalancer', 'warmupDurationSecs'], celOnly: true },
];
