import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { FaultInjection, Mesh, MeshService, RetryOn, RetryPolicy, StringMatch, TrafficPolicy } from '../../src';

function workload(scope: Construct, id: string, image: string, port: number, replicas = 2): kplus.Deployment {
  return new kplus.Deployment(scope, id, {
    replicas,
    containers: [{ image, portNumber: port, securityContext: { ensureNonRoot: false } }],
  });
}

/**
 * frontend → api → database. The api runs a 90/10 canary of v2 with retries, a timeout, a
 * circuit breaker, a fault-injection route for testing and a mirror of live traffic to v2.
 *
 * The retries are deliberately the seeds' 3 × 2s inside a 5s timeout: the analysis warns
 * (`virtualservice-retries-exceed-timeout`) that the last retry can never run.
 */
export class ResilienceChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });

    const frontend = new MeshService(this, 'frontend', { port: 8080 });
    frontend.addVersion('v1', workload(this, 'frontend-v1', 'example/frontend:1', 8080));

    const database = new MeshService(this, 'database', { port: 5432 });
    database.addVersion('v1', workload(this, 'database-v1', 'example/database:1', 5432, 1));

    const api = new MeshService(this, 'api', {
      port: 8080,
      // Circuit breaker: at most 100 connections and 10 queued requests; a pod answering five
      // 5xx in a row is ejected for 30s, and never more than half of the pods at once.
      trafficPolicy: TrafficPolicy.circuitBreaker({
        maxConnections: 100,
        maxPendingRequests: 10,
        consecutive5xxErrors: 5,
        interval: Duration.seconds(10),
        baseEjectionTime: Duration.seconds(30),
        maxEjectionPercent: 50,
      }),
    });
    const v1 = api.addVersion('v1', workload(this, 'api-v1', 'example/api:1', 8080, 3));
    const v2 = api.addVersion('v2', workload(this, 'api-v2', 'example/api:2', 8080));

    // Testers send `x-chaos: delay` to see how callers cope with a slow api.
    api.addRoute({
      name: 'chaos',
      matches: [{ headers: { 'x-chaos': StringMatch.exact('delay') } }],
      destinations: [{ version: v1 }],
      fault: FaultInjection.delayRequests({ fixedDelay: Duration.seconds(3), percentage: 100 }),
    });

    const canary = api.canary({ stable: v1, candidate: v2, weight: 10 });
    canary.route.updateTimeout(Duration.seconds(5));
    canary.route.updateRetries(RetryPolicy.of({
      attempts: 3,
      perTryTimeout: Duration.seconds(2),
      retryOn: [RetryOn.FIVE_XX, RetryOn.CONNECT_FAILURE, RetryOn.RESET],
    }));
    // Shadow all live traffic to v2 as well; mirrored responses are discarded.
    canary.route.addMirror({ version: v2, percentage: 100 });
  }
}

/** Builds the example app; `outdir` is where `app.synth()` writes the manifests. */
export function build(outdir?: string): App {
  const app = new App({ outdir });
  new Mesh(app, 'mesh');
  new ResilienceChart(app, 'resilience');
  return app;
}
