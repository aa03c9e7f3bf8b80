/**
 * Shapes of the Istio field table (see `istio-fields.generated.ts`): a compact copy of the
 * OpenAPI v3 schemas of Istio's CRDs, without descriptions, with identical sub-schemas stored once.
 *
 * Sub-schemas refer to each other by their index in {@link FieldTable.nodes}.
 */

/** JSON types a schema node can declare. */
export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/** One `x-kubernetes-validations` entry (a CEL rule checked by the API server). */
export interface CelValidation {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly reason?: string;
  readonly fieldPath?: string;
  readonly optionalOldSelf?: boolean;
}

/** One schema node. Every key is optional; absent means "no constraint". */
export interface SchemaNode {
  readonly type?: SchemaType;
  /** Named fields of an object: field name → node index. */
  readonly props?: Readonly<Record<string, number>>;
  readonly required?: readonly string[];
  readonly enum?: ReadonlyArray<string | number | boolean>;
  /** Node index of an array's items. */
  readonly items?: number;
  /** `additionalProperties`: node index of the map values, or a boolean. */
  readonly additional?: number | boolean;
  readonly format?: string;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly nullable?: boolean;
  readonly default?: unknown;
  /** `x-kubernetes-int-or-string`. */
  readonly intOrString?: boolean;
  /** `x-kubernetes-preserve-unknown-fields`. */
  readonly preserveUnknown?: boolean;
  /** `x-kubernetes-list-type`. */
  readonly listType?: string;
  /** `x-kubernetes-list-map-keys`. */
  readonly listMapKeys?: readonly string[];
  readonly oneOf?: readonly number[];
  readonly anyOf?: readonly number[];
  readonly allOf?: readonly number[];
  readonly not?: number;
  /** `x-kubernetes-validations`. */
  readonly validations?: readonly CelValidation[];
}

/** One served version of a kind. */
export interface KindVersion {
  readonly name: string;
  /** Whether this is the version the API server stores. */
  readonly storage: boolean;
  readonly deprecated?: boolean;
  readonly deprecationWarning?: string;
  /** Node index of the version's `openAPIV3Schema`. */
  readonly root: number;
}

/** One CRD: a kind of an API group. */
export interface KindEntry {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: string;
  /** Served versions, in the CRD's order. */
  readonly versions: readonly KindVersion[];
}

/** The whole derived table. */
export interface FieldTable {
  /** CRD file the table was derived from, relative to the project root. */
  readonly source: string;
  /** SHA-256 of that file. */
  readonly sha256: string;
  readonly kinds: readonly KindEntry[];
  readonly nodes: readonly SchemaNode[];
}
