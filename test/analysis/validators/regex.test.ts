import { checkIstioRegex, re2CompileError } from '../../../src/analysis/validators/regex';

describe('re2CompileError (RE2 via re2js, not JavaScript RegExp)', () => {
  test('accepts RE2 syntax, including named groups and POSIX classes', () => {
    for (const p of ['^/api/v[0-9]+/.*$', '(?P<id>[a-z]+)', '(?<id>[a-z]+)', '[[:alpha:]]+', '(?i)chrome', '\\pL+']) {
      expect(re2CompileError(p)).toBeUndefined();
    }
  });

  test('refuses what JavaScript accepts but RE2 does not', () => {
    // All of these compile as JavaScript RegExp.
    for (const p of ['foo(?=bar)', '(?<!x)y', '(a)\\1']) {
      expect(() => new RegExp(p)).not.toThrow();
      expect(re2CompileError(p)).toBeDefined();
    }
  });

  test('reports RE2\'s own error text', () => {
    expect(re2CompileError('a(b')).toBe('missing closing ): `a(b`');
    expect(re2CompileError('a{1001}')).toContain('invalid repeat count');
  });
});

describe('checkIstioRegex', () => {
  test('refuses an empty regex', () => {
    expect(checkIstioRegex('')).toMatchObject({ kind: 'empty' });
  });

  test('refuses more than 1024 bytes, counting UTF-8 bytes', () => {
    expect(checkIstioRegex('a'.repeat(1024))).toBeUndefined();
    expect(checkIstioRegex('a'.repeat(1025))).toMatchObject({ kind: 'too-long' });
    expect(checkIstioRegex('\u00e9'.repeat(513))).toMatchObject({ kind: 'too-long', reason: expect.stringContaining('1026 bytes') });
  });

  test('refuses invalid syntax with a hint for lookarounds and backreferences', () => {
    expect(checkIstioRegex('foo(?!bar)')).toMatchObject({ kind: 'syntax', hint: expect.stringContaining('lookahead') });
    expect(checkIstioRegex('(a)\\1')).toMatchObject({ kind: 'syntax', hint: expect.stringContaining('backreferences') });
    expect(checkIstioRegex('*')).toMatchObject({ kind: 'syntax', reason: expect.stringContaining('missing argument to repetition operator') });
  });
});
