import { authorizationHostProblem } from '../analysis/validators/hosts';
import { checkNoEmptyStrings, checkPort, nonEmpty, withoutUndefined } from '../private/checks';
import { RenderContext } from '../private/render-context';

/**
 * Conditions on what a request does. All the fields given must hold (AND); the values of one
 * field are alternatives (OR). At least one field must be set.
 *
 * Hosts, methods and paths are HTTP only: a rule using them never matches plain TCP traffic.
 *
 * Paths and hosts are matched exactly, except for Istio's wildcards:
 * - prefix: a trailing `*`, e.g. `/api/*` matches `/api/` and everything under it;
 * - suffix: a leading `*`, e.g. `*.js`;
 * - presence: `*` alone matches any non-empty value;
 * - path templates (recent Istio releases): `{*}` matches one path segment and `{**}` one or
 *   more (it must come last), e.g. `/users/{*}/orders`.
 * A `*` anywhere else is not a wildcard. Paths are matched after Istio normalises them, without
 * the query string.
 */
export interface RuleOperationOptions {
  /**
   * Hosts (HTTP `Host`/`:authority` header) the request must name, compared with the header
   * as sent, port included when the client sends one: add `example.com:*` to match those too.
   * @default - any
   */
  readonly hosts?: string[];
  /**
   * Hosts the request must not name.
   * @default - none excluded
   */
  readonly notHosts?: string[];
  /**
   * Ports the request must be received on: the workload's (container) port, not the Service port.
   * @default - any
   */
  readonly ports?: number[];
  /**
   * Ports to exclude.
   * @default - none excluded
   */
  readonly notPorts?: number[];
  /**
   * HTTP methods (case-sensitive, e.g. `GET`); for gRPC always `POST`.
   * @default - any
   */
  readonly methods?: string[];
  /**
   * HTTP methods to exclude.
   * @default - none excluded
   */
  readonly notMethods?: string[];
  /**
   * Request paths, with the wildcards above; for gRPC `/package.Service/Method`.
   * @default - any
   */
  readonly paths?: string[];
  /**
   * Request paths to exclude.
   * @default - none excluded
   */
  readonly notPaths?: string[];
}

/**
 * What a request does: one entry of an authorization rule's `to` list. A rule matches when any
 * one of its operations matches.
 *
 * @example
 * new RuleOperation({ methods: ['GET'], paths: ['/api/*'] })
 */
export class RuleOperation {
  /** Requests to one of these paths (see RuleOperationOptions for the wildcards). */
  public static onPaths(...paths: string[]): RuleOperation {
    return new RuleOperation({ paths });
  }

  /** Requests with one of these HTTP methods. */
  public static onMethods(...methods: string[]): RuleOperation {
    return new RuleOperation({ methods });
  }

  /** Requests received on one of these (container) ports. */
  public static onPorts(...ports: number[]): RuleOperation {
    return new RuleOperation({ ports });
  }

  /** Requests for one of these hosts. */
  public static onHosts(...hosts: string[]): RuleOperation {
    return new RuleOperation({ hosts });
  }

  private readonly options: RuleOperationOptions;

  constructor(options: RuleOperationOptions) {
    const ctx = RenderContext.of('RuleOperation');
    const set = Object.entries(options ?? {}).filter(([, v]) => Array.isArray(v) && v.length > 0);
    if (set.length === 0) {
      ctx.fail('no field is set; Istio rejects an empty operation. Give e.g. methods, paths or ports, or leave the operation out of the rule.');
    }
    for (const prop of ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'] as const) {
      checkNoEmptyStrings(ctx.child(prop), options[prop]);
    }
    for (const prop of ['hosts', 'notHosts'] as const) {
      (options[prop] ?? []).forEach((h, i) => {
        const problem = typeof h === 'string' && h.trim() !== '' ? authorizationHostProblem(h) : undefined;
        if (problem) {
          ctx.child(`${prop}[${i}]`).fail(`is ${JSON.stringify(h)}, which ${problem}, so it never matches (in a DENY policy the rule fails open)`,
            "write the host as clients send it, e.g. 'api.example.com' or '*.example.com'.");
        }
      });
    }
    for (const prop of ['ports', 'notPorts'] as const) {
      (options[prop] ?? []).forEach((p, i) => checkPort(ctx.child(`${prop}[${i}]`), p));
    }
    this.options = { ...options };
  }

  /**
   * The `operation` object of the rule.
   * @internal
   */
  public _render(_ctx: RenderContext): any {
    const o = this.options;
    const ports = (list?: number[]) => nonEmpty(list?.map((p) => String(p)));
    return withoutUndefined({
      hosts: nonEmpty(o.hosts),
      notHosts: nonEmpty(o.notHosts),
      ports: ports(o.ports),
      notPorts: ports(o.notPorts),
      methods: nonEmpty(o.methods),
      notMethods: nonEmpty(o.notMethods),
      paths: nonEmpty(o.paths),
      notPaths: nonEmpty(o.notPaths),
    });
  }
}
