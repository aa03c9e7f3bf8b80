import { FieldTable, KindEntry, KindVersion, SchemaNode } from './table-types';
import { GATEWAY_API_FIELD_TABLE } from '../generated/gateway-api-fields.generated';
import { ISTIO_FIELD_TABLE } from '../generated/istio-fields.generated';

export * from './table-types';

/** The Istio API groups whose objects the schema rules check. */
export const ISTIO_API_GROUPS: readonly string[] = [
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'extensions.istio.io',
];

/** The Kubernetes Gateway API groups (standard and experimental kinds). */
export const GATEWAY_API_GROUPS: readonly string[] = ['gateway.networking.k8s.io', 'gateway.networking.x-k8s.io'];

/** Whether `group` is one of {@link GATEWAY_API_GROUPS}. */
export function isGatewayApiGroup(group: string): boolean {
  return GATEWAY_API_GROUPS.includes(group);
}

/** Whether `group` is one of {@link ISTIO_API_GROUPS}. */
export function isIstioGroup(group: string): boolean {
  return ISTIO_API_GROUPS.includes(group);
}

/** Where a field name occurs in a kind's schema (for "this field belongs elsewhere" hints). */
export interface FieldLocation {
  readonly group: string;
  readonly kind: string;
  /**
   * Generic path of the field: array items are written `[*]` and map values `.*`,
   * e.g. `spec.http[*].retries.perTryTimeout`.
   */
  readonly path: string;
  /** Number of segments of the path (a shorter path is a more likely home). */
  readonly depth: number;
  /** Node index of the field's schema. */
  readonly node: number;
}

/**
 * Read access to a field table: the kinds and served versions it knows, the schema node of each
 * (group, kind, version), and where a field name occurs across all kinds.
 */
export class FieldTableLookup {
  private readonly byKey = new Map<string, KindEntry>();
  private locations?: Map<string, FieldLocation[]>;

  constructor(public readonly table: FieldTable) {
    for (const k of table.kinds) {
      this.byKey.set(kindKey(k.group, k.kind), k);
    }
  }

  /** Every kind of the table, or those of one API group. */
  public kinds(group?: string): readonly KindEntry[] {
    return group === undefined ? this.table.kinds : this.table.kinds.filter((k) => k.group === group);
  }

  /** The kind entry for (group, kind), matched exactly. */
  public findKind(group: string, kind: string): KindEntry | undefined {
    return this.byKey.get(kindKey(group, kind));
  }

  /** Names of the served versions of a kind, in the CRD's order (empty when the kind is unknown). */
  public servedVersions(group: string, kind: string): string[] {
    return (this.findKind(group, kind)?.versions ?? []).map((v) => v.name);
  }

  /** The version the API server stores (the one to emit by default). */
  public storageVersion(group: string, kind: string): KindVersion | undefined {
    const k = this.findKind(group, kind);
    return k?.versions.find((v) => v.storage) ?? k?.versions[0];
  }

  /** The served version entry of a kind, or undefined when that version is not served. */
  public version(group: string, kind: string, version: string): KindVersion | undefined {
    return this.findKind(group, kind)?.versions.find((v) => v.name === version);
  }

  /** Node index of the `openAPIV3Schema` of (group, kind, version), or undefined when not served. */
  public rootOf(group: string, kind: string, version: string): number | undefined {
    return this.version(group, kind, version)?.root;
  }

  /** The schema of (group, kind, version), or undefined when not served. */
  public schema(group: string, kind: string, version: string): SchemaNode | undefined {
    const root = this.rootOf(group, kind, version);
    return root === undefined ? undefined : this.node(root);
  }

  /** The node at an index. */
  public node(index: number): SchemaNode {
    const n = this.table.nodes[index];
    if (n === undefined) throw new Error(`field table has no node ${index}`);
    return n;
  }

  /** Node index of a named field of an object node, if the node declares it. */
  public property(node: SchemaNode, name: string): number | undefined {
    return node.props && Object.prototype.hasOwnProperty.call(node.props, name) ? node.props[name] : undefined;
  }

  /**
   * Node of a field given a path of names and indexes from the root of (group, kind, version),
   * e.g. `['spec', 'http', 0, 'retries']`. Array indexes step into items, other names into fields
   * or map values.
   */
  public resolve(group: string, kind: string, version: string, path: ReadonlyArray<string | number>): SchemaNode | undefined {
    let index = this.rootOf(group, kind, version);
    for (const seg of path) {
      if (index === undefined) return undefined;
      const n = this.node(index);
      if (typeof seg === 'number') {
        index = n.items;
      } else {
        index = this.property(n, seg) ?? (typeof n.additional === 'number' ? n.additional : undefined);
      }
    }
    return index === undefined ? undefined : this.node(index);
  }

  /**
   * Every place (outside `status`) where a field of this exact name is declared, across all kinds
   * (using each kind's storage version), shortest paths first.
   */
  public fieldLocations(name: string): readonly FieldLocation[] {
    if (!this.locations) {
      this.locations = this.buildLocations();
    }
    return this.locations.get(name) ?? [];
  }

  private buildLocations(): Map<string, FieldLocation[]> {
    const out = new Map<string, FieldLocation[]>();
    for (const k of this.table.kinds) {
      const root = this.storageVersion(k.group, k.kind)?.root;
      if (root === undefined) continue;
      const visit = (index: number, path: string, depth: number, active: Set<number>): void => {
        if (active.has(index)) return; // the table is a tree, but stay safe on a cyclic one
        active.add(index);
        const n = this.node(index);
        if (n.props) {
          for (const [field, child] of Object.entries(n.props)) {
            if (depth === 0 && field === 'status') continue;
            const childPath = path === '' ? field : `${path}.${field}`;
            let list = out.get(field);
            if (!list) {
              list = [];
              out.set(field, list);
            }
            list.push({ group: k.group, kind: k.kind, path: childPath, depth: depth + 1, node: child });
            visit(child, childPath, depth + 1, active);
          }
        }
        if (n.items !== undefined) visit(n.items, `${path}[*]`, depth + 1, active);
        if (typeof n.additional === 'number') visit(n.additional, `${path}.*`, depth + 1, active);
        active.delete(index);
      };
      visit(root, '', 0, new Set());
    }
    for (const list of out.values()) {
      list.sort((a, b) => a.depth - b.depth || a.path.length - b.path.length);
    }
    return out;
  }
}

function kindKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/** The field table derived from the Istio CRDs this library targets. */
export const ISTIO_FIELDS = new FieldTableLookup(ISTIO_FIELD_TABLE);

/** The built-in table of the Gateway API CRDs (v1.5.1, experimental channel: a superset of standard). */
export const GATEWAY_API_FIELDS = new FieldTableLookup(GATEWAY_API_FIELD_TABLE);
