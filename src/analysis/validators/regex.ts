import { RE2JS } from 're2js';

/**
 * Istio refuses regexes longer than this many bytes: Envoy limits the RE2 program size, which
 * Istio approximates by the pattern's length.
 */
export const MAX_ISTIO_REGEX_BYTES = 1024;

/** Why a regex is refused. */
export type RegexProblemKind = 'empty' | 'too-long' | 'syntax';

/** A regex Istio refuses. */
export interface RegexProblem {
  readonly kind: RegexProblemKind;
  /** What is wrong, e.g. `missing closing ): \`a(b\``. */
  readonly reason: string;
  /** How to write it instead, when a generic hint applies. */
  readonly hint?: string;
}

/**
 * Compiles `pattern` with RE2 (the engine Envoy runs, through re2js; not JavaScript's RegExp,
 * which accepts lookarounds and backreferences that RE2 refuses). Returns RE2's error text, or
 * undefined when the pattern compiles.
 */
export function re2CompileError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return text.replace(/^error parsing regexp: /, '');
  }
}

/**
 * Checks a regex of a `StringMatch`, a CORS origin or a URI rewrite as Istio's validation webhook
 * does: not empty, at most {@link MAX_ISTIO_REGEX_BYTES} bytes, and valid RE2 syntax.
 */
export function checkIstioRegex(pattern: string): RegexProblem | undefined {
  if (pattern === '') {
    return { kind: 'empty', reason: 'is empty', hint: 'Remove the match, or use a regex such as ".*" or a prefix match.' };
  }
  const bytes = Buffer.byteLength(pattern, 'utf8');
  if (bytes > MAX_ISTIO_REGEX_BYTES) {
    return {
      kind: 'too-long',
      reason: `is ${bytes} bytes long; Istio allows at most ${MAX_ISTIO_REGEX_BYTES}`,
      hint: 'Split it over several matches (each match of a route is OR-ed), or shorten it with character classes.',
    };
  }
  const error = re2CompileError(pattern);
  if (error !== undefined) {
    return { kind: 'syntax', reason: `is not valid RE2 syntax (${error})`, hint: re2Hint(pattern) };
  }
  return undefined;
}

/** A hint for RE2's usual surprises to people used to PCRE or JavaScript. */
function re2Hint(pattern: string): string {
  if (/\(\?<?[=!]/.test(pattern)) {
    return 'RE2 has no lookahead or lookbehind; express the condition with separate matches (e.g. a withoutHeaders match) instead.';
  }
  if (/\\[1-9]/.test(pattern)) {
    return 'RE2 has no backreferences; match the repeated text explicitly.';
  }
  if (/[*+?}][+]/.test(pattern) || /\(\?>/.test(pattern)) {
    return 'RE2 has no possessive quantifiers or atomic groups; drop the extra "+" or "(?>".';
  }
  return 'Istio runs regexes on RE2 (https://github.com/google/re2/wiki/Syntax); escape literal metacharacters with "\\".';
}
