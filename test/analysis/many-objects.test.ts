/**
 * The engine over very many objects: no rule may pass a list that grows with the input as
 * arguments of one call (`push(...list)`, `Math.max(...list)`), which overflows the call stack
 * ("Maximum call stack size exceeded") at about 125,000 items. No timing here.
 */
import { analyzeSources } from '../../src/analysis/analysis-run';
import { ManifestSource } from '../../src/analysis/manifest';

test('every rule runs over 200,000 objects of one namespace without overflowing the call stack', () => {
  const sources: ManifestSource[] = [];
  for (let i = 0; i < 200_000; i++) {
    sources.push({ manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'shop' }, data: { k: 'v' } } });
  }
  expect(analyzeSources(sources)).toEqual([]);
}, 120_000);
