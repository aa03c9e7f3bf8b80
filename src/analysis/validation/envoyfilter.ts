import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel, NETWORKING_GROUP } from '../model';
import { arrayOf } from '../resources/virtualservice';
import { Finding, Report, Rule, RuleInfo } from '../rule';
import { re2CompileError } from '../validators/regex';

/** The istioctl message an EnvoyFilter patch earns. */
type PatchProblem = 'relative' | 'relative-proxy-version' | 'replace' | 'add' | 'remove';

/**
 * Operations istioctl calls relative: they act on a filter another patch may not have added yet.
 * MERGE is not among them (istioctl never reports it), although it also needs its target to exist.
 */
const RELATIVE = new Set(['INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE', 'REMOVE']);
/** applyTo values REPLACE works on (Istio 1.30 added VIRTUAL_HOST). */
const REPLACEABLE = new Set(['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST']);
/** applyTo values on which ADD and REMOVE do nothing. */
const ROUTE_LEVEL = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);

/** The protobuf numbers of the enums, which istioctl also reads (a number where the name belongs). */
const OPERATIONS = ['INVALID', 'MERGE', 'ADD', 'REMOVE', 'INSERT_BEFORE', 'INSERT_AFTER', 'INSERT_FIRST', 'REPLACE'];
const APPLY_TO = [
  'INVALID', 'LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER', 'ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE',
  'CLUSTER', 'EXTENSION_CONFIG', 'BOOTSTRAP', 'LISTENER_FILTER',
];

/**
 * An enum value as istioctl decodes it: the name, or its protobuf number (which the CRD schema
 * refuses, see schema-type-mismatch, but istioctl's analyzers still act on).
 */
function enumName(value: unknown, names: readonly string[]): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isInteger(value) && names[value] !== undefined ? names[value] : 'INVALID';
}

/** The name istioctl keys a patch by: `patch.value.name`, else the listener filter it matches. */
function patchName(patch: Record<string, any>, match: unknown): string {
  if (isPlainObject(patch.value) && typeof patch.value.name === 'string') return patch.value.name;
  const listener = isPlainObject(match) && isPlainObject(match.listener) ? match.listener : undefined;
  const filter = listener && isPlainObject(listener.filterChain) ? listener.filterChain.filter : undefined;
  return isPlainObject(filter) && typeof filter.name === 'string' ? filter.name : '';
}

/**
 * istioctl's EnvoyPatchAnalyzer over every EnvoyFilter, in input order: which patches earn which
 * message. A relative operation without `priority` is IST0151, or IST0155 when an earlier patch of
 * the same filter name pinned a proxyVersion; ADD/REMOVE on route configuration are ignored
 * (IST0153/IST0154); REPLACE only works on HTTP filters, network filters and virtual hosts (IST0152).
 */
interface PatchFinding {
  readonly ef: ObjectRecord;
  readonly index: number;
  readonly problem: PatchProblem;
  readonly operation: string;
  readonly applyTo: string;
}

function envoyFilterProblems(model: MeshModel): PatchFinding[] {
  const out: PatchFinding[] = [];
  const pinned = new Set<string>();
  for (const ef of model.ofKind(NETWORKING_GROUP, 'EnvoyFilter')) {
    const spec = isPlainObject(ef.spec) ? ef.spec : {};
    const priority = typeof spec.priority === 'number' ? spec.priority : 0;
    const patches = arrayOf(spec.configPatches);
    for (let index = 0; index < patches.length; index++) {
      const cp = patches[index];
      if (!isPlainObject(cp) || !isPlainObject(cp.patch)) break;
      const operation = enumName(cp.patch.operation, OPERATIONS);
      const applyTo = enumName(cp.applyTo, APPLY_TO);
      const name = patchName(cp.patch, cp.match);
      let problem: PatchProblem | undefined;
      if (operation === 'ADD' && ROUTE_LEVEL.has(applyTo)) problem = 'add';
      else if (operation === 'REMOVE' && ROUTE_LEVEL.has(applyTo)) problem = 'remove';
      else if (operation === 'REPLACE' && !REPLACEABLE.has(applyTo)) problem = 'replace';
      else if (RELATIVE.has(operation) && priority === 0) problem = pinned.has(name) ? 'relative-proxy-version' : 'relative';
      if (problem) out.push({ ef, index, problem, operation, applyTo });
      const proxy = isPlainObject(cp.match) && isPlainObject(cp.match.proxy) ? cp.match.proxy : undefined;
      if (proxy && typeof proxy.proxyVersion === 'string' && proxy.proxyVersion !== '') pinned.add(name);
    }
  }
  return out;
}

