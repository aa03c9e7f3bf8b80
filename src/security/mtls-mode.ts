/** Whether a workload accepts plain-text traffic, as set by a PeerAuthentication. */
export enum MtlsMode {
  /** Only mutual TLS connections are accepted. */
  STRICT = 'STRICT',
  /** Both mutual TLS and plain-text connections are accepted (migration mode). */
  PERMISSIVE = 'PERMISSIVE',
  /** Mutual TLS is off: connections are plain text. */
  DISABLE = 'DISABLE',
  /** Inherit the mode of the parent policy (workload → namespace → mesh; PERMISSIVE when none sets one). */
  UNSET = 'UNSET',
}
