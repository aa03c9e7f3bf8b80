import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  AuthorizationPolicy,
  CustomTag,
  Gateway,
  GatewayServer,
  Mesh,
  MeshService,
  MtlsMode,
  PeerAuthentication,
  Principal,
  Protocol,
  RetryOn,
  RetryPolicy,
  ServerTls,
  ServiceEntry,
  ServiceEntryLocation,
  ServiceEntryResolution,
  Telemetry,
  TrafficPolicy,
} from '../../src';

const IMAGE = (name: string, version: string) => `docker.io/istio/examples-bookinfo-${name}-${version}:1.20.1`;
const PORT = 9080;

/**
 * One Bookinfo microservice version: its own service account (so that authorization can name
 * it) and a Deployment. Bookinfo's images run as root, hence `ensureNonRoot: false`.
 */
function bookinfoWorkload(scope: Construct, name: string, version: string, serviceAccount: kplus.ServiceAccount): kplus.Deployment {
  return new kplus.Deployment(scope, `${name}-${version}`, {
    serviceAccount,
    replicas: 2,
    containers: [{
      name,
      image: IMAGE(name, version),
      portNumber: PORT,
      securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
    }],
  });
}

/**
 * Istio's Bookinfo application written with cdk8s-plus and cdk8s-istio: productpage calls
 * details and reviews; reviews v2 and v3 call ratings.
 */
export class BookinfoChart extends Chart {
  /** The services, for charts that add to the mesh (gateways, telemetry). */
  public readonly productpage: MeshService;
  public readonly reviews: MeshService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'bookinfo' });

    const sa = (name: string) => new kplus.ServiceAccount(this, `sa-${name}`, { metadata: { name: `bookinfo-${name}` } });
    const productpageSa = sa('productpage');
    const detailsSa = sa('details');
    const reviewsSa = sa('reviews');
    const ratingsSa = sa('ratings');

    // Every service gets a DestinationRule (its versions) with a modest circuit breaker.
    const breaker = TrafficPolicy.circuitBreaker({ maxConnections: 100, maxPendingRequests: 10, consecutive5xxErrors: 5, baseEjectionTime: Duration.seconds(30), maxEjectionPercent: 50 });

    this.productpage = new MeshService(this, 'productpage', { port: PORT, trafficPolicy: breaker });
    this.productpage.addVersion('v1', bookinfoWorkload(this, 'productpage', 'v1', productpageSa));

    const details = new MeshService(this, 'details', { port: PORT, trafficPolicy: breaker });
    details.addVersion('v1', bookinfoWorkload(this, 'details', 'v1', detailsSa));

    const ratings = new MeshService(this, 'ratings', { port: PORT, trafficPolicy: breaker });
    ratings.addVersion('v1', bookinfoWorkload(this, 'ratings', 'v1', ratingsSa));

    this.reviews = new MeshService(this, 'reviews', { port: PORT, trafficPolicy: breaker });
    const v1 = this.reviews.addVersion('v1', bookinfoWorkload(this, 'reviews', 'v1', reviewsSa));
    const v2 = this.reviews.addVersion('v2', bookinfoWorkload(this, 'reviews', 'v2', reviewsSa));
    this.reviews.addVersion('v3', bookinfoWorkload(this, 'reviews', 'v3', reviewsSa));

    // The test user sees the new reviews (v2); everyone else gets a 90/10 canary of v2.
    this.reviews.routeByHeader('end-user', 'jason', v2);
    const canary = this.reviews.canary({ stable: v1, candidate: v2, weight: 10 });
    canary.route.updateTimeout(Duration.seconds(6));
    canary.route.updateRetries(RetryPolicy.of({ attempts: 2, perTryTimeout: Duration.seconds(2), retryOn: [RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE] }));

    // The public entrance: Istio's ingress gateway serves bookinfo.example.com over HTTPS (the
    // certificate is the Secret `bookinfo-credential` in the gateway's namespace) and redirects
    // plain HTTP there; productpage's routes are bound to it and stay bound to the mesh.
    const gateway = new Gateway(this, 'bookinfo-gateway', {
      servers: [
        GatewayServer.http({ hosts: ['bookinfo.example.com'], httpsRedirect: true }),
        GatewayServer.https({ hosts: ['bookinfo.example.com'], tls: ServerTls.simple('bookinfo-credential') }),
      ],
    });
    this.productpage.exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com'] });

    // details v2 looks books up in Google's public API: declare it so the mesh knows the host.
    new ServiceEntry(this, 'googleapis', {
      hosts: ['www.googleapis.com'],
      ports: [{ number: 443, protocol: Protocol.HTTPS, name: 'https' }],
      resolution: ServiceEntryResolution.DNS,
      location: ServiceEntryLocation.MESH_EXTERNAL,
    });

    // Mutual TLS only, and nothing is allowed unless a policy below allows it.
    new PeerAuthentication(this, 'strict-mtls', { mode: MtlsMode.STRICT });
    AuthorizationPolicy.denyAll(this, 'deny-all');

    // productpage is called by the ingress gateway (its workload identity in istio-system).
    // The gateway is installed with Istio, outside this app: tell the analysis that the unknown
    // principal is expected, for this policy only.
    const fromIngress = AuthorizationPolicy.allowCallers(this, 'productpage-from-ingress', {
      to: this.productpage,
      from: [Principal.fromName('istio-system', 'istio-ingressgateway-service-account')],
      methods: ['GET', 'POST'],
    });
    fromIngress.apiObject.metadata.addAnnotation('cdk8s-istio.io/ignore-rules', 'authorizationpolicy-unknown-principal');
    AuthorizationPolicy.allowCallers(this, 'details-from-productpage', {
      to: details, from: [Principal.fromServiceAccount(productpageSa)], methods: ['GET'],
    });
    AuthorizationPolicy.allowCallers(this, 'reviews-from-productpage', {
      to: this.reviews, from: [Principal.fromServiceAccount(productpageSa)], methods: ['GET'],
    });
    AuthorizationPolicy.allowCallers(this, 'ratings-from-reviews', {
      to: ratings, from: [Principal.fromServiceAccount(reviewsSa)], methods: ['GET'],
    });

    // Namespace telemetry: log failed requests only, and trace 10 % of requests, tagged with the
    // test user header that selects the reviews version.
    new Telemetry(this, 'telemetry', {
      accessLogging: [{ providers: ['envoy'], filter: 'response.code >= 400' }],
      tracing: [{
        randomSamplingPercentage: 10,
        customTags: { 'end-user': CustomTag.header('end-user', 'anonymous') },
      }],
    });
  }
}

/** Builds the example app; `outdir` is where `app.synth()` writes the manifests. */
export function build(outdir?: string): App {
  const app = new App({ outdir });
  new Mesh(app, 'mesh');
  new BookinfoChart(app, 'bookinfo');
  return app;
}
