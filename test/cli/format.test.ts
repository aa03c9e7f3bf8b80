import { Diagnostic, Severity } from '../../src/analysis/diagnostic';
import { formatInputProblem, formatJson, formatText, formatTextLine } from '../../src/cli/format';

const vsError: Diagnostic = {
  ruleId: 'virtualservice-subset-undefined',
  severity: Severity.ERROR,
  message: 'Subset v3 is not defined for host reviews.',
  fix: 'Add subset v3 to the DestinationRule of reviews.',
  resource: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespace: 'shop', name: 'reviews' },
  path: 'spec.http[1].route[0].destination.subset',
  istioCode: 'IST0101',
  file: 'b.yaml',
  line: 23,
};

const svcWarning: Diagnostic = {
  ruleId: 'service-port-name',
  severity: Severity.WARNING,
  message: 'Port name does not tell Istio the protocol.',
  resource: { apiVersion: 'v1', kind: 'Service', name: 'reviews' },
  path: '',
  file: 'a.yaml',
  line: 1,
};

const laterWarningInB: Diagnostic = { ...svcWarning, file: 'b.yaml', line: 4 };

describe('formatJson', () => {
  test('has exactly the documented keys, with null for what is unknown', () => {
    const parsed = JSON.parse(formatJson([vsError, svcWarning]));
    expect(Object.keys(parsed)).toEqual(['diagnostics']);
    expect(parsed.diagnostics[0]).toEqual({
      ruleId: 'virtualservice-subset-undefined',
      severity: 'error',
      message: 'Subset v3 is not defined for host reviews.',
      file: 'b.yaml',
      resource: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespace: 'shop', name: 'reviews' },
      path: 'spec.http[1].route[0].destination.subset',
      istioCode: 'IST0101',
      line: 23,
      fix: 'Add subset v3 to the DestinationRule of reviews.',
    });
    expect(parsed.diagnostics[1]).toMatchObject({
      resource: { apiVersion: 'v1', kind: 'Service', namespace: null, name: 'reviews' },
      istioCode: null,
      fix: null,
      path: '',
    });
  });

  test('no findings is an empty list', () => {
    expect(JSON.parse(formatJson([]))).toEqual({ diagnostics: [] });
  });
});

describe('formatText', () => {
  test('one line has file:line, severity, rule and code, object, path, message and fix', () => {
    expect(formatTextLine(vsError)).toBe(
      'b.yaml:23  error    virtualservice-subset-undefined [IST0101]  VirtualService shop/reviews  ' +
        'spec.http[1].route[0].destination.subset  Subset v3 is not defined for host reviews.  ' +
        'Fix: Add subset v3 to the DestinationRule of reviews.',
    );
  });

  test('an object without namespace, a whole-object path and no fix leave their columns out', () => {
    expect(formatTextLine(svcWarning)).toBe(
      'a.yaml:1  warning  service-port-name  Service reviews  Port name does not tell Istio the protocol.',
    );
  });

  test('findings are grouped by file in input order, by line within a file, then summed up', () => {
    const text = formatText([vsError, svcWarning, laterWarningInB], { files: ['a.yaml', 'b.yaml', 'c.yaml'], objects: 7 });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^a\.yaml:1 /);
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^b\.yaml:4 /);
    expect(lines[3]).toMatch(/^b\.yaml:23 /);
    expect(lines[4]).toBe('');
    expect(lines[5]).toBe('1 error, 2 warnings, 0 infos in 3 files (7 objects)');
    expect(lines[6]).toBe('');
    expect(lines).toHaveLength(7);
  });

  test('no findings prints one short clean line', () => {
    expect(formatText([], { files: ['a.yaml'], objects: 1 })).toBe('No problems found in 1 file (1 object).\n');
  });
});

describe('formatInputProblem', () => {
  test('quotes the source line with a caret under the column', () => {
    const out = formatInputProblem({ file: 'bad.yaml', line: 4, column: 9, message: 'YAML syntax error: oops', excerpt: '  name: a: b' }, 'error: ');
    expect(out).toBe('bad.yaml:4:9: error: YAML syntax error: oops\n    4 |   name: a: b\n                ^\n');
  });
});
