import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AuthorizationAction } from './authorization-action';
import { AuthorizationRule } from './authorization-rule';
import { PolicyTargetReference } from './policy-target';
import { Principal } from './principal';
import { RuleOperation, RuleOperationOptions } from './rule-operation';
import { RuleSource } from './rule-source';
import { WorkloadSelector } from './workload-selector';
import { Mesh } from '../mesh/mesh';
import { MeshService } from '../mesh/mesh-service';
import { checkNoEmptyStrings } from '../private/checks';
import { policyName, policyNamespace, renderTargetRefs } from '../private/policy-placement';
import { RenderContext } from '../private/render-context';

/** Properties of an {@link AuthorizationPolicy}. */
export interface AuthorizationPolicyProps {
  /**
   * Name of the AuthorizationPolicy object.
   * @default - the construct id in lower case
   */
  readonly name?: string;

  /**
   * Namespace of the policy. Without `selector` and `targetRefs` the policy applies to every
   * workload of this namespace.
   * @default - the namespace of the selected workload, else the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Put the policy in the mesh's root namespace (`Mesh.rootNamespace`), so that it applies to
   * workloads of every namespace (those matching `selector`, when one is given).
   * @default false
   */
  readonly meshWide?: boolean;

  /**
   * The workloads the policy applies to. Cannot be combined with `targetRefs`.
   * @default - every workload of the namespace
   */
  readonly selector?: WorkloadSelector;

  /**
   * Resources the policy is attached to (a Gateway API Gateway, or a Service for a waypoint in
   * ambient mode), instead of a selector.
   * @default - none: the policy applies through its selector or to the namespace
   */
  readonly targetRefs?: PolicyTargetReference[];

  /**
   * What to do with matched requests.
   * @default AuthorizationAction.ALLOW
   */
  readonly action?: AuthorizationAction;

  /**
   * Rules; a request is matched when any rule matches. An ALLOW policy without rules allows
   * nothing; a DENY policy without rules denies nothing. More can be added with `addRule`.
   * @default - no rules
   */
  readonly rules?: AuthorizationRule[];
}

/** Options of {@link AuthorizationPolicy.denyAll}. */
export interface DenyAllOptions {
  /**
   * Namespace to close.
   * @default - the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Close every namespace: put the policy in the mesh's root namespace.
   * @default false
   */
  readonly meshWide?: boolean;

  /**
   * Name of the AuthorizationPolicy object.
   * @default - the construct id in lower case
   */
  readonly name?: string;
}

/** Options of {@link AuthorizationPolicy.allowCallers}. */
export interface AllowCallersOptions {
  /** The service whose pods accept the calls. */
  readonly to: MeshService;

  /**
   * The callers' identities (at least one), e.g. `Principal.fromServiceAccount(frontendSa)`.
   * Calls are recognised by their mutual TLS identity.
   */
  readonly from: Principal[];

  /**
   * HTTP methods allowed, e.g. `['GET']`.
   * @default - any method
   */
  readonly methods?: string[];

  /**
   * Paths allowed, with Istio's wildcards (`/api/*` prefix, `*.js` suffix, `*` any); see
   * RuleOperationOptions.
   * @default - any path
   */
  readonly paths?: string[];

  /**
   * Ports allowed: the workload's container ports, not the Service ports.
   * @default - any port
   */
  readonly ports?: number[];

  /**
   * Name of the AuthorizationPolicy object.
   * @default - the construct id in lower case
   */
  readonly name?: string;
}

/**
 * An Istio AuthorizationPolicy: access control for workloads, by caller identity, request
 * operation and conditions.
 *
 * @example
 * // close the namespace, then open what is needed
 * AuthorizationPolicy.denyAll(chart, 'deny-all');
 * AuthorizationPolicy.allowCallers(chart, 'backend-callers', {
 *   to: backend,
 *   from: [Principal.fromServiceAccount(frontendSa)],
 *   methods: ['GET'],
 *   paths: ['/api/*'],
 * });
 */
export class AuthorizationPolicy extends Construct {
  /**
   * Denies every request to every workload of a namespace (or of the mesh) that no other ALLOW
   * policy allows: an ALLOW policy with no rules, Istio's "allow-nothing" policy.
   */
  public static denyAll(scope: Construct, id: string, options: DenyAllOptions = {}): AuthorizationPolicy {
    return new AuthorizationPolicy(scope, id, {
      name: options.name,
      namespace: options.namespace,
      meshWide: options.meshWide,
      action: AuthorizationAction.ALLOW,
    });
  }

