import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { isDns1123Label, isDns1123Subdomain } from '../analysis/validators/names';

interface PrincipalParts {
  readonly namespace?: string;
  readonly serviceAccountName?: string;
  readonly identity?: string;
  readonly description: string;
  readonly defaultServiceAccount?: boolean;
}

/**
 * A peer identity for the `principals` of an authorization rule: the workload's SPIFFE identity
 * without the `spiffe://` scheme, `<trustDomain>/ns/<namespace>/sa/<serviceAccount>`.
 *
 * The trust domain is the mesh's (`Mesh.trustDomain`), filled in when the policy is
 * synthesized. Peer identities exist only on mutual TLS connections: a policy on `principals`
 * cannot recognise plain-text callers.
 */
export class Principal {
  /**
   * Annotation the library puts on an AuthorizationPolicy when one of its principals was
   * derived from a workload that has no service account of its own, so runs as its namespace's
   * `default` account. Its value lists those principals, comma-separated, e.g.
   * `cluster.local/ns/shop/sa/default`. The analysis reports it: every pod of the namespace
   * without a service account shares that identity.
   */
  public static readonly DEFAULT_SERVICE_ACCOUNT_ANNOTATION = 'cdk8s-istio.io/principal-default-sa';

  /**
   * The identity of pods running as a cdk8s-plus ServiceAccount (created, or imported with
   * `ServiceAccount.fromServiceAccountName`).
   */
  public static fromServiceAccount(serviceAccount: kplus.IServiceAccount): Principal {
    const subject = serviceAccount.toSubjectConfiguration();
    const namespace = subject.namespace ?? Chart.of(serviceAccount).namespace ?? 'default';
    return new Principal({ namespace, serviceAccountName: serviceAccount.name, description: `ServiceAccount ${serviceAccount.node.path}` });
  }

  /**
   * The identity of a cdk8s-plus workload's pods: its service account.
   *
   * A workload without a service account runs as the `default` account of its namespace, an
   * identity every other pod of that namespace without a service account shares. The principal
   * then names `sa/default` and `defaultServiceAccount` is true; an AuthorizationPolicy using it
   * records it in the annotation `cdk8s-istio.io/principal-default-sa`, which the analysis
   * reports as a warning. Give the workload a `serviceAccount` to make the rule precise.
   */
  public static fromWorkload(workload: kplus.AbstractPod): Principal {
    const namespace = workload.metadata.namespace ?? Chart.of(workload).namespace ?? 'default';
    const description = `${workload.kind} ${workload.node.path}`;
    if (workload.serviceAccount === undefined) {
      return new Principal({ namespace, serviceAccountName: 'default', description, defaultServiceAccount: true });
    }
    const sa = Principal.fromServiceAccount(workload.serviceAccount);
    return new Principal({ namespace: sa.namespace!, serviceAccountName: sa.serviceAccountName!, description });
  }

  /**
   * The identity of service account `serviceAccountName` in `namespace`, e.g. for workloads
   * defined outside this app.
   */
  public static fromName(namespace: string, serviceAccountName: string): Principal {
    if (typeof namespace !== 'string' || !isDns1123Label(namespace)) {
      throw new Error(`Principal.fromName(): namespace '${namespace}' is not a valid Kubernetes namespace name; use lower-case letters, digits and '-'.`);
    }
    if (typeof serviceAccountName !== 'string' || !isDns1123Subdomain(serviceAccountName)) {
      throw new Error(`Principal.fromName(): service account name '${serviceAccountName}' is not a valid Kubernetes name; use lower-case letters, digits, '-' and '.'.`);
    }
    return new Principal({ namespace, serviceAccountName, description: `ServiceAccount ${namespace}/${serviceAccountName}` });
  }

  /**
   * A principal written out as Istio takes it, used verbatim: one of another trust domain
   * (`td.example/ns/shop/sa/api`), or a pattern with a trailing `*` (`cluster.local/ns/shop/*`)
   * or a leading one (any trust domain).
   */
  public static fromIdentity(identity: string): Principal {
    if (typeof identity !== 'string' || identity.trim() === '' || /\s/.test(identity)) {
      throw new Error(`Principal.fromIdentity(): ${JSON.stringify(identity)} is not a principal; write e.g. 'cluster.local/ns/shop/sa/frontend'.`);
    }
    if (identity.startsWith('spiffe://')) {
      throw new Error(`Principal.fromIdentity(): '${identity}' starts with 'spiffe://', which Istio principals leave out; write '${identity.slice('spiffe://'.length)}'.`);
    }
    return new Principal({ identity, description: `identity ${identity}` });
  }

  /**
   * Any authenticated peer (`*`): every caller with a mesh identity, i.e. over mutual TLS.
   */
  public static any(): Principal {
    return new Principal({ identity: '*', description: 'any authenticated peer' });
  }

  /** Namespace of the service account, when the principal names one. */
  public readonly namespace?: string;
  /** Name of the service account, when the principal names one. */
  public readonly serviceAccountName?: string;
  /**
   * Whether the principal is the namespace's `default` service account because it was derived
   * from a workload that has none.
   */
  public readonly defaultServiceAccount: boolean;
  /** Where the principal comes from, for messages (e.g. `ServiceAccount shop/frontend-sa`). */
  public readonly description: string;
  private readonly verbatim?: string;

  private constructor(parts: PrincipalParts) {
    this.namespace = parts.namespace;
    this.serviceAccountName = parts.serviceAccountName;
    this.verbatim = parts.identity;
    this.description = parts.description;
    this.defaultServiceAccount = parts.defaultServiceAccount ?? false;
  }

  /**
   * The principal as written in a policy, e.g. `cluster.local/ns/shop/sa/frontend`.
   * @param trustDomain the mesh's trust domain (ignored for `fromIdentity` and `any`)
   */
  public toIdentity(trustDomain: string): string {
    if (this.verbatim !== undefined) return this.verbatim;
    return `${trustDomain}/ns/${this.namespace}/sa/${this.serviceAccountName}`;
  }
}
