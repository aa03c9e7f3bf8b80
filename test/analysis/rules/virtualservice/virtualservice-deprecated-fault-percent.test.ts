import { Severity } from '../../../../src/analysis/diagnostic';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';
import { virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const virtualServiceDeprecatedFaultPercent = ruleById('virtualservice-deprecated-fault-percent');

describe('virtualservice-deprecated-fault-percent (IST0002)', () => {
  test('warns on fault.delay.percent and gives the percentage to write', () => {
    const vs = virtualService('r', 'shop', { hosts: ['r'], http: [{ fault: { delay: { percent: 10, fixedDelay: '1s' } }, route: [{ destination: { host: 'r' } }] }] });
    const d = one(virtualServiceDeprecatedFaultPercent, [vs], { path: 'spec.http[0].fault.delay.percent', severity: Severity.WARNING });
    expect(d.fix).toBe('Write percentage: { value: 10 } instead.');
  });

  test('accepts percentage', () => {
    const vs = virtualService('r', 'shop', { hosts: ['r'], http: [{ fault: { delay: { percentage: { value: 10 }, fixedDelay: '1s' } }, route: [{ destination: { host: 'r' } }] }] });
    expectValidIstioObjects([vs]);
    none(virtualServiceDeprecatedFaultPercent, [vs]);
  });
});
