import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Who sends a simulated request. */
export class RequestSource {
  /**
   * A workload of the input, by namespace and name (a Deployment, StatefulSet, DaemonSet, Job,
   * ReplicaSet or Pod). Its pod labels and service account are read from its pod template.
   */
  public static workload(namespace: string, name: string): RequestSource {
    return new RequestSource('workload', namespace, name, {});
  }

  /**
   * A workload construct of the app: a cdk8s-plus workload, or an `ApiObject` of a workload kind.
   */
  public static fromWorkload(workload: IConstruct): RequestSource {
    const api = workload instanceof ApiObject ? workload : ApiObject.of(workload);
    const manifest = api.toJson();
    const namespace = manifest?.metadata?.namespace ?? 'default';
    return new RequestSource('workload', namespace, api.name, {});
  }

  /**
   * A pod running as a service account (`NAMESPACE/SERVICEACCOUNT` on the command line). When a
   * workload of the input runs as it, its labels are used.
   */
  public static serviceAccount(namespace: string, serviceAccount: string): RequestSource {
    return new RequestSource('service-account', namespace, serviceAccount, {});
  }

  /** A pod with these labels, as an injected sidecar would see it. */
  public static pod(namespace: string, labels: { [key: string]: string }, serviceAccount?: string): RequestSource {
    return new RequestSource('labels', namespace, serviceAccount ?? 'default', { ...labels });
  }

  /**
   * The ingress gateway that runs the Gateway `namespace/name`: the request arrives at the
   * gateway's port and host (from the URL).
   *
   * For an Istio Gateway (`networking.istio.io`), the VirtualServices bound to it route the
   * request. For a Gateway API Gateway (`gateway.networking.k8s.io`, class `istio`), the request
   * enters the listener whose port, protocol and hostname take it, and the HTTPRoutes and
   * GRPCRoutes attached to that listener (parentRefs, allowedRoutes, hostnames) route it in the
   * Gateway API's precedence; the trace's `listener` says which listener and routes, and why
   * others did not take it. When the input has both kinds under this name the Istio Gateway is
   * used (the trace notes it); {@link RequestSource.viaGatewayApi} picks the other.
   */
  public static viaGateway(namespace: string, name: string): RequestSource {
    return new RequestSource('gateway', namespace, name, {});
  }

  /**
   * The gateway Istio deploys for the Gateway API Gateway (`gateway.networking.k8s.io`, class
   * `istio`) `namespace/name`, even when an Istio Gateway has the same name.
   */
  public static viaGatewayApi(namespace: string, name: string): RequestSource {
    return new RequestSource('gateway-api', namespace, name, {});
  }

  /** A client without an Istio proxy (outside the mesh, or a pod without sidecar in `namespace`). */
  public static outsideMesh(namespace?: string): RequestSource {
    return new RequestSource('outside-mesh', namespace ?? '', '', {});
  }

  private constructor(
    /** `workload`, `service-account`, `labels`, `gateway`, `gateway-api` or `outside-mesh`. */
    public readonly kind: string,
    /** Namespace of the client, or of the Gateway. */
    public readonly namespace: string,
    /** Workload name, service account, or Gateway name. */
    public readonly name: string,
    /** Pod labels given for `pod`. */
    public readonly labels: { [key: string]: string },
  ) {}
}

/** Where a simulated request goes. */
export class RequestTarget {
  /**
   * A URL: `http://reviews:9080/reviews/1`, `http://reviews.bookinfo/`, `https://api.example.com`.
   * The port defaults to 80 for http and 443 for https.
   */
  public static url(url: string): RequestTarget {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`RequestTarget.url: "${url}" is not a URL; write it as scheme://host[:port][/path], e.g. http://reviews.bookinfo:9080/reviews/1`);
    }
    const scheme = parsed.protocol.replace(/:$/, '');
    if (scheme !== 'http' && scheme !== 'https') {
      throw new Error(`RequestTarget.url: scheme "${scheme}" of "${url}" is not simulated; use http:// or https://`);
    }
    const port = parsed.port !== '' ? Number(parsed.port) : undefined;
    const path = `${parsed.pathname || '/'}${parsed.search}`;
    return new RequestTarget(parsed.hostname.toLowerCase(), port, path, scheme);
  }

  /** A host (`reviews`, `reviews.bookinfo.svc.cluster.local`, `api.example.com`) and optional port. */
  public static host(host: string, port?: number): RequestTarget {
    return new RequestTarget(host.toLowerCase(), port, undefined, undefined);
  }

  private constructor(
    /** The host as the client addresses it. */
    public readonly hostname: string,
    /** The port, when given. */
    public readonly port?: number,
    /** Path and query, when a URL gave them. */
    public readonly path?: string,
    /** `http` or `https`, when a URL gave it. */
    public readonly scheme?: string,
  ) {}
}

/** A JWT the request carries, as RequestAuthentication would read it once its signature is checked. */
export interface SimulatedJwt {
  /** The `iss` claim. */
  readonly issuer: string;
  /** The `sub` claim. */
  readonly subject: string;
  /**
   * The `aud` claim.
   * @default - no audience
   */
  readonly audiences?: string[];
  /**
   * Other claims, for `request.auth.claims[...]` conditions.
   * @default - none
   */
  readonly claims?: { [name: string]: string };
  /**
   * Whether the token fails verification (bad signature, expired): Istio refuses it with 401.
   * @default false
   */
  readonly invalid?: boolean;
}

/** One request to simulate. */
export interface SimulatedRequestProps {
  /** Where the request goes. */
  readonly to: RequestTarget;
  /**
   * Who sends it.
   * @default - a sidecar-injected pod of the `default` namespace running as service account `default`
   */
  readonly from?: RequestSource;
  /**
   * The port, overriding the URL's.
   * @default - the URL's port, else the host's only Service port, else 80 (443 for https)
   */
  readonly port?: number;
  /**
   * HTTP method.
   * @default 'GET'
   */
  readonly method?: string;
  /**
   * Path (and query), overriding the URL's.
   * @default - the URL's path, else '/'
   */
  readonly path?: string;
  /**
   * Request headers (names are matched case-insensitively).
   * @default - none
   */
  readonly headers?: { [name: string]: string };
  /**
   * A JWT the request carries.
   * @default - no token
   */
  readonly jwt?: SimulatedJwt;
}
