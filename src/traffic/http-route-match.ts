import { StringMatch } from './string-match';

/**
 * Conditions a request must meet for a route to apply. All conditions given here must hold
 * (AND); give a route several matches for OR.
 */
export interface HttpRouteMatch {
  /**
   * Name of the match, appended to the route's name in Envoy's stats and access logs.
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * Match on the request path.
   * @default - any path
   */
  readonly uri?: StringMatch;

  /**
   * Match on the URI scheme (`http`, `https`).
   * @default - any scheme
   */
  readonly scheme?: StringMatch;

  /**
   * Match on the HTTP method.
   * @default - any method
   */
  readonly method?: StringMatch;

  /**
   * Match on the authority (Host) header.
   * @default - any authority
   */
  readonly authority?: StringMatch;

  /**
   * Match on request headers, by lower-case header name.
   * @default - no header condition
   */
  readonly headers?: { [name: string]: StringMatch };

  /**
   * The request must NOT carry headers matching these.
   * @default - no condition
   */
  readonly withoutHeaders?: { [name: string]: StringMatch };

  /**
   * Match on query parameters.
   * @default - no query condition
   */
  readonly queryParams?: { [name: string]: StringMatch };

  /**
   * Compare the URI case-insensitively.
   * @default false
   */
  readonly ignoreUriCase?: boolean;

  /**
   * Only requests from workloads with these labels (sidecars only; ignored at gateways).
   * @default - requests from any workload
   */
  readonly sourceLabels?: { [key: string]: string };

  /**
   * Only requests from workloads in this namespace.
   * @default - any namespace
   */
  readonly sourceNamespace?: string;

  /**
   * Only requests received on this port of the host.
   * @default - every port
   */
  readonly port?: number;
}

function renderMatchMap(map: { [name: string]: StringMatch } | undefined): any {
  if (!map || Object.keys(map).length === 0) return undefined;
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(map)) out[k] = v.toJson();
  return out;
}

/** Renders an Istio `HTTPMatchRequest`, omitting unset conditions. */
export function renderHttpRouteMatch(m: HttpRouteMatch): any {
  const out: Record<string, any> = {
    name: m.name,
    uri: m.uri?.toJson(),
    scheme: m.scheme?.toJson(),
    method: m.method?.toJson(),
    authority: m.authority?.toJson(),
    headers: renderMatchMap(m.headers),
    withoutHeaders: renderMatchMap(m.withoutHeaders),
    queryParams: renderMatchMap(m.queryParams),
    ignoreUriCase: m.ignoreUriCase,
    sourceLabels: m.sourceLabels && Object.keys(m.sourceLabels).length > 0 ? { ...m.sourceLabels } : undefined,
    sourceNamespace: m.sourceNamespace,
    port: m.port,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
