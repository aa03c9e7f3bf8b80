import { Diagnostic } from '../../../src/analysis/diagnostic';
import { analyzeSources } from '../../../src/analysis/engine';
import { Rule } from '../../../src/analysis/rule';

/** Runs the given rules over plain manifests. */
export function check(rules: Rule | readonly Rule[], ...manifests: any[]): Diagnostic[] {
  const list: readonly Rule[] = 'id' in rules ? [rules as Rule] : rules as readonly Rule[];
  return analyzeSources(manifests.map((manifest) => ({ manifest })), { rules: list });
}

/** A VirtualService for `reviews` with the given HTTP routes. */
export function virtualService(http: any[], extra: Record<string, any> = {}): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'shop' },
    spec: { hosts: ['reviews'], http, ...extra },
  };
}

/** A DestinationRule for `reviews` with the given spec fields. */
export function destinationRule(spec: Record<string, any>): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'shop' },
    spec: { host: 'reviews', ...spec },
  };
}

/** A route to `reviews` that is valid on its own. */
export const ROUTE = [{ destination: { host: 'reviews' } }];
