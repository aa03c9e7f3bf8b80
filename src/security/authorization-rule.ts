import { Principal } from './principal';
import { RuleCondition } from './rule-condition';
import { RuleOperation } from './rule-operation';
import { RuleSource } from './rule-source';
import { RenderContext } from '../private/render-context';

/** What an authorization rule matches. Omitted parts match every request. */
export interface AuthorizationRuleOptions {
  /**
   * Who the request comes from; the rule matches when any one source matches.
   * @default - any caller
   */
  readonly from?: RuleSource[];
  /**
   * What the request does; the rule matches when any one operation matches.
   * @default - any operation
   */
  readonly to?: RuleOperation[];
  /**
   * Extra conditions; all must hold.
   * @default - no extra condition
   */
  readonly when?: RuleCondition[];
}

/**
 * One rule of an AuthorizationPolicy: it matches a request when the request matches its
 * `from` (any source), its `to` (any operation) and all its `when` conditions.
 *
 * A rule with none of these matches every request: in an ALLOW policy it allows everything,
 * in a DENY policy it denies everything.
 *
 * @example
 * new AuthorizationRule({
 *   from: [RuleSource.fromServiceAccounts(frontendSa)],
 *   to: [new RuleOperation({ methods: ['GET'], paths: ['/api/*'] })],
 * })
 */
export class AuthorizationRule {
  /** A rule that matches every request. */
  public static matchAll(): AuthorizationRule {
    return new AuthorizationRule({});
  }

  private readonly sources: RuleSource[];
  private readonly operations: RuleOperation[];
  private readonly conditions: RuleCondition[];

  constructor(options: AuthorizationRuleOptions = {}) {
    const check = (prop: string, list: unknown[] | undefined, type: Function, hint: string) => {
      (list ?? []).forEach((item, i) => {
        if (!(item instanceof type)) throw new Error(`AuthorizationRule: ${prop}[${i}] is not a ${type.name}; build it with ${hint}.`);
      });
    };
    check('from', options.from, RuleSource, 'RuleSource.fromPrincipals(...) or new RuleSource({...})');
    check('to', options.to, RuleOperation, 'new RuleOperation({ methods, paths, ... })');
    check('when', options.when, RuleCondition, 'RuleCondition.matches(key, ...values)');
    this.sources = [...(options.from ?? [])];
    this.operations = [...(options.to ?? [])];
    this.conditions = [...(options.when ?? [])];
  }

  /** Whether the rule has no `from`, `to` or `when`, so matches every request. */
  public get matchesAll(): boolean {
    return this.sources.length === 0 && this.operations.length === 0 && this.conditions.length === 0;
  }

  /**
   * Peer identities named anywhere in the rule's sources.
   * @internal
   */
  public _principals(): Principal[] {
    return this.sources.flatMap((s) => s._principals());
  }

  /**
   * The rule as written in a policy.
   * @internal
   */
  public _render(ctx: RenderContext): any {
    const rule: any = {};
    if (this.sources.length > 0) rule.from = this.sources.map((s, i) => ({ source: s._render(ctx.child(`from[${i}].source`)) }));
    if (this.operations.length > 0) rule.to = this.operations.map((o, i) => ({ operation: o._render(ctx.child(`to[${i}].operation`)) }));
    if (this.conditions.length > 0) rule.when = this.conditions.map((c, i) => c._render(ctx.child(`when[${i}]`)));
    return rule;
  }
}
