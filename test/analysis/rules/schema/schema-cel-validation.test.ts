import { none, one, ruleById, run } from '../../../fixtures/rules';
import { probe, probeSchemas } from '../../crd/helpers';

const rule = ruleById('schema-cel-validation');

/** CRDs of a `Probe` whose spec.port must be a valid port number. */
const portRule = () => probeSchemas({
  type: 'object',
  properties: { port: { 'type': 'integer', 'x-kubernetes-validations': [{ rule: '0 < self && self <= 65535', message: 'port must be between 1-65535' }] } },
});

describe('schema-cel-validation', () => {
  test('reports a value that fails a CEL rule of the CRDs, at the field, with the rule\'s message', () => {
    const d = one(rule, [probe({ port: 70000 })], { path: 'spec.port' }, { crds: portRule() });
    expect(d.message).toContain('port must be between 1-65535');
  });

  test('accepts a value that passes the rule', () => {
    none(rule, [probe({ port: 8080 })], { crds: portRule() });
  });

  test('runs only when CRDs are given: the built-in table has no CEL rules', () => {
    expect(run(rule, [probe({ port: 70000 })])).toEqual([]);
  });
});
