import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel, NETWORKING_GROUP } from '../model';
import { arrayOf } from '../resources/virtualservice';
import { Finding, Report, Rule, RuleInfo } from '../rule';

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
