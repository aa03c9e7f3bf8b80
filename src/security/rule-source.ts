import * as kplus from 'cdk8s-plus-28';
import { Principal } from './principal';
import { RequestPrincipal } from './request-principal';
import { authorizationNamespaceProblem } from '../analysis/validators/hosts';
import { checkIpBlocks, checkNoEmptyStrings, nonEmpty, withoutUndefined } from '../private/checks';
import { RenderContext } from '../private/render-context';

/**
 * Conditions on the caller of a request. All the fields given must hold (AND); the values of
 * one field are alternatives (OR). The `not…` fields list values the caller must not match.
 * At least one field must be set.
 */
export interface RuleSourceOptions {
  /**
   * Peer identities (mutual TLS) the caller must have one of.
   * @default - any
   */
  readonly principals?: Principal[];
  /**
   * Peer identities the caller must not have.
   * @default - none excluded
   */
  readonly notPrincipals?: Principal[];
  /**
   * Namespaces the calling workload must be in (from its mutual TLS identity). A leading or
   * trailing `*` matches a suffix or prefix; `*` alone any namespace.
   * @default - any
   */
  readonly namespaces?: string[];
  /**
   * Namespaces the calling workload must not be in.
   * @default - none excluded
   */
  readonly notNamespaces?: string[];
  /**
   * IP addresses or CIDR ranges of the peer (the connection's source address), e.g. `10.0.0.0/16`.
   * @default - any
   */
  readonly ipBlocks?: string[];
  /**
   * IP addresses or CIDR ranges the peer must not come from.
   * @default - none excluded
   */
  readonly notIpBlocks?: string[];
  /**
   * IP addresses or CIDR ranges of the original client, as found in `X-Forwarded-For` or the
   * PROXY protocol (at an ingress gateway configured for it).
   * @default - any
   */
  readonly remoteIpBlocks?: string[];
  /**
   * Original client addresses to exclude.
   * @default - none excluded
   */
  readonly notRemoteIpBlocks?: string[];
  /**
   * End-user identities from a validated JWT (`<iss>/<sub>`), see RequestAuthentication.
   * @default - any
   */
  readonly requestPrincipals?: RequestPrincipal[];
  /**
   * End-user identities to exclude. `[RequestPrincipal.any()]` matches requests without a
   * valid JWT.
   * @default - none excluded
   */
  readonly notRequestPrincipals?: RequestPrincipal[];
}

/**
 * Who a request comes from: one entry of an authorization rule's `from` list. A rule matches
 * when any one of its sources matches.
 *
 * @example
 * RuleSource.fromServiceAccounts(frontendSa)
 * new RuleSource({ namespaces: ['shop'], notPrincipals: [Principal.fromName('shop', 'batch')] })
 */
export class RuleSource {
  /** Callers with one of these peer identities. */
  public static fromPrincipals(...principals: Principal[]): RuleSource {
    return new RuleSource({ principals });
  }

  /** Callers running as one of these cdk8s-plus service accounts. */
  public static fromServiceAccounts(...serviceAccounts: kplus.IServiceAccount[]): RuleSource {
    return new RuleSource({ principals: serviceAccounts.map((sa) => Principal.fromServiceAccount(sa)) });
  }

  /**
   * Callers that are the pods of these cdk8s-plus workloads (by their service accounts; see
   * `Principal.fromWorkload` for workloads without one).
   */
  public static fromWorkloads(...workloads: kplus.AbstractPod[]): RuleSource {
    return new RuleSource({ principals: workloads.map((w) => Principal.fromWorkload(w)) });
  }

  /** Callers from workloads in one of these namespaces. */
  public static fromNamespaces(...namespaces: string[]): RuleSource {
    return new RuleSource({ namespaces });
  }

  /** Peers whose address is in one of these IP addresses or CIDR ranges. */
  public static fromIpBlocks(...ipBlocks: string[]): RuleSource {
    return new RuleSource({ ipBlocks });
  }

