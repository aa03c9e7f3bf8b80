import { checkNoEmptyStrings, nonEmpty, withoutUndefined } from '../private/checks';
import { RenderContext } from '../private/render-context';

/**
 * A key of an authorization rule's `when` condition, from Istio's "Authorization Policy
 * Conditions". Keys marked HTTP only never match plain TCP traffic; `source.*` identities
 * and `connection.sni` need mutual TLS.
 */
export class ConditionKey {
  /** `source.ip`: the peer's address (single IP or CIDR values). */
  public static readonly SOURCE_IP = new ConditionKey('source.ip');
  /** `remote.ip`: the original client's address per `X-Forwarded-For` or PROXY protocol. */
  public static readonly REMOTE_IP = new ConditionKey('remote.ip');
  /** `source.namespace`: the calling workload's namespace (mutual TLS). */
  public static readonly SOURCE_NAMESPACE = new ConditionKey('source.namespace');
  /** `source.principal`: the calling workload's identity (mutual TLS). */
  public static readonly SOURCE_PRINCIPAL = new ConditionKey('source.principal');
  /** `request.auth.principal`: `<iss>/<sub>` of the validated JWT (HTTP only). */
  public static readonly REQUEST_AUTH_PRINCIPAL = new ConditionKey('request.auth.principal');
  /** `request.auth.audiences`: the `aud` claim of the validated JWT (HTTP only). */
  public static readonly REQUEST_AUTH_AUDIENCES = new ConditionKey('request.auth.audiences');
  /** `request.auth.presenter`: the `azp` claim of the validated JWT (HTTP only). */
  public static readonly REQUEST_AUTH_PRESENTER = new ConditionKey('request.auth.presenter');
  /** `destination.ip`: the address the request was sent to. */
  public static readonly DESTINATION_IP = new ConditionKey('destination.ip');
  /** `destination.port`: the port the request was received on. */
  public static readonly DESTINATION_PORT = new ConditionKey('destination.port');
  /** `connection.sni`: the TLS server name of the connection. */
  public static readonly CONNECTION_SNI = new ConditionKey('connection.sni');

  /** `request.headers[<name>]`: an HTTP request header (HTTP only). */
  public static requestHeader(name: string): ConditionKey {
    if (typeof name !== 'string' || name.trim() === '' || /[[\]\s]/.test(name)) {
      throw new Error(`ConditionKey.requestHeader(): ${JSON.stringify(name)} is not a header name; write e.g. 'User-Agent' (without brackets).`);
    }
    return new ConditionKey(`request.headers[${name}]`);
  }

  /**
   * `request.auth.claims[<claim>]` of the validated JWT (HTTP only). Give several names for a
   * nested claim: `requestAuthClaim('realm_access', 'roles')` is
   * `request.auth.claims[realm_access][roles]`.
   */
  public static requestAuthClaim(...claimPath: string[]): ConditionKey {
    if (claimPath.length === 0) {
      throw new Error('ConditionKey.requestAuthClaim(): give the claim name, e.g. requestAuthClaim(\'groups\').');
    }
    claimPath.forEach((c, i) => {
      if (typeof c !== 'string' || c.trim() === '' || /[[\]]/.test(c)) {
        throw new Error(`ConditionKey.requestAuthClaim(): claim name ${i} is ${JSON.stringify(c)}; give a non-empty name without brackets.`);
      }
    });
    return new ConditionKey(`request.auth.claims${claimPath.map((c) => `[${c}]`).join('')}`);
  }

  /**
   * Any other key, written as Istio takes it (e.g. `experimental.envoy.filters.…`). The
   * analysis reports keys Istio does not support.
   */
  public static of(key: string): ConditionKey {
    if (typeof key !== 'string' || key.trim() === '') {
      throw new Error(`ConditionKey.of(): ${JSON.stringify(key)} is not a key; write e.g. 'source.ip'.`);
    }
    return new ConditionKey(key);
  }

  /** The key as written in a policy. */
  public readonly key: string;

  private constructor(key: string) {
    this.key = key;
  }
}

/** A `when` condition: a key and the values it must, or must not, have. */
export interface RuleConditionOptions {
  /** What the condition looks at. */
  readonly key: ConditionKey;
  /**
   * Values of which the key must have one. Strings match exactly, or with a leading or
   * trailing `*` as a suffix or prefix; IP keys take addresses or CIDR ranges.
   * @default - any value (then set `notValues`)
   */
  readonly values?: string[];
  /**
   * Values the key must not have.
   * @default - none excluded (then set `values`)
   */
  readonly notValues?: string[];
}

/**
 * An extra condition of an authorization rule (`when`). A rule matches only when all its
 * conditions hold.
 *
 * @example
 * RuleCondition.matches(ConditionKey.requestHeader('x-tenant'), 'acme')
 * RuleCondition.notMatches(ConditionKey.SOURCE_IP, '10.1.0.0/16')
 */
export class RuleCondition {
  /** The key must have one of `values`. */
  public static matches(key: ConditionKey, ...values: string[]): RuleCondition {
    return new RuleCondition({ key, values });
  }

  /** The key must have none of `values`. */
  public static notMatches(key: ConditionKey, ...values: string[]): RuleCondition {
    return new RuleCondition({ key, notValues: values });
  }

  /** The key this condition looks at. */
  public readonly key: ConditionKey;
  private readonly values?: string[];
  private readonly notValues?: string[];

  constructor(options: RuleConditionOptions) {
    if (!(options?.key instanceof ConditionKey)) {
      throw new Error('RuleCondition: key must be a ConditionKey, e.g. ConditionKey.SOURCE_IP or ConditionKey.requestHeader(\'x-tenant\').');
    }
    const where = `RuleCondition(${options.key.key})`;
    if ((options.values ?? []).length === 0 && (options.notValues ?? []).length === 0) {
      throw new Error(`${where}: set values or notValues; Istio rejects a condition with neither.`);
    }
    checkNoEmptyStrings(RenderContext.of(where).child('values'), options.values);
    checkNoEmptyStrings(RenderContext.of(where).child('notValues'), options.notValues);
    this.key = options.key;
    this.values = options.values ? [...options.values] : undefined;
    this.notValues = options.notValues ? [...options.notValues] : undefined;
  }

  /**
   * The `when` entry.
   * @internal
   */
  public _render(_ctx: RenderContext): any {
    return withoutUndefined({ key: this.key.key, values: nonEmpty(this.values), notValues: nonEmpty(this.notValues) });
  }
}
