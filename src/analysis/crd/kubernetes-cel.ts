/**
 * CEL as the Kubernetes API server evaluates `x-kubernetes-validations`, on top of @bufbuild/cel:
 * the standard library, the string extension, RE2 for `matches()`, Kubernetes' URL library
 * (`url`, `isURL`, `getScheme`, `getHost`, `getHostname`, `getPort`, `getEscapedPath`,
 * `getQuery`), and an empty optional for `oldSelf` in rules that set `optionalOldSelf`.
 */
import {
  celEnv, CelEnv, celFunc, celList, celMap, celMethod, CelResult, CelScalar, CelValue, listType, mapType, objectType, parse, plan,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { create, createFileRegistry, DescMessage, Registry } from '@bufbuild/protobuf';
import { FieldDescriptorProto_Label, FieldDescriptorProto_Type, FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { RE2JS } from 're2js';
import { escapedPathOf, GoUrl, GoUrlError, hostnameOf, parseRequestUri, parseUrl, portOf, queryOf } from './go-url';

/** A compiled CEL expression: call it with the variables (`self`, `oldSelf`). */
export type CelProgram = (bindings: Record<string, unknown>) => CelResult;

/** The CEL type name Kubernetes gives URLs. */
export const URL_TYPE_NAME = 'kubernetes.URL';
const OPTIONAL_TYPE_NAME = 'cdk8s_istio.cel.OptionalNone';

/** Message types standing for the values CEL needs beyond JSON: a URL, and "no old value". */
function opaqueTypes(): { registry: Registry; url: DescMessage; none: DescMessage } {
  const kubernetes = create(FileDescriptorProtoSchema, {
    name: 'cdk8s_istio/kubernetes_url.proto',
    package: 'kubernetes',
    syntax: 'proto3',
    messageType: [{
      name: 'URL',
      field: [{ name: 'raw', number: 1, type: FieldDescriptorProto_Type.STRING, label: FieldDescriptorProto_Label.OPTIONAL, jsonName: 'raw' }],
    }],
  });
  const optional = create(FileDescriptorProtoSchema, {
    name: 'cdk8s_istio/optional_none.proto',
    package: 'cdk8s_istio.cel',
    syntax: 'proto3',
    messageType: [{ name: 'OptionalNone' }],
  });
  const noImports = () => undefined;
  const registry = createFileRegistry(createFileRegistry(kubernetes, noImports), createFileRegistry(optional, noImports));
  return {
    registry,
    url: registry.getMessage(URL_TYPE_NAME) as DescMessage,
    none: registry.getMessage(OPTIONAL_TYPE_NAME) as DescMessage,
  };
}

const parsedUrls = new Map<string, GoUrl>();

/** `url.Parse` of a string `url()` already accepted, memoised (CEL calls getters one by one). */
function parsedUrl(raw: string): GoUrl {
  let u = parsedUrls.get(raw);
  if (!u) {
    u = parseUrl(raw);
    if (parsedUrls.size > 10_000) parsedUrls.clear();
    parsedUrls.set(raw, u);
  }
  return u;
}

function rawOf(value: CelValue): string {
  return ((value as any).message as { raw: string }).raw;
}

interface KubernetesCel {
  readonly env: CelEnv;
  /** The value `oldSelf` holds on create for rules with `optionalOldSelf: true`. */
  readonly none: unknown;
}

let shared: KubernetesCel | undefined;

/** The CEL environment of CRD validation rules (built once per process). */
export function kubernetesCel(): KubernetesCel {
  if (shared) return shared;
  const types = opaqueTypes();
  const URL = objectType(types.url);
  const NONE = objectType(types.none);
  const { STRING, BOOL, DYN } = CelScalar;
  const urlGetter = (name: string, read: (u: GoUrl) => string) =>
    celMethod(name, URL, [], STRING, function (this: CelValue) {
      return read(parsedUrl(rawOf(this)));
    });
  const funcs = [
    ...strings,
    celFunc('url', [STRING], URL, (s: string) => {
      try {
        parseRequestUri(s);
        parsedUrl(s);
      } catch (e) {
        if (e instanceof GoUrlError) throw new Error(`URL parse error during conversion from string: ${e.message}`);
        throw e;
      }
      return create(types.url, { raw: s }) as any;
    }),
    celFunc('isURL', [STRING], BOOL, (s: string) => {
      try {
        parseRequestUri(s);
        return true;
      } catch (e) {
        if (e instanceof GoUrlError) return false;
        throw e;
      }
    }),
    urlGetter('getScheme', (u) => u.scheme),
    urlGetter('getHost', (u) => u.host),
    urlGetter('getHostname', hostnameOf),
    urlGetter('getPort', portOf),
    urlGetter('getEscapedPath', escapedPathOf),
    celMethod('getQuery', URL, [], mapType(STRING, listType(STRING)), function (this: CelValue) {
      const out = new Map<string, CelValue>();
      for (const [k, v] of queryOf(parsedUrl(rawOf(this)))) out.set(k, celList(v));
      return celMap(out) as any;
    }),
    celMethod('hasValue', NONE, [], BOOL, () => false),
    celMethod('orValue', NONE, [DYN], DYN, (fallback: CelValue) => fallback as any),
    celMethod('value', NONE, [], DYN, () => {
      throw new Error('optional.none() dereference');
    }),
  ];
  const env = celEnv({
    registry: types.registry,
    funcs,
    re2: {
      compile(pattern: string) {
        const re = RE2JS.compile(pattern);
        return { test: (text: string) => re.matcher(text).find() };
      },
    },
  });
  shared = { env, none: create(types.none, {}) };
  return shared;
}

/** A CEL expression ready to run, or why it cannot run here. */
export interface CompiledExpression {
  readonly program?: CelProgram;
  /** Why the expression is not evaluated (a parse error, or a function this evaluator lacks). */
  readonly unsupported?: string;
  /** Whether the expression reads `oldSelf` (a transition rule). */
  readonly usesOldSelf: boolean;
}

/**
 * Parses and plans an expression, noting functions the environment does not provide (these
 * expressions are skipped instead of failing at runtime on every object).
 */
export function compileExpression(expression: string): CompiledExpression {
  const { env } = kubernetesCel();
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(expression);
  } catch (e) {
    return { unsupported: `cannot be parsed here (${(e as Error).message})`, usesOldSelf: false };
  }
  const calls = new Set<string>();
  const idents = new Set<string>();
  collectNames(parsed.expr, calls, idents);
  const missing = [...calls].filter((name) => /^[A-Za-z_][\w.]*$/.test(name) && env.funcs.find(name) === undefined).sort();
  const usesOldSelf = idents.has('oldSelf');
  if (missing.length > 0) {
    return { unsupported: `uses ${missing.map((m) => `${m}()`).join(', ')}, which this evaluator does not implement`, usesOldSelf };
  }
  const run = plan(env, parsed) as (ctx: Record<string, unknown>) => CelResult;
  return { program: (bindings) => run(bindings), usesOldSelf };
}

/** Walks a parsed expression (protobuf message objects) for call names and identifiers. */
function collectNames(node: unknown, calls: Set<string>, idents: Set<string>): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collectNames(item, calls, idents);
    return;
  }
  const n = node as Record<string, unknown>;
  if (n.$typeName === 'cel.expr.Expr.Call' && typeof n.function === 'string') calls.add(n.function);
  if (n.$typeName === 'cel.expr.Expr.Ident' && typeof n.name === 'string') idents.add(n.name);
  for (const [key, value] of Object.entries(n)) {
    if (key !== '$typeName' && typeof value === 'object') collectNames(value, calls, idents);
  }
}

const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);

/**
 * The name CEL uses for an object property, as Kubernetes escapes it (`namespace` →
 * `__namespace__`, `a-b` → `a__dash__b`, `__` → `__underscores__`), or undefined when the name
 * cannot be written in CEL (the property is then invisible to rules).
 */
export function escapePropertyName(name: string): string | undefined {
  if (name === '' || /^[0-9]/.test(name)) return undefined;
  if (RESERVED.has(name)) return `__${name}__`;
  if (!/^[A-Za-z0-9_./-]*$/.test(name)) return undefined;
  return name.replace(/__|[./-]/g, (m) => {
    switch (m) {
      case '__': return '__underscores__';
      case '.': return '__dot__';
      case '-': return '__dash__';
      default: return '__slash__';
    }
  });
}
