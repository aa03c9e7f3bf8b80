/**
 * The typed answer of {@link MeshSimulator.request}: what happens to one request, step by step.
 * Plain data (jsii structs and string enums), so that Python, Java, Go and .NET users can assert
 * on it, and the `simulate` command prints it as JSON unchanged.
 */

/** How a simulated request ends. */
export enum RequestOutcome {
  /** The request reaches a destination workload (or leaves the mesh to an external host). */
  ROUTED = 'routed',
  /** An AuthorizationPolicy refuses it (403), or RequestAuthentication rejects its token (401). */
  DENIED = 'denied',
  /** The route answers with a redirect. */
  REDIRECTED = 'redirected',
  /** The route answers itself (`directResponse`); at a Gateway API Gateway also the 500 for a backendRef Istio refuses (no ReferenceGrant). */
  DIRECT_RESPONSE = 'direct-response',
  /** An abort fault of the route fires on every request. */
  FAULT_ABORT = 'fault-abort',
  /** A VirtualService (or a GAMMA HTTPRoute) applies to the host but none of its routes matches, or no route or listener of the gateway takes the host: Envoy answers 404. */
  NO_ROUTE = 'no-route',
  /** The client's proxy drops the request: the host is outside its registry under REGISTRY_ONLY (502). */
  BLACKHOLE = 'blackhole',
  /** The connection fails: the client's TLS does not fit what the server accepts (a reset, 503). */
  CONNECTION_FAILURE = 'connection-failure',
}

