/**
 * Benchmark of the traffic simulator: time per request once the model is built, on the synthetic
 * mesh of bench/mesh-generator.ts (8 objects per service: two versions, subsets, a canary route,
 * STRICT mTLS and an ALLOW policy per service).
 *
 *   npx ts-node --transpile-only --project test/tsconfig.json bench/simulate.ts [--services 2000] [--requests 20000]
 *
 * Each request goes from a service's caller (by service account) to the service, half of them with
 * the header that selects the canary route, so every step runs: VirtualService lookup, route
 * matching, two destinations with their DestinationRule policy, mTLS and the authorization decision.
 */
import { performance } from 'perf_hooks';
import { layout, serviceManifests } from './mesh-generator';
import { MeshSimulator, RequestSource, RequestTarget } from '../src';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: a whole number of at least 1, e.g. ${name} ${fallback}`);
  return n;
}

const services = option('--services', 2000);
const requests = option('--requests', 20000);
const slots = layout({ services }).flatMap((ns) => ns.services);
const manifests = slots.flatMap(serviceManifests);

let t = performance.now();
const sim = MeshSimulator.fromManifests(manifests);
const load = performance.now() - t;

const send = (i: number) => {
  const s = slots[i % slots.length];
  return sim.request({
    from: RequestSource.serviceAccount(s.caller.namespace, s.caller.name),
    to: RequestTarget.url(`http://${s.name}.${s.namespace}:8080/orders`),
    ...(i % 2 === 0 ? { headers: { 'x-canary': 'always' } } : {}),
  });
};

// The first request of each kind builds the model's indexes (memoised); time it apart.
t = performance.now();
const first = send(0);
const firstMs = performance.now() - t;
if (first.outcome !== 'routed') throw new Error(`unexpected outcome ${first.outcome}: ${first.summary}`);

t = performance.now();
const cpu = process.cpuUsage();
for (let i = 1; i <= requests; i++) send(i);
const perRequest = (performance.now() - t) / requests;
const used = process.cpuUsage(cpu);
const cpuPerRequest = (used.user + used.system) / requests;

process.stdout.write([
  `services:             ${services} (${manifests.length} objects)`,
  `MeshSimulator build:  ${load.toFixed(1)} ms`,
  `first request:        ${firstMs.toFixed(1)} ms (builds the indexes)`,
  `per request:          ${(perRequest * 1000).toFixed(1)} µs wall, ${cpuPerRequest.toFixed(1)} µs CPU (mean of ${requests})`,
  '',
].join('\n'));
