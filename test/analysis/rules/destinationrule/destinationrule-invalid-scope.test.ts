import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { destinationRule } from '../../../fixtures/manifests';
import { many, none, ruleById, run } from '../../../fixtures/rules';

const destinationRuleInvalidScope = ruleById('destinationrule-invalid-scope');


describe('destinationrule-invalid-scope (IST0106)', () => {
  test('refuses exporting a DestinationRule with workloadSelector beyond its namespace, and wildcard selector labels', () => {
    many(destinationRuleInvalidScope, [
      destinationRule('a', 'shop', { host: 'r', exportTo: ['*'], workloadSelector: { matchLabels: { app: 'web*' } } }),
    ], ['spec.exportTo', 'spec.workloadSelector.matchLabels.app']);
  });

  test('warns on a workloadSelector without labels, as istioctl\'s webhook warning IST0133', () => {
    const ds = run(destinationRuleInvalidScope, [destinationRule('a', 'shop', { host: 'r', workloadSelector: {} })]);
    expect(ds.map((d) => d.severity)).toEqual([Severity.WARNING]);
    expect(ds[0].istioCode).toBe('IST0133');
  });

  test('accepts exportTo "." with a workloadSelector, and any valid exportTo without one', () => {
    const drs = [
      destinationRule('a', 'shop', { host: 'r', exportTo: ['.'], workloadSelector: { matchLabels: { app: 'web' } } }),
      destinationRule('b', 'shop', { host: 's', exportTo: ['*'] }),
    ];
    expectValidIstioObjects(drs);
    none(destinationRuleInvalidScope, drs);
  });
});