/** A namespaced Istio or Kubernetes object named in a trace. */
export interface ObjectReference {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The request as the simulator read it. */
export interface RequestSummary {
  /** Host as the client addressed it (`reviews`, `bookinfo.example.com`). */
  readonly host: string;
  /** The host the client's proxy resolved it to (`reviews.bookinfo.svc.cluster.local`). */
  readonly resolvedHost: string;
  readonly port: number;
  readonly method: string;
  readonly path: string;
  readonly scheme: string;
  /** Request headers, names in lower case. */
  readonly headers: { [name: string]: string };
}

/** Who sends the request, as the simulator resolved it. */
export interface ClientTrace {
  /** `workload`, `service-account`, `labels`, `gateway` or `outside-mesh`. */
  readonly kind: string;
  /** Namespace of the client (undefined outside the mesh). @default - none */
  readonly namespace?: string;
  /** The workload found for the client. @default - none found */
  readonly workload?: ObjectReference;
  /** Service account the client runs as. @default - none */
  readonly serviceAccount?: string;
  /** Pod labels of the client (what `sourceLabels` and workload selectors see). */
  readonly labels: { [key: string]: string };
  /** Whether the client has an Istio proxy (sidecar or gateway); only then are VirtualServices applied. */
  readonly hasProxy: boolean;
  /** The Gateway the request enters through, for `--via-gateway` (an Istio `Gateway`; for a Gateway API `Gateway` the trace's `listener` is set too). @default - not through a gateway */
  readonly gateway?: ObjectReference;
  /** Whether the host is in the client proxy's registry (Sidecar egress hosts, exportTo). */
  readonly hostVisible: boolean;
  /** Why the host is (or is not) visible. */
  readonly visibility: string;
  /** The client's outbound traffic policy (`ALLOW_ANY` or `REGISTRY_ONLY`) and where it comes from. */
  readonly outboundPolicy: string;
}

/** An earlier route that the request did not match, and why. */
export interface SkippedRoute {
  readonly index: number;
  /** @default - the route has no name */
  readonly name?: string;
  /** The condition that failed, for each match entry of the route (`match[0]: headers[end-user] exact "jason" but absent`). */
  readonly reason: string;
}

/** The VirtualService route (or GAMMA HTTPRoute rule) that takes the request. */
export interface RouteTrace {
  /** The routing object: its `kind` is `VirtualService`, `HTTPRoute` for a Gateway API route whose parent is the Service or a Gateway API Gateway, or `GRPCRoute` at such a Gateway. */
  readonly virtualService: ObjectReference;
  /** `http`, `tcp` or `tls`. */
  readonly kind: string;
  /** Index of the route in `spec.<kind>` (of the VirtualService; at a gateway, of the merged list); of an HTTPRoute, the index in `spec.rules`. */
  readonly index: number;
  /** @default - the route has no name */
  readonly name?: string;
  /** Index of the match entry that matched (of an HTTPRoute rule, in its `matches`). @default - the route has no match (takes every request) */
  readonly matchIndex?: number;
  /** `mesh` for sidecars, or the `namespace/name` of the gateway the VirtualService (or the HTTPRoute, through its parentRefs) is bound to. */
  readonly boundTo: string;
  /**
   * The earlier routes, in order, with the condition that failed. For an HTTPRoute: the rule
   * matches ranked before it by the Gateway API's precedence (most specific first), each reason
   * naming `rules[i].matches[j]`.
   */
  readonly skipped: SkippedRoute[];
}

/** The VirtualService (or GAMMA HTTPRoute) that applied when none of its routes matched. */
export interface UnmatchedTrace {
  readonly virtualService: ObjectReference;
  /** Every route, in order, with the condition that failed. */
  readonly skipped: SkippedRoute[];
}

/** The client TLS of one destination. */
export interface ClientTlsTrace {
  /** `ISTIO_MUTUAL`, `DISABLE` (plaintext), `SIMPLE` or `MUTUAL`. */
  readonly mode: string;
  /** Whether the mode comes from auto mTLS (no DestinationRule sets one). */
  readonly auto: boolean;
  /** Why this mode. */
  readonly reason: string;
}

/** The DestinationRule policy Istio applies to one destination (top-level, subset and port-level merged). */
export interface DestinationPolicyTrace {
  /** @default - no DestinationRule applies */
  readonly destinationRule?: ObjectReference;
  /** `loadBalancer` as merged. @default - Istio's default (LEAST_REQUEST) */
  readonly loadBalancer?: any;
  /** `connectionPool` as merged. @default - Envoy's defaults */
  readonly connectionPool?: any;
  /** `outlierDetection` as merged. @default - none */
  readonly outlierDetection?: any;
  /** Which levels were merged, most specific last (`top-level`, `port 9080`, `subset v2`, `subset v2 port 9080`). */
  readonly levels: string[];
  readonly tls: ClientTlsTrace;
}

/** The server side of one destination: mTLS, authentication and authorization at the workload. */
export interface ServerTrace {
  /** The workload that receives the request. @default - none found in the input */
  readonly workload?: ObjectReference;
  /** Whether the server has a sidecar. */
  readonly hasProxy: boolean;
  /** Container port the request arrives on. */
  readonly port: number;
  /** Effective PeerAuthentication mode: STRICT, PERMISSIVE or DISABLE. */
  readonly mtlsMode: string;
  /** Where the mode comes from (`port`, `workload`, `namespace`, `mesh` or `default`). */
  readonly mtlsLevel: string;
  /** @default - Istio's default (PERMISSIVE) */
  readonly peerAuthentication?: ObjectReference;
  /** Whether the connection is mutual TLS (so the source principal is known). */
  readonly mtls: boolean;
  readonly authentication: AuthenticationTrace;
  readonly authorization: AuthorizationTrace;
}

/** What RequestAuthentication requires of the request at the server. */
export interface AuthenticationTrace {
  /** RequestAuthentication objects that apply to the workload. */
  readonly policies: ObjectReference[];
  /** Issuers whose tokens the workload accepts. */
  readonly issuers: string[];
  /** `none` (no token sent), `valid`, or `invalid` (the request is refused with 401). */
  readonly token: string;
  /** The request principal (`iss/sub`) of a valid token. @default - none */
  readonly requestPrincipal?: string;
  readonly reason: string;
}

/** The AuthorizationPolicy decision at the server, in Istio's order (CUSTOM, DENY, ALLOW). */
export interface AuthorizationTrace {
  /** `ALLOW`, `DENY`, or `CUSTOM` (an external authorizer decides; the simulator cannot). */
  readonly decision: string;
  /** The policy that decided. @default - no policy decided (no ALLOW policy applies, so allowed) */
  readonly policy?: ObjectReference;
  /** Index of the rule that matched in `spec.rules`. @default - no rule matched */
  readonly rule?: number;
  readonly reason: string;
  /** AUDIT policies whose rules match (they log, they do not decide). */
  readonly audited: ObjectReference[];
}

/** One weighted destination of the matched route. */
export interface DestinationTrace {
  readonly host: string;
  /** @default - no subset (every endpoint of the host) */
  readonly subset?: string;
  /** The port the request goes to. @default - the request's port */
  readonly port?: number;
  /** The weight as written (100 for a lone destination). */
  readonly weight: number;
  /** Percentage of requests this destination gets, weights read as shares. */
  readonly share: number;
  readonly policy: DestinationPolicyTrace;
  /** @default - not a workload of the input (external host, or unknown) */
  readonly server?: ServerTrace;
  /** What happens to the requests sent here (`direct-response` when the gateway answers 500 itself for a refused backendRef). */
  readonly outcome: RequestOutcome;
}

/** The retry policy in effect on the route. */
export interface RetryTrace {
  /** Retries after the first attempt (0 = no retry). */
  readonly attempts: number;
  /** @default - none */
  readonly retryOn?: string;
  /** @default - the route timeout bounds each try */
  readonly perTryTimeout?: string;
  /** Whether this is Istio's default policy (the route sets no `retries`). */
  readonly isDefault: boolean;
}

/** A fault of the route. */
export interface FaultTrace {
  /** @default - no delay */
  readonly delay?: string;
  /** Percentage of requests delayed. @default 0 */
  readonly delayPercentage?: number;
  /** @default - no abort */
  readonly abortHttpStatus?: number;
  /** @default - no gRPC abort */
  readonly abortGrpcStatus?: string;
  /** Percentage of requests aborted. @default 0 */
  readonly abortPercentage?: number;
}

/** A mirror of the route. */
export interface MirrorTrace {
  readonly host: string;
  /** @default - no subset */
  readonly subset?: string;
  /** @default - the request's port */
  readonly port?: number;
  /** Percentage of requests mirrored. */
  readonly percentage: number;
}

/** The TLS of the connection to the main destination. */
export interface TlsTrace {
  /** The client's mode (`ISTIO_MUTUAL`, `DISABLE`, `SIMPLE`, `MUTUAL`). */
  readonly client: string;
  /** The server's PeerAuthentication mode (`STRICT`, `PERMISSIVE`, `DISABLE`), or `NONE` without a sidecar. */
  readonly server: string;
}

/** A listener of a Gateway API Gateway that did not take the request, and why. */
export interface SkippedListener {
  /** The listener's `name`. */
  readonly name: string;
  /** Why it did not take the request (port, protocol, or hostname less specific or not matching). */
  readonly reason: string;
}

/** A route that names the Gateway in its parentRefs but does not route the request, and why. */
export interface RefusedRoute {
  /** The HTTPRoute or GRPCRoute. */
  readonly route: ObjectReference;
  /** Why (sectionName or port of its parentRef, allowedRoutes namespaces or kinds, hostnames). */
  readonly reason: string;
}

/**
 * The listener of a Gateway API Gateway (`gateway.networking.k8s.io`, class `istio`) that the
 * request enters, and the routes attached to it that serve the request's host.
 */
export interface ListenerTrace {
  /** The Gateway. */
  readonly gateway: ObjectReference;
  /** The listener's `name` (what a parentRef's `sectionName` names); empty when no listener takes the request, and then `skipped` says why each did not. */
  readonly name: string;
  readonly port: number;
  /** `HTTP` or `HTTPS` (empty when no listener takes the request). */
  readonly protocol: string;
  /** The listener's hostname. @default - the listener takes every host */
  readonly hostname?: string;
  /** The Gateway's other listeners, each with why it did not take the request. */
  readonly skipped: SkippedListener[];
  /** Routes attached to the listener whose hostnames are the most specific match for the request's host; the Gateway API's precedence ranks their rules. */
  readonly routes: ObjectReference[];
  /** Routes whose parentRefs name the Gateway that do not route this request, each with why. */
  readonly refusedRoutes: RefusedRoute[];
}

/** What happens to one request, from the client's proxy to the server's. */
export interface RequestTrace {
  readonly outcome: RequestOutcome;
  /** HTTP status the client sees, when the mesh answers itself (404, 403, 301, fault abort…). @default - the server's */
  readonly statusCode?: number;
  /** One sentence: what happens and why. */
  readonly summary: string;
  readonly request: RequestSummary;
  readonly client: ClientTrace;
  /** For a request through a Gateway API Gateway: the listener it enters and the routes attached to it. @default - not through a Gateway API Gateway */
  readonly listener?: ListenerTrace;
  /** @default - no VirtualService or GAMMA HTTPRoute applies (the request goes to the host as addressed) */
  readonly route?: RouteTrace;
  /** For a 404: the VirtualService (or HTTPRoute) that applied and why each of its routes failed. @default - a route matched, or none applied */
  readonly unmatched?: UnmatchedTrace;
  readonly destinations: DestinationTrace[];
  /** Route timeout (`10s`). @default - none (Istio's default: disabled) */
  readonly timeout?: string;
  /** @default - no retries apply (no route, or the request never leaves the client) */
  readonly retries?: RetryTrace;
  /** @default - no fault */
  readonly fault?: FaultTrace;
  readonly mirrors: MirrorTrace[];
  /** The route's `rewrite`. @default - none */
  readonly rewrite?: any;
  /** The route's `redirect`. @default - none */
  readonly redirect?: any;
  /** The route's `directResponse`. @default - none */
  readonly directResponse?: any;
  /** The route's `headers` operations. @default - none */
  readonly headerOperations?: any;
  /** TLS to the main destination (the one with the largest share). @default - no destination */
  readonly tls?: TlsTrace;
  /** Authorization at the main destination. @default - no destination in the mesh */
  readonly authorization?: AuthorizationTrace;
  /** Things the simulator assumed or could not model. */
  readonly notes: string[];
}
