import { Severity } from '../../../../src/analysis/diagnostic';
import { namespaceObject } from '../../../fixtures/manifests';
import { clean, one, ruleById } from '../../../fixtures/rules';

const namespaceMultipleInjectionLabels = ruleById('namespace-multiple-injection-labels');

describe('namespace-multiple-injection-labels', () => {
  test('warns about istio-injection=enabled together with a revision', () => {
    const d = one(namespaceMultipleInjectionLabels, [namespaceObject('shop', { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' })], { path: 'metadata.labels', severity: Severity.WARNING });
    expect(d.message).toContain('istio-injection=enabled, istio.io/rev=canary');
  });

  test('accepts one label, and istio-injection=disabled next to the ambient label', () => {
    clean(namespaceMultipleInjectionLabels, [
      namespaceObject('a', { 'istio.io/rev': 'canary' }),
      namespaceObject('b', { 'istio-injection': 'disabled', 'istio.io/dataplane-mode': 'ambient' }),
    ]);
  });
});
