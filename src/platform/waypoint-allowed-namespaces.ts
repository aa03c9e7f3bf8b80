import { isDns1123Label, isLabelKey, isLabelValue } from '../analysis/validators/names';
import { RenderContext } from '../private/render-context';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Which namespaces may send their traffic through a waypoint: the `allowedRoutes.namespaces` of
 * its listener. A namespace, Service or pod in another namespace can only use the waypoint (with
 * `istio.io/use-waypoint-namespace`) when it is allowed here.
 */
export class WaypointAllowedNamespaces {
  /** Only resources in the waypoint's own namespace (the Gateway API default). */
  public static same(): WaypointAllowedNamespaces {
    return new WaypointAllowedNamespaces('Same', undefined, []);
  }

  /** Resources in any namespace. */
  public static all(): WaypointAllowedNamespaces {
    return new WaypointAllowedNamespaces('All', undefined, []);
  }

  /**
   * Resources in the named namespaces (selected by their `kubernetes.io/metadata.name` label).
   * Istio applies the selector to the waypoint's own namespace too: list it when resources
   * there use the waypoint.
   * @param names namespace names, at least one
   */
  public static named(names: string[]): WaypointAllowedNamespaces {
    const list = [...(names ?? [])];
    if (list.length === 0) {
      throw new Error('WaypointAllowedNamespaces.named(): give at least one namespace name, or use WaypointAllowedNamespaces.same().');
    }
    for (const n of list) {
      if (typeof n !== 'string' || !isDns1123Label(n)) {
        throw new Error(`WaypointAllowedNamespaces.named(): ${JSON.stringify(n)} is not a valid namespace name; use lower-case letters, digits and '-'.`);
      }
    }
    const unique = [...new Set(list)].sort();
    return new WaypointAllowedNamespaces('Selector', { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: unique }] }, unique);
  }

  /**
   * Resources in namespaces carrying all of `labels`.
   * @param labels namespace labels, at least one
   */
  public static withLabels(labels: { [key: string]: string }): WaypointAllowedNamespaces {
    const entries = Object.entries(labels ?? {});
    if (entries.length === 0) {
      throw new Error('WaypointAllowedNamespaces.withLabels(): give at least one label, e.g. { team: \'payments\' }, or use WaypointAllowedNamespaces.all().');
    }
    for (const [k, v] of entries) {
      if (!isLabelKey(k) || typeof v !== 'string' || !isLabelValue(v)) {
        throw new Error(`WaypointAllowedNamespaces.withLabels(): ${k}=${v} is not a valid Kubernetes label; use a key such as 'app' or 'example.com/tier' and a value of at most 63 letters, digits, '-', '_' or '.', e.g. { 'shared-gateway-access': 'true' }.`);
      }
    }
    return new WaypointAllowedNamespaces('Selector', { matchLabels: { ...labels } }, undefined);
  }

  /** `Same`, `All` or `Selector`. */
  public readonly from: string;
  private readonly selector?: any;
  /** Names allowed, when they are known (`same` and `named`); undefined for a label selector. */
  private readonly names?: string[];

  private constructor(from: string, selector: any, names: string[] | undefined) {
    this.from = from;
    this.selector = selector;
    this.names = names;
  }

  /**
   * Whether a resource in `namespace` may use a waypoint in `own`: true, false, or undefined
   * when it depends on namespace labels the library cannot see.
   * @internal
   */
  public _allows(namespace: string, own: string): boolean | undefined {
    switch (this.from) {
      case 'All': return true;
      case 'Same': return namespace === own;
      // Istio matches the selector against every namespace, the waypoint's own included.
      default: return this.names === undefined ? undefined : this.names.includes(namespace);
    }
  }

  /**
   * The `allowedRoutes` of the listener, or undefined for the default (`Same`).
   * @internal
   */
  public _render(_ctx: RenderContext): any {
    if (this.from === 'Same') return undefined;
    const namespaces: any = { from: this.from };
    if (this.selector) namespaces.selector = JSON.parse(JSON.stringify(this.selector));
    return { namespaces };
  }
}
