/**
 * How a new disagreement with istioctl is classified before review (scripts/differential/known.ts).
 */
import { Disagreement } from '../../scripts/differential/compare';
import { classify } from '../../scripts/differential/known';

const falseError = (detail: string, object = 'DestinationRule shop/reviews'): Disagreement => ({ case: 'c', type: 'false-error', object, detail });
const missed = (object: string, detail: string): Disagreement => ({ case: 'c', type: 'missed-rejection', object, detail });

describe('classify', () => {
  test('an object with a schema error is crd-schema, whatever else lint reports on it', () => {
    expect(classify(falseError('schema-required-field'))).toBe('crd-schema');
    expect(classify(falseError('destinationrule-subset-no-pods, schema-required-field'))).toBe('crd-schema');
  });

  test('destinationrule-mtls-conflict is a deliberate traffic failure, also next to analyzers istioctl skips on files', () => {
    expect(classify(falseError('destinationrule-mtls-conflict'))).toBe('traffic-fails');
    expect(classify(falseError('destinationrule-mtls-conflict, destinationrule-subset-no-pods'))).toBe('traffic-fails');
  });

  test('any other error on an accepted object is lint-stricter', () => {
    expect(classify(falseError('destinationrule-mtls-conflict, virtualservice-conflicting-mesh-hosts'))).toBe('lint-stricter');
    expect(classify(falseError('virtualservice-conflicting-mesh-hosts', 'VirtualService shop/reviews'))).toBe('lint-stricter');
  });

  test('a Service istioctl validate rejects is its port-naming convention; other kinds are missing webhook checks', () => {
    expect(classify(missed('Service shop/api', 'service-port-protocol-undeclared[IST0118]:info'))).toBe('istioctl-service-convention');
    expect(classify(missed('DestinationRule shop/api', 'nothing'))).toBe('webhook-check-missing');
    expect(classify(missed('DestinationRule shop/api', 'destinationrule-subset-policy-unused:warning'))).toBe('webhook-check-as-warning');
  });
});