  /** Original clients (per `X-Forwarded-For` / PROXY protocol) in one of these ranges. */
  public static fromRemoteIpBlocks(...remoteIpBlocks: string[]): RuleSource {
    return new RuleSource({ remoteIpBlocks });
  }

  /** Requests carrying a valid JWT of one of these end users. */
  public static fromRequestPrincipals(...requestPrincipals: RequestPrincipal[]): RuleSource {
    return new RuleSource({ requestPrincipals });
  }

  private readonly options: RuleSourceOptions;

  constructor(options: RuleSourceOptions) {
    const ctx = RenderContext.of('RuleSource');
    const set = Object.entries(options ?? {}).filter(([, v]) => Array.isArray(v) && v.length > 0);
    if (set.length === 0) {
      ctx.fail('no field is set; Istio rejects an empty source. Give e.g. principals, namespaces or ipBlocks, or leave the source out of the rule.');
    }
    for (const prop of ['principals', 'notPrincipals'] as const) {
      (options[prop] ?? []).forEach((p, i) => {
        if (!(p instanceof Principal)) ctx.child(`${prop}[${i}]`).fail('is not a Principal; use Principal.fromServiceAccount(), fromWorkload(), fromName() or fromIdentity().');
      });
    }
    for (const prop of ['requestPrincipals', 'notRequestPrincipals'] as const) {
      (options[prop] ?? []).forEach((p, i) => {
        if (!(p instanceof RequestPrincipal)) ctx.child(`${prop}[${i}]`).fail('is not a RequestPrincipal; use RequestPrincipal.of(issuer, subject), fromIssuer() or any().');
      });
    }
    checkNoEmptyStrings(ctx.child('namespaces'), options.namespaces);
    checkNoEmptyStrings(ctx.child('notNamespaces'), options.notNamespaces);
    for (const prop of ['namespaces', 'notNamespaces'] as const) {
      (options[prop] ?? []).forEach((n, i) => {
        const problem = typeof n === 'string' && n.trim() !== '' ? authorizationNamespaceProblem(n) : undefined;
        if (problem) {
          ctx.child(`${prop}[${i}]`).fail(`${problem}, so it never matches (in a DENY policy the rule fails open)`,
            "write a namespace name such as 'shop', or a pattern such as 'team-*'.");
        }
      });
    }
    checkIpBlocks(ctx.child('ipBlocks'), options.ipBlocks);
    checkIpBlocks(ctx.child('notIpBlocks'), options.notIpBlocks);
    checkIpBlocks(ctx.child('remoteIpBlocks'), options.remoteIpBlocks);
    checkIpBlocks(ctx.child('notRemoteIpBlocks'), options.notRemoteIpBlocks);
    this.options = { ...options };
  }

  /**
   * The peer identities of `principals` and `notPrincipals`.
   * @internal
   */
  public _principals(): Principal[] {
    return [...(this.options.principals ?? []), ...(this.options.notPrincipals ?? [])];
  }

  /**
   * The `source` object of the rule, with principals in the mesh's trust domain.
   * @internal
   */
  public _render(ctx: RenderContext): any {
    const o = this.options;
    const ids = (list?: Principal[]) => nonEmpty(list?.map((p) => p.toIdentity(ctx.mesh.trustDomain)));
    const rps = (list?: RequestPrincipal[]) => nonEmpty(list?.map((p) => p.value));
    return withoutUndefined({
      principals: ids(o.principals),
      notPrincipals: ids(o.notPrincipals),
      requestPrincipals: rps(o.requestPrincipals),
      notRequestPrincipals: rps(o.notRequestPrincipals),
      namespaces: nonEmpty(o.namespaces),
      notNamespaces: nonEmpty(o.notNamespaces),
      ipBlocks: nonEmpty(o.ipBlocks),
      notIpBlocks: nonEmpty(o.notIpBlocks),
      remoteIpBlocks: nonEmpty(o.remoteIpBlocks),
      notRemoteIpBlocks: nonEmpty(o.notRemoteIpBlocks),
    });
  }
}
