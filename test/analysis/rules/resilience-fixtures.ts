import { run, virtualService } from './fixtures';
import { Diagnostic, Severity } from '../../../src/analysis/diagnostic';
import { Rule } from '../../../src/analysis/rule';

/** A VirtualService `reviews` with one HTTP route (a destination is added unless the route says otherwise). */
export function vsRoute(route: Record<string, any>, extra: Record<string, any> = {}): any {
  const withDest = 'route' in route || 'redirect' in route || 'directResponse' in route || 'delegate' in route
    ? route
    : { route: [{ destination: { host: 'reviews' } }], ...route };
  return virtualService('reviews', { hosts: ['reviews'], http: [withDest], ...extra });
}

/** A DestinationRule `reviews` with a top-level traffic policy and optional subsets. */
export function drPolicy(trafficPolicy: Record<string, any> | undefined, subsets: any[] = [], namespace?: string): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', ...(namespace ? { namespace } : {}) },
    spec: { host: 'reviews', ...(trafficPolicy ? { trafficPolicy } : {}), ...(subsets.length > 0 ? { subsets } : {}) },
  };
}

/** Runs `rule` and expects exactly one finding with these fields; returns it. */
export function one(rule: Rule, manifests: any[], expected: { path: string; severity?: Severity }): Diagnostic {
  const ds = run(rule, manifests);
  expect(ds.map((d) => d.path)).toEqual([expected.path]);
  const d = ds[0];
  expect(d.ruleId).toBe(rule.id);
  expect(d.severity).toBe(expected.severity ?? rule.severity);
  if (rule.istioCode) expect(d.istioCode).toBe(rule.istioCode);
  else expect(d.istioCode).toBeUndefined();
  expect(d.fix).toBeTruthy();
  return d;
}

/** Runs `rule` and expects no finding. */
export function none(rule: Rule, manifests: any[]): void {
  expect(run(rule, manifests)).toEqual([]);
}