  /**
   * Allows the given callers to call a mesh service (optionally only some methods, paths and
   * ports): an ALLOW policy selecting the service's pods. Other callers are then denied.
   */
  public static allowCallers(scope: Construct, id: string, options: AllowCallersOptions): AuthorizationPolicy {
    const where = `${scope.node.path}/${id}`;
    if (!(options?.to instanceof MeshService)) {
      throw new Error(`${where}: allowCallers() needs to: a MeshService.`);
    }
    if (!Array.isArray(options.from) || options.from.length === 0) {
      throw new Error(`${where}: allowCallers() needs at least one caller in from, e.g. [Principal.fromServiceAccount(frontendSa)]; to allow any authenticated caller use [Principal.any()].`);
    }
    checkNoEmptyStrings(RenderContext.of(where).child('methods'), options.methods);
    checkNoEmptyStrings(RenderContext.of(where).child('paths'), options.paths);
    const operation: RuleOperationOptions = { methods: options.methods, paths: options.paths, ports: options.ports };
    const hasOperation = [options.methods, options.paths, options.ports].some((l) => l !== undefined && l.length > 0);
    return new AuthorizationPolicy(scope, id, {
      name: options.name,
      selector: WorkloadSelector.fromMeshService(options.to),
      action: AuthorizationAction.ALLOW,
      rules: [new AuthorizationRule({
        from: [RuleSource.fromPrincipals(...options.from)],
        to: hasOperation ? [new RuleOperation(operation)] : undefined,
      })],
    });
  }

  /** Name of the AuthorizationPolicy object. */
  public readonly name: string;
  /** Namespace of the AuthorizationPolicy object. */
  public readonly namespace: string;
  /** What the policy does with matched requests. */
  public readonly action: AuthorizationAction;
  /** The workloads the policy applies to, if it has a selector. */
  public readonly selector?: WorkloadSelector;
  /** The mesh the policy belongs to. */
  public readonly mesh: Mesh;
  /** The emitted AuthorizationPolicy object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  private readonly _rules: AuthorizationRule[] = [];
  private readonly targetRefs?: PolicyTargetReference[];

  constructor(scope: Construct, id: string, props: AuthorizationPolicyProps = {}) {
    super(scope, id);
    this.mesh = Mesh.of(this);
    this.name = policyName(this, props.name);
    this.namespace = policyNamespace(this, this.mesh, props, { selectorInRoot: true });
    const action = props.action ?? AuthorizationAction.ALLOW;
    if (!(action instanceof AuthorizationAction)) {
      throw new Error(`${this.node.path}: action must be an AuthorizationAction, e.g. AuthorizationAction.DENY or AuthorizationAction.custom('my-ext-authz').`);
    }
    this.action = action;
    this.selector = props.selector;
    this.targetRefs = props.targetRefs ? [...props.targetRefs] : undefined;
    renderTargetRefs(RenderContext.of(this.node.path).child('targetRefs'), this.targetRefs);

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.mesh.securityApiVersion,
      kind: 'AuthorizationPolicy',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    for (const rule of props.rules ?? []) this.addRule(rule);
  }

  /** Adds a rule; a request is matched when any rule matches. */
  public addRule(rule: AuthorizationRule): void {
    if (!(rule instanceof AuthorizationRule)) {
      throw new Error(`${this.node.path}: addRule() needs an AuthorizationRule, e.g. new AuthorizationRule({ from: [RuleSource.fromPrincipals(p)] }).`);
    }
    this._rules.push(rule);
    this.recordDefaultServiceAccounts();
  }

  /** The rules, in order. */
  public get rules(): AuthorizationRule[] {
    return [...this._rules];
  }

  private recordDefaultServiceAccounts(): void {
    const defaults = new Set<string>();
    for (const rule of this._rules) {
      for (const p of rule._principals()) {
        if (p.defaultServiceAccount) defaults.add(p.toIdentity(this.mesh.trustDomain));
      }
    }
    if (defaults.size > 0) {
      this.apiObject.metadata.addAnnotation(Principal.DEFAULT_SERVICE_ACCOUNT_ANNOTATION, [...defaults].sort().join(','));
    }
  }

  private renderSpec(): any {
    const ctx = RenderContext.of(this.node.path, { trustDomain: this.mesh.trustDomain });
    const spec: any = {};
    if (this.selector) spec.selector = this.selector._render(ctx.child('selector'));
    const targetRefs = renderTargetRefs(ctx.child('targetRefs'), this.targetRefs);
    if (targetRefs) spec.targetRefs = targetRefs;
    spec.action = this.action.value;
    if (this.action.provider !== undefined) spec.provider = { name: this.action.provider };
    if (this._rules.length > 0) spec.rules = this._rules.map((r, i) => r._render(ctx.child(`rules[${i}]`)));
    return spec;
  }
}
