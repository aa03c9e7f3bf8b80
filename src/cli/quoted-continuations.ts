/**
 * Kubernetes reads YAML with go-yaml, which accepts a multi-line quoted scalar whose continuation
 * lines sit at (or left of) the indentation of its key, as older controller-gen CRDs write them:
 *
 *     description: 'APIVersion defines the versioned schema of this representation
 *     of an object. Servers should convert ...'
 *
 * The YAML 1.2 grammar (and the yaml library lint uses) wants those lines indented further, and
 * refuses the document. A file kubectl applies must not stop lint, so when a file fails to parse,
 * lint indents such continuation lines one column past their key and parses again. Only spaces are
 * added at the start of lines inside a quoted scalar, so line numbers stay and the folded value is
 * the same (a flow scalar drops the leading white space of its continuation lines).
 */

/** Where a quoted scalar opened on this line ends: the index after its closing quote, or -1. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') {
      i++; // an escaped character, the quote included
      continue;
    }
    if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i++; // '' is a quote inside a single-quoted scalar
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

/** A block mapping entry (`key: 'text…`, possibly after `- `) whose value opens a quoted scalar. */
const OPENS_QUOTED = /^( *)(- +)?[^\s'"#][^:#]*: +(['"])/;

/**
 * The text with the continuation lines of multi-line quoted scalars indented past their key, or
 * the same text when there is none to fix.
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const m = OPENS_QUOTED.exec(lines[i]);
    if (!m) continue;
    const quote = m[3];
    if (closingQuote(lines[i], m[0].length, quote) >= 0) continue;
    const keyIndent = m[1].length + (m[2]?.length ?? 0);
    const pad = ' '.repeat(keyIndent + 1);
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== '' && indent <= keyIndent) {
        lines[j] = pad + line.trimStart();
        changed = true;
      }
      if (closingQuote(lines[j], 0, quote) >= 0) break;
    }
    i = j;
  }
  return changed ? lines.join('\n') : text;
}
