import { isCelError } from '@bufbuild/cel';
import { compileExpression, escapePropertyName } from '../../../src/analysis/crd/kubernetes-cel';

/** Evaluates an expression with `self` bound; returns the value, or `error: <message>`. */
function run(expression: string, self?: unknown): unknown {
  const compiled = compileExpression(expression);
  if (!compiled.program) throw new Error(`not compiled: ${compiled.unsupported}`);
  const result = compiled.program({ self });
  return isCelError(result) ? `error: ${result.message}` : result;
}

describe('Kubernetes URL library', () => {
  test.each([
    ['https://user:pass@example.com:80/path?query=val#fragment', true],
    ['/absolute-path', true],
    ['oci://ghcr.io/istio/plugin:1.0', true],
    ['mailto:someone@example.com', true],
    ['https://a:b:c/', false],
    ['../relative-path', false],
    ['example.com/path', false],
    ['', false],
    ['http://exa mple.com/', false],
    ['http://example.com/%zz', false],
  ])('isURL(%j) is %s, as Go\'s url.ParseRequestURI decides', (input, expected) => {
    expect(run('isURL(self)', input)).toBe(expected);
  });

  test('url() of a string that is not a URL is an evaluation error', () => {
    expect(run('url(self).getScheme()', '../relative')).toMatch(/^error: URL parse error during conversion from string: invalid URI for request/);
  });

  test.each([
    ['getScheme', 'HTTPS://example.com/', 'https'],
    ['getScheme', '/path', ''],
    ['getHost', 'https://example.com:80/', 'example.com:80'],
    ['getHost', 'https://[::1]:80/', '[::1]:80'],
    ['getHost', '/path', ''],
    ['getHostname', 'https://example.com:80/', 'example.com'],
    ['getHostname', 'https://[::1]:80/', '::1'],
    ['getPort', 'https://example.com:80/', '80'],
    ['getPort', 'https://example.com/', ''],
    ['getEscapedPath', 'https://example.com/path', '/path'],
    ['getEscapedPath', 'https://example.com/path with spaces/', '/path%20with%20spaces/'],
    ['getEscapedPath', 'https://example.com', ''],
  ])('url(…).%s() of %j is %j', (getter, input, expected) => {
    expect(run(`url(self).${getter}()`, input)).toBe(expected);
  });

  test('getQuery() groups repeated keys and decodes them', () => {
    expect(run('url(self).getQuery()["k2"] == ["b", "c"]', 'https://example.com/path?k1=a&k2=b&k2=c')).toBe(true);
    expect(run('url(self).getQuery()["key with spaces"][0]', 'https://example.com/?key+with+spaces=value%20x')).toBe('value x');
    expect(run('url(self).getQuery().size()', 'https://example.com/path')).toBe(0n);
  });

  test('the fragment is not part of the path or the query', () => {
    expect(run('url(self).getEscapedPath()', 'https://example.com/a#frag')).toBe('/a');
  });

  test('URLs have the type kubernetes.URL', () => {
    expect(run('type(url(self)) == type(url("/other"))', '/x')).toBe(true);
  });
});

describe('the rest of the CRD validation environment', () => {
  test('string extension functions are available (substring, lowerAscii, split, join)', () => {
    expect(run('self.substring(7, 8)', 'unix:///var/run')).toBe('/');
    expect(run('self.lowerAscii().split("-").join(".")', 'A-B')).toBe('a.b');
  });

  test('substring past the end is an evaluation error, as in Go', () => {
    expect(run('self.substring(7, 8) == "/"', 'unix://')).toMatch(/^error: /);
  });

  test('matches() uses RE2 and searches (it is not anchored)', () => {
    expect(run('self.matches("b+")', 'abbc')).toBe(true);
    expect(run('self.matches("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$")', 'http-web')).toBe(true);
    expect(run('self.matches("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$")', '-web')).toBe(false);
  });

  test('duration() parses Go durations and refuses other text', () => {
    expect(run('duration(self) >= duration("1ms")', '1h30m')).toBe(true);
    expect(run('duration(self) >= duration("1ms")', '500us')).toBe(false);
    expect(run('duration(self) >= duration("1ms")', '5')).toMatch(/^error: .*duration/);
  });

  test('an expression calling a function the evaluator lacks is marked unsupported, not run', () => {
    const c = compileExpression('self.isSorted() && quantity(self[0]).isInteger()');
    expect(c.program).toBeUndefined();
    expect(c.unsupported).toMatch(/^uses .*, which this evaluator does not implement$/);
    for (const name of ['isSorted()', 'quantity()', 'isInteger()']) expect(c.unsupported).toContain(name);
  });

  test('an expression that does not parse is marked unsupported', () => {
    expect(compileExpression('self. +').unsupported).toMatch(/^cannot be parsed here/);
  });

  test('reading oldSelf marks a transition rule', () => {
    expect(compileExpression('self == oldSelf').usesOldSelf).toBe(true);
    expect(compileExpression('self == "oldSelf"').usesOldSelf).toBe(false);
  });
});

describe('property names as Kubernetes escapes them for CEL', () => {
  test.each([
    ['host', 'host'],
    ['jwks_uri', 'jwks_uri'],
    ['namespace', '__namespace__'],
    ['in', '__in__'],
    ['a-b', 'a__dash__b'],
    ['a.b/c', 'a__dot__b__slash__c'],
    ['a__b', 'a__underscores__b'],
  ])('%s is written %s', (name, escaped) => {
    expect(escapePropertyName(name)).toBe(escaped);
  });

  test.each(['', '1port', 'a b', 'café'])('%j cannot be written in CEL', (name) => {
    expect(escapePropertyName(name)).toBeUndefined();
  });
});
