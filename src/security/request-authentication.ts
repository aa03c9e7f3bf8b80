import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AuthorizationAction } from './authorization-action';
import { AuthorizationPolicy } from './authorization-policy';
import { AuthorizationRule } from './authorization-rule';
import { JwtRule } from './jwt-rule';
import { PolicyTargetReference } from './policy-target';
import { Principal } from './principal';
import { RequestPrincipal } from './request-principal';
import { RuleOperation } from './rule-operation';
import { RuleSource } from './rule-source';
import { WorkloadSelector } from './workload-selector';
import { Mesh } from '../mesh/mesh';
import { checkDuration, checkNoEmptyStrings, checkNoLineBreak, nonEmpty, withoutUndefined } from '../private/checks';
import { policyName, policyNamespace, renderTargetRefs } from '../private/policy-placement';
import { RenderContext } from '../private/render-context';

/** Properties of a {@link RequestAuthentication}. */
export interface RequestAuthenticationProps {
  /**
   * How to validate tokens, one rule per issuer. More can be added with `addJwtRule`.
   * @default - none
   */
  readonly jwtRules?: JwtRule[];

  /**
   * The workloads whose incoming requests are checked.
   * @default - every workload of the namespace
   */
  readonly selector?: WorkloadSelector;

  /**
   * Resources the policy is attached to (a Gateway API Gateway, or a Service for a waypoint),
   * instead of a selector.
   * @default - none
   */
  readonly targetRefs?: PolicyTargetReference[];

  /**
   * Namespace of the policy.
   * @default - the namespace of the selected workload, else the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Put the policy in the mesh's root namespace, so that it applies to workloads of every
   * namespace (those matching `selector`, when one is given).
   * @default false
   */
  readonly meshWide?: boolean;

  /**
   * Name of the RequestAuthentication object.
   * @default - the construct id in lower case
   */
  readonly name?: string;
}

/** Options of {@link RequestAuthentication.requireJwt}. */
export interface RequireJwtOptions {
  /**
   * Which token holders are allowed.
   * @default [RequestPrincipal.any()] - any valid token
   */
  readonly requestPrincipals?: RequestPrincipal[];

  /**
   * Only allow calls from these peers too (e.g. the ingress gateway's identity).
   * @default - any peer
   */
  readonly from?: Principal[];

  /**
   * Paths allowed with a token (Istio's wildcards, see RuleOperationOptions).
   * @default - any path
   */
  readonly paths?: string[];

  /**
   * HTTP methods allowed with a token.
   * @default - any method
   */
  readonly methods?: string[];

  /**
   * Hosts allowed with a token.
   * @default - any host
   */
  readonly hosts?: string[];

  /**
   * Name of the AuthorizationPolicy object.
   * @default - `<name of this RequestAuthentication>-require-jwt`
   */
  readonly name?: string;
}

/**
 * An Istio RequestAuthentication: how workloads validate end-user JWTs.
 *
 * It rejects requests with an invalid token, but lets requests without a token through (with
 * no request principal). To require a token, pair it with an AuthorizationPolicy, e.g. with
 * `requireJwt()`.
 *
 * @example
 * const jwt = new RequestAuthentication(chart, 'frontend-jwt', {
 *   selector: WorkloadSelector.fromMeshService(frontend),
 *   jwtRules: [{ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/.well-known/jwks.json' }],
 * });
 * jwt.requireJwt({ paths: ['/app/*'] });
 */
export class RequestAuthentication extends Construct {
  /** Name of the RequestAuthentication object. */
  public readonly name: string;
  /** Namespace of the RequestAuthentication object. */
  public readonly namespace: string;
  /** The workloads whose requests are checked, if the policy has a selector. */
  public readonly selector?: WorkloadSelector;
  /** The mesh the policy belongs to. */
  public readonly mesh: Mesh;
  /** The emitted RequestAuthentication object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  private readonly rules: JwtRule[] = [];
  private readonly targetRefs?: PolicyTargetReference[];
  private readonly meshWide: boolean;
  private requirements = 0;

  constructor(scope: Construct, id: string, props: RequestAuthenticationProps = {}) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    this.name = policyName(this, props.name);
    this.namespace = policyNamespace(this, this.mesh, props, { selectorInRoot: true });
    this.selector = props.selector;
    this.meshWide = props.meshWide ?? false;
    this.targetRefs = props.targetRefs ? [...props.targetRefs] : undefined;
    renderTargetRefs(RenderContext.of(this.node.path).child('targetRefs'), this.targetRefs);

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.mesh.securityApiVersion,
      kind: 'RequestAuthentication',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    (props.jwtRules ?? []).forEach((r, i) => this.addRule(r, `jwtRules[${i}]`));
  }

  /** Adds how to validate the tokens of one more issuer. */
  public addJwtRule(rule: JwtRule): void {
    this.addRule(rule, `addJwtRule(${JSON.stringify(rule?.issuer)})`);
  }