/** An EnvoyFilter rule: its metadata, the patch problem it reports, and how it words a finding. */
export interface EnvoyFilterRuleProps extends RuleInfo {
  readonly problem: PatchProblem;
  readonly describe: (operation: string, applyTo: string) => Omit<Finding, 'object' | 'path'>;
}

/** A rule reporting one kind of EnvoyFilter patch problem. */
export function envoyFilterRule(props: EnvoyFilterRuleProps): Rule {
  const { problem, describe, ...info } = props;
  return {
    ...info,
    check(model: MeshModel, report: Report): void {
      for (const p of envoyFilterProblems(model)) {
        if (p.problem !== problem) continue;
        report({ object: p.ef, path: ['spec', 'configPatches', p.index], ...describe(p.operation, p.applyTo) });
      }
    },
  };
}

/** applyTo values whose patches match listeners (the match must then be a listener match). */
const LISTENER_CLASS = new Set(['LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER']);
/** applyTo values whose patches match route configuration. */
const ROUTE_CLASS = new Set(['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE']);
/** The names of the HTTP connection manager a subFilter match must sit under (current and legacy). */
const HTTP_CONNECTION_MANAGER = new Set(['envoy.filters.network.http_connection_manager', 'envoy.http_connection_manager']);
/** A protobuf full message name, the part of a type URL after its last `/`. */
const PROTO_FULL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const unset = (v: unknown) => v === undefined || v === null;
const enumUnset = (v: unknown) => unset(v) || v === 'INVALID' || v === 0;

/** The `@type` entries of a patch value that Istio cannot resolve to a message type. */
function unresolvableTypes(value: unknown, path: Array<string | number>, out: Array<{ path: Array<string | number>; type: unknown }>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => unresolvableTypes(v, [...path, i], out));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '@type') {
      const name = typeof v === 'string' ? v.slice(v.lastIndexOf('/') + 1) : undefined;
      if (name === undefined || !PROTO_FULL_NAME.test(name)) out.push({ path: [...path, k], type: v });
    } else {
      unresolvableTypes(v, [...path, k], out);
    }
  }
}

/**
 * Istio's validation webhook for EnvoyFilter (pkg/config/validation/envoyfilter), per patch: the
 * patch has applyTo, an operation and (unless REMOVE) a value; a proxyVersion is a valid regex; the
 * match is of the class applyTo acts on; a filter match names its filter, and a subFilter match
 * names its subfilter under the HTTP connection manager of an HTTP_FILTER patch; the value converts
 * to the Envoy type of applyTo (a name that is a string, `@type` URLs of known message names).
 * Patches in the WAYPOINT context are not checked, as Istio does not check them.
 */
