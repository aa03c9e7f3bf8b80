import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Gateway, GatewayApiChannel, GatewayServer, Mesh, MeshService, RetryOn, RetryPolicy, RoutingApi, ServerTls, TrafficPolicy } from '../../src';

const IMAGE = (name: string, version: string) => `docker.io/istio/examples-bookinfo-${name}-${version}:1.20.1`;

function workload(scope: Construct, name: string, version: string): kplus.Deployment {
  return new kplus.Deployment(scope, `${name}-${version}`, {
    containers: [{ image: IMAGE(name, version), portNumber: 9080, securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false } }],
  });
}

/**
 * Bookinfo's reviews canary and its ingress, written once with the library's constructs. Which
 * API they become is the Mesh's choice: this file says nothing about HTTPRoutes.
 *
 * - reviews: the test user `jason` always gets v2; everyone else is split 90/10 between v1 and v2,
 *   with a 3s timeout and two retries on 503. A circuit breaker protects it: it stays a
 *   DestinationRule, which Istio applies to Gateway API backends too.
 * - productpage is served at bookinfo.example.com through an ingress gateway: HTTPS with the
 *   `bookinfo-credential` Secret, and plain HTTP redirected to HTTPS.
 */
export class BookinfoCanaryChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'bookinfo' });

    const reviews = new MeshService(this, 'reviews', {
      port: 9080,
      trafficPolicy: TrafficPolicy.circuitBreaker({ maxConnections: 100, maxPendingRequests: 10, consecutive5xxErrors: 5, baseEjectionTime: Duration.seconds(30) }),
    });
    const v1 = reviews.addVersion('v1', workload(this, 'reviews', 'v1'));
    const v2 = reviews.addVersion('v2', workload(this, 'reviews', 'v2'));
    // Envoy (and the Gateway API's rule order for equal matches) takes the header route first.
    reviews.routeByHeader('end-user', 'jason', v2);
    const canary = reviews.canary({ stable: v1, candidate: v2, weight: 10 });
    canary.route.updateTimeout(Duration.seconds(3));
    canary.route.updateRetries(RetryPolicy.of({ attempts: 2, perTryTimeout: Duration.seconds(1), retryOn: [RetryOn.statusCode(503)] }));

    const productpage = new MeshService(this, 'productpage', { port: 9080 });
    productpage.addVersion('v1', workload(this, 'productpage', 'v1'));

    const gateway = new Gateway(this, 'bookinfo-gateway', {
      servers: [
        GatewayServer.http({ hosts: ['bookinfo.example.com'], httpsRedirect: true }),
        GatewayServer.https({ hosts: ['bookinfo.example.com'], tls: ServerTls.simple('bookinfo-credential') }),
      ],
    });
    productpage.exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com'] });
  }
}

/**
 * Builds the example app with the Gateway API (experimental channel, for the retries).
 * @param routingApi the routing API; `RoutingApi.ISTIO` gives the same app in Istio's API
 */
export function build(outdir?: string, routingApi: RoutingApi = RoutingApi.gatewayApi({ channel: GatewayApiChannel.EXPERIMENTAL })): App {
  const app = new App({ outdir });
  new Mesh(app, 'mesh', { routingApi });
  new BookinfoCanaryChart(app, 'bookinfo');
  return app;
}