  /** The issuers whose tokens are accepted. */
  public get issuers(): string[] {
    return this.rules.map((r) => r.issuer);
  }

  /**
   * Requires a valid JWT: creates an ALLOW AuthorizationPolicy for the same workloads that
   * allows requests carrying a valid token (of the given request principals), optionally only
   * on some paths, methods or hosts and from some peers.
   *
   * The policy is an ALLOW policy, and ALLOW policies add up: once a workload has one, requests
   * no ALLOW policy matches are denied, and a request any ALLOW policy matches is allowed. So:
   * - alone, `requireJwt({ paths })` also denies every other path (with or without a token):
   *   add ALLOW policies for what else the workloads serve;
   * - next to another ALLOW policy on the same pods (e.g. `AuthorizationPolicy.allowCallers`),
   *   whatever that policy allows needs no token, on these paths too; the analysis warns
   *   (`authorizationpolicy-jwt-bypassed`). To refuse tokenless requests whatever the ALLOW
   *   policies say, write a DENY policy with `notRequestPrincipals: [RequestPrincipal.any()]`
   *   on the paths instead, or give the other policy the token requirement.
   */
  public requireJwt(options: RequireJwtOptions = {}): AuthorizationPolicy {
    const where = this.node.path;
    const requestPrincipals = options.requestPrincipals ?? [RequestPrincipal.any()];
    if (requestPrincipals.length === 0) {
      throw new Error(`${where}: requireJwt(): requestPrincipals is empty, which would allow requests without a token; leave it out to accept any valid token.`);
    }
    for (const prop of ['paths', 'methods', 'hosts'] as const) checkNoEmptyStrings(RenderContext.of(`${where}: requireJwt()`).child(prop), options[prop]);
    const from = [new RuleSource({ requestPrincipals, principals: nonEmpty(options.from) })];
    const hasOperation = [options.paths, options.methods, options.hosts].some((l) => l !== undefined && l.length > 0);
    const to = hasOperation ? [new RuleOperation({ paths: options.paths, methods: options.methods, hosts: options.hosts })] : undefined;
    this.requirements += 1;
    const id = this.requirements === 1 ? 'RequireJwt' : `RequireJwt${this.requirements}`;
    const suffix = this.requirements === 1 ? '' : `-${this.requirements}`;
    return new AuthorizationPolicy(this, id, {
      name: options.name ?? `${this.name}-require-jwt${suffix}`,
      namespace: this.namespace,
      selector: this.selector,
      targetRefs: this.targetRefs,
      meshWide: this.meshWide || undefined,
      action: AuthorizationAction.ALLOW,
      rules: [new AuthorizationRule({ from, to })],
    });
  }

