import { celIssues, probe, probeSchemas } from './helpers';
import * as celModule from '../../../src/analysis/crd/kubernetes-cel';
import { formatPath } from '../../../src/analysis/json-path';

/** A spec schema with one field `port` (integer) carrying the given rules. */
function portRules(...rules: object[]) {
  return probeSchemas({ type: 'object', properties: { port: { 'type': 'integer', 'x-kubernetes-validations': rules } } });
}

const paths = (issues: Array<{ path: ReadonlyArray<string | number> }>) => issues.map((i) => formatPath(i.path));

describe('evaluating a rule', () => {
  const crds = portRules({ rule: '0 < self && self <= 65535', message: 'port must be between 1-65535' });

  test('a rule that holds reports nothing', () => {
    expect(celIssues(crds, probe({ port: 8080 }))).toEqual([]);
  });

  test('a rule that does not hold is reported at its field, with the rule, the value and its message', () => {
    const [issue, ...rest] = celIssues(crds, probe({ port: 70000 }));
    expect(rest).toEqual([]);
    expect(formatPath(issue.path)).toBe('spec.port');
    expect(issue.rule).toBe('0 < self && self <= 65535');
    expect(issue.message).toBe('The Probe CRD\'s validation rule `0 < self && self <= 65535` does not hold for 70000: port must be between 1-65535.');
    expect(issue.fix).toBe('Change spec.port so the API server accepts it: port must be between 1-65535.');
  });

  test('an absent field is not validated', () => {
    expect(celIssues(crds, probe({}))).toEqual([]);
  });

  test('a null field is not validated', () => {
    expect(celIssues(crds, probe({ port: null }))).toEqual([]);
  });

  test('a value of the wrong type is left to the schema rules: its rules do not run', () => {
    expect(celIssues(crds, probe({ port: 'eighty' }))).toEqual([]);
  });
});

