import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { Finding, Report, Rule } from '../../rule';
import { arrayOf } from '../virtualservice-routes';

/** The istioctl message an EnvoyFilter patch earns. */
type PatchProblem = 'relative' | 'relative-proxy-version' | 'replace' | 'add' | 'remove';

/** Operations whose result depends on what other filters did before (istioctl: "relative"). */
const RELATIVE = new Set(['MERGE', 'INSERT_BEFORE', 'INSERT_AFTER', 'REPLACE', 'REMOVE']);
/** applyTo values on which ADD and REMOVE do nothing. */
const ROUTE_LEVEL = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);

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
 * (IST0153/IST0154); REPLACE only works on HTTP and network filters (IST0152).
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
      const operation = typeof cp.patch.operation === 'string' ? cp.patch.operation : 'INVALID';
      const applyTo = typeof cp.applyTo === 'string' ? cp.applyTo : 'INVALID';
      const name = patchName(cp.patch, cp.match);
      let problem: PatchProblem | undefined;
      if (operation === 'ADD' && ROUTE_LEVEL.has(applyTo)) problem = 'add';
      else if (operation === 'REMOVE' && ROUTE_LEVEL.has(applyTo)) problem = 'remove';
      else if (operation === 'REPLACE' && applyTo !== 'HTTP_FILTER' && applyTo !== 'NETWORK_FILTER') problem = 'replace';
      else if (RELATIVE.has(operation) && priority === 0) problem = pinned.has(name) ? 'relative-proxy-version' : 'relative';
      if (problem) out.push({ ef, index, problem, operation, applyTo });
      const proxy = isPlainObject(cp.match) && isPlainObject(cp.match.proxy) ? cp.match.proxy : undefined;
      if (proxy && typeof proxy.proxyVersion === 'string' && proxy.proxyVersion !== '') pinned.add(name);
    }
  }
  return out;
}

function envoyFilterRule(id: string, problem: PatchProblem, severity: Severity, istioCode: string, summary: string,
  describe: (operation: string, applyTo: string) => Omit<Finding, 'object' | 'path'>): Rule {
  return {
    id,
    severity,
    istioCode,
    summary,
    check(model: MeshModel, report: Report): void {
      for (const p of envoyFilterProblems(model)) {
        if (p.problem !== problem) continue;
        report({ object: p.ef, path: ['spec', 'configPatches', p.index], ...describe(p.operation, p.applyTo) });
      }
    },
  };
}

/** istioctl's EnvoyFilterUsesRelativeOperation (IST0151). */
export const envoyFilterRelativeOperation = envoyFilterRule(
  'envoyfilter-relative-operation-without-priority', 'relative', Severity.WARNING, 'IST0151',
  'An EnvoyFilter patch uses a relative operation (MERGE, INSERT_BEFORE/AFTER, REPLACE, REMOVE) without priority, so it may apply before the filter it relies on.',
  (operation) => ({
    message: `This patch uses the relative operation ${operation} and the EnvoyFilter sets no priority, so whether the filter it is relative to already exists depends on the order Istio applies EnvoyFilters in.`,
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD.',
  }));

/** istioctl's EnvoyFilterUsesRelativeOperationWithProxyVersion (IST0155). */
export const envoyFilterRelativeOperationWithProxyVersion = envoyFilterRule(
  'envoyfilter-relative-operation-with-proxy-version', 'relative-proxy-version', Severity.WARNING, 'IST0155',
  'An EnvoyFilter patch uses a relative operation without priority on a filter that another patch pins to a proxyVersion, so it may stop applying during an upgrade.',
  (operation) => ({
    message: `This patch uses the relative operation ${operation} without priority on a filter that an earlier patch pins to a proxyVersion; during an upgrade the filter it is relative to may be missing, and the patch is then not applied.`,
    fix: 'Set spec.priority, or use INSERT_FIRST or ADD.',
  }));

/** istioctl's EnvoyFilterUsesReplaceOperationIncorrectly (IST0152). */
export const envoyFilterReplaceOnUnsupportedTarget = envoyFilterRule(
  'envoyfilter-replace-unsupported', 'replace', Severity.ERROR, 'IST0152',
  'An EnvoyFilter patch uses REPLACE on something other than an HTTP or network filter, which Istio does not support.',
  (_operation, applyTo) => ({
    message: `This patch uses REPLACE with applyTo ${applyTo}; REPLACE only works with HTTP_FILTER and NETWORK_FILTER.`,
    fix: 'Use MERGE to change the object, or REMOVE and ADD.',
  }));

/** istioctl's EnvoyFilterUsesAddOperationIncorrectly (IST0153). */
export const envoyFilterAddIgnored = envoyFilterRule(
  'envoyfilter-add-ignored', 'add', Severity.ERROR, 'IST0153',
  'An EnvoyFilter patch uses ADD with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE, where Istio ignores it.',
  (_operation, applyTo) => ({
    message: `This patch uses ADD with applyTo ${applyTo}; Istio ignores ADD there, so the patch does nothing.`,
    fix: 'Use MERGE on the route configuration, or ADD a VIRTUAL_HOST or HTTP_ROUTE under it via its parent.',
  }));

/** istioctl's EnvoyFilterUsesRemoveOperationIncorrectly (IST0154). */
export const envoyFilterRemoveIgnored = envoyFilterRule(
  'envoyfilter-remove-ignored', 'remove', Severity.ERROR, 'IST0154',
  'An EnvoyFilter patch uses REMOVE with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE, where Istio ignores it.',
  (_operation, applyTo) => ({
    message: `This patch uses REMOVE with applyTo ${applyTo}; Istio ignores REMOVE there, so the patch does nothing.`,
    fix: 'Remove the route with a VirtualService change instead, or MERGE the route configuration.',
  }));

export const ENVOY_FILTER_PARITY_RULES: readonly Rule[] = [
  envoyFilterRelativeOperation,
  envoyFilterRelativeOperationWithProxyVersion,
  envoyFilterReplaceOnUnsupportedTarget,
  envoyFilterAddIgnored,
  envoyFilterRemoveIgnored,
];