  private addRule(rule: JwtRule, prop: string): void {
    const where = this.node.path;
    if (typeof rule?.issuer !== 'string' || rule.issuer.trim() === '') {
      RenderContext.of(where).child(`${prop}.issuer`).fail(`is ${JSON.stringify(rule?.issuer)}; give the token issuer (its iss claim), e.g. 'https://auth.example.com'.`);
    }
    if (this.rules.some((r) => r.issuer === rule.issuer)) {
      throw new Error(`${where}: ${prop}: issuer '${rule.issuer}' already has a rule; give each issuer one rule.`);
    }
    if (rule.jwksUri !== undefined && rule.jwks !== undefined) {
      throw new Error(`${where}: ${prop}: set either jwksUri or jwks, not both.`);
    }
    if (rule.jwksUri !== undefined) {
      let scheme: string | undefined;
      try {
        scheme = new URL(rule.jwksUri).protocol;
      } catch {
        scheme = undefined;
      }
      if (scheme !== 'http:' && scheme !== 'https:') {
        RenderContext.of(where).child(`${prop}.jwksUri`).fail(`'${rule.jwksUri}' is not an http:// or https:// URL; write e.g. 'https://auth.example.com/.well-known/jwks.json'.`);
      }
    }
    if (rule.jwks !== undefined) {
      let parsed: any;
      try {
        parsed = JSON.parse(rule.jwks);
      } catch {
        parsed = undefined;
      }
      const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
      const keySet = isObject && Array.isArray(parsed.keys) && parsed.keys.length > 0;
      const singleKey = isObject && typeof parsed.kty === 'string';
      if (!keySet && !singleKey) {
        RenderContext.of(where).child(`${prop}.jwks`).fail('is not a JSON Web Key Set with at least one key; give a JSON document like \'{"keys":[{"kty":"RSA","e":"AQAB","n":"..."}]}\', or use jwksUri.');
      }
    }
    for (const field of ['audiences', 'fromParams', 'fromCookies', 'spaceDelimitedClaims'] as const) {
      checkNoEmptyStrings(RenderContext.of(where).child(`${prop}.${field}`), rule[field]);
    }
    (rule.fromHeaders ?? []).forEach((h, i) => {
      if (typeof h?.name !== 'string' || h.name.trim() === '') {
        RenderContext.of(where).child(`${prop}.fromHeaders[${i}].name`).fail(`is ${JSON.stringify(h?.name)}; give a header name, e.g. 'Authorization'.`);
      }
      // Istio passes the name on and Envoy refuses the whole JWT filter, so the pods keep their old config.
      checkNoLineBreak(RenderContext.of(where).child(`${prop}.fromHeaders[${i}].name`), h.name,
        "name the header only, on one line, e.g. 'Authorization' with prefix 'Bearer ', or 'x-jwt-assertion'");
    });
    (rule.outputClaimToHeaders ?? []).forEach((c, i) => {
      if (typeof c?.header !== 'string' || !/^[-_A-Za-z0-9]+$/.test(c.header)) {
        RenderContext.of(where).child(`${prop}.outputClaimToHeaders[${i}].header`).fail(`is ${JSON.stringify(c?.header)}; use letters, digits, '-' and '_', e.g. 'x-user-id'.`);
      }
      if (typeof c.claim !== 'string' || c.claim.trim() === '') {
        RenderContext.of(where).child(`${prop}.outputClaimToHeaders[${i}].claim`).fail(`is ${JSON.stringify(c.claim)}; give a claim name, e.g. 'sub'.`);
      }
    });
    if (rule.outputPayloadToHeader !== undefined && (typeof rule.outputPayloadToHeader !== 'string' || rule.outputPayloadToHeader.trim() === '')) {
      RenderContext.of(where).child(`${prop}.outputPayloadToHeader`).fail(`is ${JSON.stringify(rule.outputPayloadToHeader)}; give a header name or leave it out.`);
    }
    checkNoLineBreak(RenderContext.of(where).child(`${prop}.outputPayloadToHeader`), rule.outputPayloadToHeader, "write the header name on one line, e.g. 'x-jwt-payload'");
    checkDuration(RenderContext.of(where).child(`${prop}.timeout`), rule.timeout);
    this.rules.push({ ...rule });
  }

  private renderRule(rule: JwtRule, i: number): any {
    return withoutUndefined({
      issuer: rule.issuer,
      audiences: nonEmpty(rule.audiences),
      jwksUri: rule.jwksUri,
      jwks: rule.jwks,
      fromHeaders: nonEmpty(rule.fromHeaders?.map((h) => withoutUndefined({ name: h.name, prefix: h.prefix }))),
      fromParams: nonEmpty(rule.fromParams),
      fromCookies: nonEmpty(rule.fromCookies),
      outputPayloadToHeader: rule.outputPayloadToHeader,
      forwardOriginalToken: rule.forwardOriginalToken,
      outputClaimToHeaders: nonEmpty(rule.outputClaimToHeaders?.map((c) => ({ header: c.header, claim: c.claim }))),
      spaceDelimitedClaims: nonEmpty(rule.spaceDelimitedClaims),
      timeout: checkDuration(RenderContext.of(this.node.path).child(`jwtRules[${i}].timeout`), rule.timeout),
    });
  }

  private renderSpec(): any {
    const spec: any = {};
    if (this.selector) spec.selector = this.selector._render(RenderContext.of(this.node.path).child('selector'));
    const targetRefs = renderTargetRefs(RenderContext.of(this.node.path).child('targetRefs'), this.targetRefs);
    if (targetRefs) spec.targetRefs = targetRefs;
    if (this.rules.length > 0) spec.jwtRules = this.rules.map((r, i) => this.renderRule(r, i));
    return spec;
  }
}
