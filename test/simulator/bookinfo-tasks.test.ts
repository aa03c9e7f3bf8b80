/**
 * The outcomes Istio's Bookinfo task pages state, over Bookinfo YAML written from Istio's samples.
 */
import { ALL_V1, bookinfo, httpbinNamespaces } from './support';
import { RequestOutcome, RequestSource, RequestTarget } from '../../src';

const productpage = RequestSource.workload('default', 'productpage-v1');
const reviews = RequestTarget.url('http://reviews:9080/reviews/0');
const ratings = RequestTarget.url('http://ratings:9080/ratings/0');
const reviewsV2 = RequestSource.workload('default', 'reviews-v2');

const JASON_TO_V2 = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - match:
    - headers:
        end-user: {exact: jason}
    route:
    - destination: {host: reviews, subset: v2}
  - route:
    - destination: {host: reviews, subset: v1}
`;

const split = (a: [string, number], b: [string, number]) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: ${a[0]}}
      weight: ${a[1]}
    - destination: {host: reviews, subset: ${b[0]}}
      weight: ${b[1]}
`;

const ratingsFault = (fault: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: [ratings]
  http:
  - match:
    - headers:
        end-user: {exact: jason}
    fault:
${fault}
    route:
    - destination: {host: ratings, subset: v1}
  - route:
    - destination: {host: ratings, subset: v1}
`;

describe('request routing task', () => {
  test('with every service on v1, productpage reaches reviews v1', () => {
    const trace = bookinfo(ALL_V1).request({ from: productpage, to: reviews });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.destinations.map((d) => [d.subset, d.share])).toEqual([['v1', 100]]);
  });

  test('user jason (end-user: jason) is routed to reviews v2 by the first route', () => {
    const trace = bookinfo(ALL_V1.replace(/name: reviews[\s\S]*?(?=---|$)/, ''), JASON_TO_V2).request({ from: productpage, to: reviews, headers: { 'end-user': 'jason' } });
    expect(trace.route).toMatchObject({ virtualService: { namespace: 'default', name: 'reviews' }, index: 0, matchIndex: 0 });
    expect(trace.destinations[0]).toMatchObject({ host: 'reviews.default.svc.cluster.local', subset: 'v2', share: 100 });
  });

  test('header names match case-insensitively (End-User: jason)', () => {
    const trace = bookinfo(JASON_TO_V2).request({ from: productpage, to: reviews, headers: { 'End-User': 'jason' } });
    expect(trace.destinations[0].subset).toBe('v2');
  });

  test('any other user gets reviews v1, and the trace says why the jason route was skipped', () => {
    const trace = bookinfo(JASON_TO_V2).request({ from: productpage, to: reviews, headers: { 'end-user': 'bill' } });
    expect(trace.route!.index).toBe(1);
    expect(trace.route!.skipped).toEqual([{ index: 0, reason: 'headers[end-user] exact "jason", but it is "bill"' }]);
    expect(trace.destinations[0].subset).toBe('v1');
  });
});

describe('traffic shifting task', () => {
  test('50/50 between v1 and v3 gives each half of the requests', () => {
    const trace = bookinfo(split(['v1', 50], ['v3', 50])).request({ from: productpage, to: reviews });
    expect(trace.destinations.map((d) => [d.subset, d.weight, d.share])).toEqual([['v1', 50, 50], ['v3', 50, 50]]);
  });

  test('80/20 between v1 and v2 gives v1 80% and v2 20%', () => {
    const trace = bookinfo(split(['v1', 80], ['v2', 20])).request({ from: productpage, to: reviews });
    expect(trace.destinations.map((d) => [d.subset, d.share])).toEqual([['v1', 80], ['v2', 20]]);
    expect(trace.tls).toEqual({ client: 'ISTIO_MUTUAL', server: 'PERMISSIVE' });
  });

  test('weights that do not add up to 100 are read as shares of their sum', () => {
    const trace = bookinfo(split(['v1', 3], ['v2', 1])).request({ from: productpage, to: reviews });
    expect(trace.destinations.map((d) => d.share)).toEqual([75, 25]);
  });
});

describe('fault injection task', () => {
  const delay = ratingsFault('      delay:\n        percentage: {value: 100.0}\n        fixedDelay: 7s');
  const abort = ratingsFault('      abort:\n        percentage: {value: 100.0}\n        httpStatus: 500');

  test('jason\'s requests to ratings are delayed 7s on every request, then routed', () => {
    const trace = bookinfo(delay).request({ from: reviewsV2, to: ratings, headers: { 'end-user': 'jason' } });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.fault).toEqual({ delay: '7s', delayPercentage: 100 });
  });

  test('other users\' requests to ratings are not delayed', () => {
    const trace = bookinfo(delay).request({ from: reviewsV2, to: ratings });
    expect(trace.route!.index).toBe(1);
    expect(trace.fault).toBeUndefined();
  });

  test('the abort fault answers jason with HTTP 500', () => {
    const trace = bookinfo(abort).request({ from: reviewsV2, to: ratings, headers: { 'end-user': 'jason' } });
    expect(trace.outcome).toBe(RequestOutcome.FAULT_ABORT);
    expect(trace.statusCode).toBe(500);
  });

  test('an abort without percentage aborts no request', () => {
    const trace = bookinfo(ratingsFault('      abort:\n        httpStatus: 500')).request({ from: reviewsV2, to: ratings, headers: { 'end-user': 'jason' } });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.fault!.abortPercentage).toBe(0);
  });
});

describe('mutual TLS migration task', () => {
  const strictFoo = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: foo}
spec:
  mtls: {mode: STRICT}
`;
  const strictMesh = strictFoo.replace('namespace: foo', 'namespace: istio-system');
  const httpbin = (ns: string) => RequestTarget.url(`http://httpbin.${ns}:8000/ip`);

  test('before any policy, a client without sidecar (legacy) reaches httpbin.foo in plaintext', () => {
    const trace = httpbinNamespaces().request({ from: RequestSource.workload('legacy', 'curl'), to: httpbin('foo') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.tls).toEqual({ client: 'DISABLE', server: 'PERMISSIVE' });
  });

  test('with STRICT in namespace foo, the legacy client cannot connect to httpbin.foo', () => {
    const trace = httpbinNamespaces(strictFoo).request({ from: RequestSource.workload('legacy', 'curl'), to: httpbin('foo') });
    expect(trace.outcome).toBe(RequestOutcome.CONNECTION_FAILURE);
    expect(trace.destinations[0].server).toMatchObject({ mtlsMode: 'STRICT', mtlsLevel: 'namespace', peerAuthentication: { namespace: 'foo', name: 'default' } });
  });

  test('with STRICT in namespace foo, a sidecar client (bar) still reaches httpbin.foo over mutual TLS', () => {
    const trace = httpbinNamespaces(strictFoo).request({ from: RequestSource.workload('bar', 'curl'), to: httpbin('foo') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.tls).toEqual({ client: 'ISTIO_MUTUAL', server: 'STRICT' });
  });

  test('with STRICT in namespace foo only, the legacy client still reaches httpbin.bar', () => {
    const trace = httpbinNamespaces(strictFoo).request({ from: RequestSource.workload('legacy', 'curl'), to: httpbin('bar') });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
  });

  test('mesh-wide STRICT (root namespace) cuts the legacy client off httpbin.bar too', () => {
    const trace = httpbinNamespaces(strictMesh).request({ from: RequestSource.workload('legacy', 'curl'), to: httpbin('bar') });
    expect(trace.outcome).toBe(RequestOutcome.CONNECTION_FAILURE);
    expect(trace.destinations[0].server!.mtlsLevel).toBe('mesh');
  });
});

describe('authorization for HTTP traffic task', () => {
  const allowNothing = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-nothing, namespace: default}
spec: {}
`;
  const productpageViewer = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: productpage-viewer, namespace: default}
spec:
  selector:
    matchLabels: {app: productpage}
  action: ALLOW
  rules:
  - to:
    - operation:
        methods: [GET]
`;
  const detailsViewer = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: details-viewer, namespace: default}
spec:
  selector:
    matchLabels: {app: details}
  action: ALLOW
  rules:
  - from:
    - source:
        principals: [cluster.local/ns/default/sa/bookinfo-productpage]
    to:
    - operation:
        methods: [GET]
`;
  const gateway = RequestSource.viaGateway('default', 'bookinfo-gateway');
  const productpageUrl = RequestTarget.url('http://bookinfo.example.com/productpage');

  test('allow-nothing denies GET /productpage through the ingress gateway (403)', () => {
    const trace = bookinfo(allowNothing).request({ from: gateway, to: productpageUrl });
    expect(trace.outcome).toBe(RequestOutcome.DENIED);
    expect(trace.statusCode).toBe(403);
    expect(trace.authorization).toMatchObject({ decision: 'DENY', policy: { namespace: 'default', name: 'allow-nothing' } });
  });

  test('productpage-viewer then allows GET on productpage, naming the policy and rule', () => {
    const trace = bookinfo(allowNothing, productpageViewer).request({ from: gateway, to: productpageUrl });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.authorization).toMatchObject({ decision: 'ALLOW', policy: { name: 'productpage-viewer' }, rule: 0 });
  });

  test('productpage-viewer does not allow POST on productpage', () => {
    const trace = bookinfo(allowNothing, productpageViewer).request({ from: gateway, to: productpageUrl, method: 'POST' });
    expect(trace.outcome).toBe(RequestOutcome.DENIED);
  });

  test('details-viewer lets productpage (by its mTLS principal) GET details', () => {
    const trace = bookinfo(allowNothing, detailsViewer).request({ from: productpage, to: RequestTarget.url('http://details:9080/details/0') });
    expect(trace.authorization).toMatchObject({ decision: 'ALLOW', policy: { name: 'details-viewer' } });
  });

  test('details-viewer does not let reviews GET details', () => {
    const trace = bookinfo(allowNothing, detailsViewer).request({ from: reviewsV2, to: RequestTarget.url('http://details:9080/details/0') });
    expect(trace.outcome).toBe(RequestOutcome.DENIED);
  });

  test('a DENY policy wins over a matching ALLOW policy', () => {
    const deny = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-delete, namespace: default}
spec:
  action: DENY
  rules:
  - to:
    - operation: {methods: [GET], paths: ["/productpage"]}
`;
    const trace = bookinfo(productpageViewer, deny).request({ from: gateway, to: productpageUrl });
    expect(trace.authorization).toMatchObject({ decision: 'DENY', policy: { name: 'deny-delete' }, rule: 0 });
  });
});