describe('values as Kubernetes hands them to CEL', () => {
  test('an integer field is a CEL int, a number field a CEL double', () => {
    const crds = probeSchemas({
      type: 'object',
      properties: {
        count: { 'type': 'integer', 'x-kubernetes-validations': [{ rule: 'type(self) == int' }] },
        ratio: { 'type': 'number', 'x-kubernetes-validations': [{ rule: 'type(self) == double' }] },
      },
    });
    expect(celIssues(crds, probe({ count: 3, ratio: 2 }))).toEqual([]);
  });

  test('int-or-string values keep their own type', () => {
    const crds = probeSchemas({
      type: 'object',
      properties: { port: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-validations': [{ rule: 'type(self) == string || self > 0' }] } },
    });
    expect(celIssues(crds, probe({ port: 'http' }))).toEqual([]);
    expect(paths(celIssues(crds, probe({ port: 0 })))).toEqual(['spec.port']);
  });

  test('fields named after CEL keywords are escaped (namespace is __namespace__)', () => {
    const crds = probeSchemas({
      'type': 'object',
      'properties': { namespace: { type: 'string' } },
      'x-kubernetes-validations': [{ rule: '!has(self.__namespace__) || self.__namespace__ == ""', message: 'no namespace' }],
    });
    expect(celIssues(crds, probe({ namespace: '' }))).toEqual([]);
    expect(paths(celIssues(crds, probe({ namespace: 'other' })))).toEqual(['spec']);
  });

  test('fields the schema does not declare are pruned: rules do not see them', () => {
    const crds = probeSchemas({
      'type': 'object',
      'properties': { a: { type: 'string' } },
      'x-kubernetes-validations': [{ rule: '!has(self.extra)' }],
    });
    expect(celIssues(crds, probe({ a: 'x', extra: 'y' }))).toEqual([]);
  });

  test('map keys are visible as written', () => {
    const crds = probeSchemas({
      type: 'object',
      properties: {
        labels: {
          'type': 'object',
          'additionalProperties': { type: 'string' },
          'x-kubernetes-validations': [{ rule: 'self.all(k, !k.contains("*"))', message: 'no wildcard keys' }],
        },
      },
    });
    expect(celIssues(crds, probe({ labels: { 'app.kubernetes.io/name': 'x' } }))).toEqual([]);
    expect(paths(celIssues(crds, probe({ labels: { 'app*': 'x' } })))).toEqual(['spec.labels']);
  });

  test('list items are checked one by one, at their index', () => {
    const crds = probeSchemas({
      type: 'object',
      properties: { hosts: { type: 'array', items: { 'type': 'string', 'x-kubernetes-validations': [{ rule: 'self != "*"' }] } } },
    });
    expect(paths(celIssues(crds, probe({ hosts: ['a.example.com', '*', 'b', '*'] })))).toEqual(['spec.hosts[1]', 'spec.hosts[3]']);
  });

  test('a rule at the root sees apiVersion, kind and metadata.name', () => {
    const crds = probeSchemas({ type: 'object' }, {
      'x-kubernetes-validations': [{ rule: 'self.metadata.name.startsWith("p-") && self.kind == "Probe" && self.apiVersion.endsWith("/v1")', message: 'names start with p-' }],
    });
    expect(celIssues(crds, probe({}, 'p-1'))).toEqual([]);
    const [issue] = celIssues(crds, probe({}, 'q-1'));
    expect(issue.path).toEqual([]);
    expect(issue.message).toContain('does not hold for the object: names start with p-.');
  });

  test('rules of allOf sub-schemas apply to the same value', () => {
    const crds = probeSchemas({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      allOf: [{ 'x-kubernetes-validations': [{ rule: 'has(self.a) == has(self.b)', message: 'a and b go together' }] }],
    });
    expect(celIssues(crds, probe({ a: 'x', b: 'y' }))).toEqual([]);
    expect(celIssues(crds, probe({ a: 'x' }))[0].message).toContain('a and b go together');
  });

  test('a parent\'s rule is reported before its children\'s', () => {
    const crds = probeSchemas({
      'type': 'object',
      'properties': { port: { 'type': 'integer', 'x-kubernetes-validations': [{ rule: 'self > 0' }] } },
      'x-kubernetes-validations': [{ rule: 'has(self.name)' }],
    });
    expect(paths(celIssues(crds, probe({ port: 0 })))).toEqual(['spec', 'spec.port']);
  });
});

describe('messages, field paths and reasons', () => {
  test('without a message, the message is "failed rule: <rule>"', () => {
    const [issue] = celIssues(portRules({ rule: 'self > 1' }), probe({ port: 1 }));
    expect(issue.message).toMatch(/: failed rule: self > 1\.$/);
  });

  test('messageExpression gives the message when it evaluates to a one-line string', () => {
    const crds = portRules({ rule: 'self <= 100', message: 'too big', messageExpression: '"port " + string(self) + " is above 100"' });
    expect(celIssues(crds, probe({ port: 101 }))[0].message).toMatch(/: port 101 is above 100\.$/);
  });

  test('message is used when messageExpression fails or gives an empty string', () => {
    const failing = portRules({ rule: 'self <= 100', message: 'too big', messageExpression: 'self.nothing' });
    const empty = portRules({ rule: 'self <= 100', message: 'too big', messageExpression: '"  "' });
    expect(celIssues(failing, probe({ port: 101 }))[0].message).toMatch(/: too big\.$/);
    expect(celIssues(empty, probe({ port: 101 }))[0].message).toMatch(/: too big\.$/);
  });

  test('fieldPath moves the finding to the field it names (.name and [\'name\'] forms)', () => {
    const crds = probeSchemas({
      'type': 'object',
      'properties': { 'tls': { type: 'object', properties: { mode: { type: 'string' } } }, 'x.y': { type: 'string' } },
      'x-kubernetes-validations': [
        { rule: 'has(self.tls)', fieldPath: '.tls.mode', reason: 'FieldValueRequired', message: 'tls.mode is required' },
        { rule: 'has(self.x__dot__y)', fieldPath: '[\'x.y\']', message: 'x.y is required' },
        { rule: 'false', fieldPath: 'not a path', message: 'always' },
      ],
    });
    const issues = celIssues(crds, probe({}));
    expect(paths(issues)).toEqual(['spec.tls.mode', 'spec["x.y"]', 'spec']);
    expect(issues[0].message).toContain('(a required value is missing): tls.mode is required.');
  });

  test('reason FieldValueForbidden says the field is forbidden', () => {
    const crds = portRules({ rule: 'false', reason: 'FieldValueForbidden', message: 'port is set by the platform' });
    expect(celIssues(crds, probe({ port: 1 }))[0].message).toContain('(the field is forbidden here): port is set by the platform.');
  });

  test('an evaluation error fails the rule and is reported with the error', () => {
    const crds = probeSchemas({
      type: 'object',
      properties: { timeout: { 'type': 'string', 'x-kubernetes-validations': [{ rule: 'duration(self) >= duration(\'1ms\')', message: 'must be a valid duration greater than 1ms' }] } },
    });
    const [issue] = celIssues(crds, probe({ timeout: '10 seconds' }));
    expect(formatPath(issue.path)).toBe('spec.timeout');
    expect(issue.message).toMatch(/^The Probe CRD's validation rule `duration\(self\) >= duration\('1ms'\)` fails on "10 seconds" with ".*duration.*", so the API server rejects it: must be a valid duration greater than 1ms\.$/);
  });
});

describe('transition rules (oldSelf)', () => {
  test('a rule reading oldSelf is skipped: lint only sees new objects (create)', () => {
    expect(celIssues(portRules({ rule: 'self == oldSelf', message: 'immutable' }), probe({ port: 1 }))).toEqual([]);
  });

  test('with optionalOldSelf it runs, and oldSelf holds no value', () => {
    const holds = portRules({ rule: '!oldSelf.hasValue() || self == oldSelf.value()', optionalOldSelf: true });
    const fails = portRules({ rule: 'oldSelf.hasValue()', optionalOldSelf: true, message: 'updates only' });
    const fallback = portRules({ rule: 'oldSelf.orValue(0) < self', optionalOldSelf: true });
    expect(celIssues(holds, probe({ port: 1 }))).toEqual([]);
    expect(paths(celIssues(fails, probe({ port: 1 })))).toEqual(['spec.port']);
    expect(celIssues(fallback, probe({ port: 1 }))).toEqual([]);
  });
});

describe('compilation', () => {
  afterEach(() => jest.restoreAllMocks());

  test('each distinct expression is compiled once, however many objects and fields use it', () => {
    const spy = jest.spyOn(celModule, 'compileExpression');
    const crds = probeSchemas({
      type: 'object',
      properties: {
        a: { 'type': 'string', 'x-kubernetes-validations': [{ rule: 'self.size() > 1' }] },
        b: { 'type': 'string', 'x-kubernetes-validations': [{ rule: 'self.size() > 1' }] },
        c: { 'type': 'integer', 'x-kubernetes-validations': [{ rule: 'self > 1', messageExpression: '"c is " + string(self)' }] },
      },
    });
    for (let i = 0; i < 50; i++) celIssues(crds, probe({ a: 'x', b: 'yy', c: i }));
    expect(spy.mock.calls.map((c) => c[0]).sort()).toEqual(['"c is " + string(self)', 'self > 1', 'self.size() > 1']);
  });

  test('a rule using a function the evaluator lacks is noted once and skipped', () => {
    const crds = portRules({ rule: 'quantity(string(self)).isInteger()', message: 'a quantity' });
    expect(crds.notes).toEqual(['CEL rule `quantity(string(self)).isInteger()` is not evaluated: it uses isInteger(), quantity(), which this evaluator does not implement']);
    expect(celIssues(crds, probe({ port: 1 }))).toEqual([]);
  });
});

describe('schema defaults', () => {
  // As on a Gateway API backendRef: `group` defaults to "", and a rule of the object reads it.
  const crds = probeSchemas({
    'type': 'object',
    'properties': { group: { type: 'string', default: '' }, kind: { type: 'string', default: 'Service' }, port: { type: 'integer' } },
    'x-kubernetes-validations': [{ rule: '(size(self.group) == 0 && self.kind == \'Service\') ? has(self.port) : true', message: 'Must have port for Service reference' }],
  });

  test('a field left out that has a default is seen with its default, as the API server defaults before validating', () => {
    expect(celIssues(crds, probe({})).map((i) => i.message)).toEqual([expect.stringMatching(/Must have port for Service reference/)]);
    expect(celIssues(crds, probe({ port: 80 }))).toEqual([]);
  });

  test('a field that is written keeps its value', () => {
    expect(celIssues(crds, probe({ group: 'networking.istio.io', kind: 'Hostname' }))).toEqual([]);
  });
});