export function patchFindings(ef: ObjectRecord): Finding[] {
  const out: Finding[] = [];
  const spec = isPlainObject(ef.spec) ? ef.spec : {};
  arrayOf(spec.configPatches).forEach((cp, i) => {
    const at = ['spec', 'configPatches', i];
    const add = (path: Array<string | number>, message: string, fix: string) => out.push({ object: ef, path: [...at, ...path], message, fix });
    if (!isPlainObject(cp)) {
      if (cp === null) add([], `configPatches[${i}] is null; Istio rejects a null patch.`, 'Remove the empty entry.');
      return;
    }
    const match = isPlainObject(cp.match) ? cp.match : undefined;
    if (match?.context === 'WAYPOINT') return;
    if (enumUnset(cp.applyTo)) {
      add(['applyTo'], `configPatches[${i}] has no applyTo; Istio rejects a patch that does not say what it applies to.`, 'Set applyTo, e.g. HTTP_FILTER, CLUSTER or VIRTUAL_HOST.');
      return;
    }
    if (!isPlainObject(cp.patch)) {
      add(['patch'], `configPatches[${i}] has no patch; Istio rejects it.`, 'Add patch: { operation: …, value: … }.');
      return;
    }
    const operation = cp.patch.operation;
    if (enumUnset(operation)) {
      add(['patch', 'operation'], `configPatches[${i}] has no patch.operation; Istio rejects it.`, 'Set the operation, e.g. MERGE, ADD or INSERT_BEFORE.');
      return;
    }
    if (operation !== 'REMOVE' && unset(cp.patch.value)) {
      add(['patch', 'value'], `configPatches[${i}] uses ${String(operation)} without patch.value; only REMOVE may leave it out.`, 'Give the Envoy configuration to apply in patch.value.');
      return;
    }
    const proxyVersion = isPlainObject(match?.proxy) ? match!.proxy.proxyVersion : undefined;
    if (typeof proxyVersion === 'string' && proxyVersion !== '') {
      const problem = re2CompileError(proxyVersion);
      if (problem) {
        add(['match', 'proxy', 'proxyVersion'], `proxyVersion "${proxyVersion}" is not a valid regular expression (${problem}); Istio rejects it.`, 'Write an RE2 regex, e.g. ^1\\.30.*.');
        return;
      }
    }
    const applyTo = String(cp.applyTo);
    const kindOfMatch = !match ? undefined : isPlainObject(match.listener) ? 'listener' : isPlainObject(match.routeConfiguration) ? 'routeConfiguration' : isPlainObject(match.cluster) ? 'cluster' : undefined;
    if (LISTENER_CLASS.has(applyTo) && kindOfMatch !== undefined) {
      if (kindOfMatch !== 'listener') {
        add(['match', kindOfMatch], `applyTo ${applyTo} patches listeners, but the match is a ${kindOfMatch} match; Istio rejects it.`, 'Match with match.listener, or change applyTo.');
        return;
      }
      const filterChain = isPlainObject(match!.listener.filterChain) ? match!.listener.filterChain : undefined;
      const filter = filterChain && isPlainObject(filterChain.filter) ? filterChain.filter : undefined;
      if (filter) {
        const fpath = ['match', 'listener', 'filterChain', 'filter'];
        if (typeof filter.name !== 'string' || filter.name === '') {
          add([...fpath, 'name'], `The filter match of configPatches[${i}] has no name; Istio rejects a filter match without a filter to match on.`, 'Name the network filter, e.g. envoy.filters.network.http_connection_manager.');
          return;
        }
        if (isPlainObject(filter.subFilter)) {
          if (applyTo !== 'HTTP_FILTER') {
            add([...fpath, 'subFilter'], `A subFilter match only works with applyTo HTTP_FILTER, not ${applyTo}; Istio rejects it.`, 'Use applyTo HTTP_FILTER, or remove subFilter.');
            return;
          }
          if (!HTTP_CONNECTION_MANAGER.has(filter.name)) {
            add([...fpath, 'name'], `A subFilter match needs the filter match to name the HTTP connection manager, but it names "${filter.name}"; Istio rejects it.`, 'Set filter.name to envoy.filters.network.http_connection_manager.');
            return;
          }
          if (typeof filter.subFilter.name !== 'string' || filter.subFilter.name === '') {
            add([...fpath, 'subFilter', 'name'], `The subFilter match of configPatches[${i}] has no name; Istio rejects it.`, 'Name the HTTP filter to match, e.g. envoy.filters.http.router.');
            return;
          }
        }
      }
    } else if (ROUTE_CLASS.has(applyTo) && kindOfMatch !== undefined && kindOfMatch !== 'routeConfiguration') {
      add(['match', kindOfMatch], `applyTo ${applyTo} patches route configuration, but the match is a ${kindOfMatch} match; Istio rejects it.`, 'Match with match.routeConfiguration, or change applyTo.');
    } else if (applyTo === 'CLUSTER' && kindOfMatch !== undefined && kindOfMatch !== 'cluster') {
      add(['match', kindOfMatch], `applyTo CLUSTER patches clusters, but the match is a ${kindOfMatch} match; Istio rejects it.`, 'Match with match.cluster, or change applyTo.');
    }
    const value = cp.patch.value;
    if (!isPlainObject(value)) return;
    // Istio converts the value to the Envoy type of applyTo; every such type has a string name.
    if (!unset(value.name) && typeof value.name !== 'string') {
      add(['patch', 'value', 'name'], `patch.value.name is ${JSON.stringify(value.name)}, not a string; Istio cannot convert the value to Envoy configuration and rejects it.`, `Quote it: name: "${String(value.name)}".`);
      return;
    }
    const types: Array<{ path: Array<string | number>; type: unknown }> = [];
    unresolvableTypes(value, ['patch', 'value'], types);
    for (const t of types) {
      add(t.path, `@type ${JSON.stringify(t.type)} does not name a protobuf message type, so Istio cannot resolve it and rejects the patch.`, 'Write the type URL of the Envoy message, e.g. type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua.');
    }
  });
  return out;
}