describe('JWT authentication task', () => {
  const jwtExample = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt-example, namespace: foo}
spec:
  selector:
    matchLabels: {app: httpbin}
  jwtRules:
  - issuer: testing@secure.istio.io
    jwksUri: https://example.invalid/jwks.json
`;
  const requireJwt = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: require-jwt, namespace: foo}
spec:
  selector:
    matchLabels: {app: httpbin}
  action: ALLOW
  rules:
  - from:
    - source:
        requestPrincipals: [testing@secure.istio.io/testing@secure.istio.io]
`;
  const from = RequestSource.workload('foo', 'curl');
  const to = RequestTarget.url('http://httpbin.foo:8000/headers');
  const token = { issuer: 'testing@secure.istio.io', subject: 'testing@secure.istio.io' };

  test('a request with an invalid token is refused with 401', () => {
    const trace = httpbinNamespaces(jwtExample).request({ from, to, jwt: { ...token, invalid: true } });
    expect(trace.outcome).toBe(RequestOutcome.DENIED);
    expect(trace.statusCode).toBe(401);
  });

  test('a request without token is allowed while no policy requires one', () => {
    const trace = httpbinNamespaces(jwtExample).request({ from, to });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.destinations[0].server!.authentication).toMatchObject({ token: 'none', issuers: ['testing@secure.istio.io'] });
  });

  test('with require-jwt, a request without token is denied (403)', () => {
    const trace = httpbinNamespaces(jwtExample, requireJwt).request({ from, to });
    expect(trace.statusCode).toBe(403);
    expect(trace.authorization!.policy).toMatchObject({ name: 'require-jwt' });
  });

  test('with require-jwt, a request with a valid token is allowed', () => {
    const trace = httpbinNamespaces(jwtExample, requireJwt).request({ from, to, jwt: token });
    expect(trace.outcome).toBe(RequestOutcome.ROUTED);
    expect(trace.destinations[0].server!.authentication.requestPrincipal).toBe('testing@secure.istio.io/testing@secure.istio.io');
  });

  test('a token of an issuer no jwtRule trusts is refused with 401', () => {
    const trace = httpbinNamespaces(jwtExample).request({ from, to, jwt: { issuer: 'other@example.com', subject: 'x' } });
    expect(trace.statusCode).toBe(401);
  });
});
