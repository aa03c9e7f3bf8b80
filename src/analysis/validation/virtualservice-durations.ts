/** Duration fields of an HTTP route: path below the route, and what removing the field means. */
export const FIELDS: ReadonlyArray<{ path: string[]; whenAbsent?: string; wholeSeconds?: boolean }> = [
  { path: ['timeout'], whenAbsent: 'a route without timeout has none (Istio\'s default)' },
  { path: ['retries', 'perTryTimeout'], whenAbsent: 'each try may then use the whole route timeout' },
  { path: ['retries', 'backoff'], whenAbsent: 'Envoy then backs off from 25ms' },
  { path: ['fault', 'delay', 'fixedDelay'] },
  { path: ['fault', 'delay', 'exponentialDelay'] },
  { path: ['corsPolicy', 'maxAge'], wholeSeconds: true, whenAbsent: 'browsers then use their own preflight cache time' },
];
