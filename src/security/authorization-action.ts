/**
 * What an AuthorizationPolicy does with the requests its rules match.
 *
 * Istio evaluates CUSTOM policies first, then DENY, then ALLOW: a request matched by a DENY
 * policy is denied; when a workload has ALLOW policies, a request matched by none of them is
 * denied. AUDIT policies only mark requests for an audit plugin.
 */
export class AuthorizationAction {
  /** Allow matched requests (and, once a workload has an ALLOW policy, deny the rest). */
  public static readonly ALLOW = new AuthorizationAction('ALLOW');
  /** Deny matched requests. */
  public static readonly DENY = new AuthorizationAction('DENY');
  /** Mark matched requests for auditing; does not allow or deny. */
  public static readonly AUDIT = new AuthorizationAction('AUDIT');

  /**
   * Delegate the decision on matched requests to an external authorizer: the extension provider
   * `provider`, declared in the mesh config's `extensionProviders`.
   */
  public static custom(provider: string): AuthorizationAction {
    if (typeof provider !== 'string' || provider.trim() === '') {
      throw new Error(`AuthorizationAction.custom(): provider is ${JSON.stringify(provider)}; give the name of an extension provider of the mesh config, e.g. 'my-ext-authz'.`);
    }
    return new AuthorizationAction('CUSTOM', provider);
  }

  /** The action as written in a policy: `ALLOW`, `DENY`, `AUDIT` or `CUSTOM`. */
  public readonly value: string;
  /** The extension provider of a CUSTOM action. */
  public readonly provider?: string;

  private constructor(value: string, provider?: string) {
    this.value = value;
    this.provider = provider;
  }
}
