/**
 * Builds the whole corpus, deterministically: construct-built apps, their mutations, the plain
 * scenarios and their mutations, and Istio's samples.
 */
import * as fs from 'fs';
import { Case, CORPUS_FILE, readJsonLines, StoredCase, storeCase } from './corpus';
import { constructCases } from './generate-constructs';
import { chooseMutations } from './mutate';
import { plainCases } from './plain';
import { Prng } from './prng';
import { sampleCases } from './samples';

export interface CorpusSize {
  /** Construct-built apps. */
  readonly constructApps: number;
  /** Mutations of each app. */
  readonly mutationsPerApp: number;
  /** Mutations of each plain scenario. */
  readonly mutationsPerPlain: number;
}

export const DEFAULT_SIZE: CorpusSize = { constructApps: 330, mutationsPerApp: 13, mutationsPerPlain: 14 };

/**
 * The corpus as stored. Istio's samples are read from `istioSrc` when given; otherwise the sample
 * cases of the corpus already recorded are kept (they need no checkout to replay).
 */
export function generateCorpus(size: CorpusSize, istioSrc?: string): StoredCase[] {
  const out: StoredCase[] = [];
  const addWithMutations = (base: Case, n: number, seed: number) => {
    out.push(storeCase(base));
    const r = new Prng(seed);
    chooseMutations(base.files, r, n).forEach((m, i) => {
      out.push({ id: `${base.id}-m${String(i).padStart(2, '0')}`, origin: base.origin === 'construct' ? 'construct-mutation' : base.origin, note: m.note, base: base.id, mutation: m.op });
    });
  };
  constructCases(size.constructApps).forEach((c, i) => addWithMutations(c, size.mutationsPerApp, 0xbad_0000 + i));
  plainCases().forEach((c, i) => addWithMutations(c, size.mutationsPerPlain, 0x9a1_0000 + i));

  if (istioSrc && fs.existsSync(istioSrc)) {
    out.push(...sampleCases(istioSrc));
  } else if (fs.existsSync(CORPUS_FILE)) {
    out.push(...readJsonLines<StoredCase>(CORPUS_FILE).filter((c) => c.origin === 'sample'));
  }
  return out;
}
