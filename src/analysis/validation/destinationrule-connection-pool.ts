/** Integer limits that must not be negative, per connection-pool section. */
export const NON_NEGATIVE: ReadonlyArray<{ section: 'http' | 'tcp'; field: string }> = [
  { section: 'http', field: 'http1MaxPendingRequests' },
  { section: 'http', field: 'http2MaxRequests' },
  { section: 'http', field: 'maxRequestsPerConnection' },
  { section: 'http', field: 'maxRetries' },
  { section: 'http', field: 'maxConcurrentStreams' },
  { section: 'tcp', field: 'maxConnections' },
];
