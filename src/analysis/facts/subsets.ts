import { ObjectRecord } from '../manifest';
import { editDistance } from '../text';

/** Subset names defined by the DestinationRules that apply to one host. */
export interface SubsetsForHost {
  readonly rules: ObjectRecord[];
  readonly subsets: Set<string>;
}

/** The defined name nearest to `name` (edit distance ≤ 2), for a "did you mean" hint. */
export function closestName(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

