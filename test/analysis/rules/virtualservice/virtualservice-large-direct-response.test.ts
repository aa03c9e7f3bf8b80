import { Severity } from '../../../../src/analysis/diagnostic';
import { vsRoute } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('virtualservice-large-direct-response');

describe('virtualservice-large-direct-response', () => {
  test('warns (as Istio does) about a body over 100 KiB', () => {
    const body = Buffer.alloc(200 * 1024, 1).toString('base64');
    const d = one(rule, [vsRoute({ directResponse: { status: 200, body: { bytes: body } } })], {
      path: 'spec.http[0].directResponse.body',
      severity: Severity.WARNING,
    });
    expect(d.istioCode).toBe('IST0133');
    expect(d.message).toContain('204800 bytes');
  });

  test('accepts a body of 100 KiB', () => {
    none(rule, [vsRoute({ directResponse: { status: 200, body: { string: 'x'.repeat(100 * 1024) } } })]);
  });
});
