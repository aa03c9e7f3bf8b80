import { virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const virtualServiceInvalidExportTo = ruleById('virtualservice-invalid-export-to');

const http = (host: string) => ({ http: [{ route: [{ destination: { host } }] }] });

describe('virtualservice-invalid-export-to (IST0106)', () => {
  test('refuses repeated entries, "." next to the own namespace, and "*" with others', () => {
    const own = one(virtualServiceInvalidExportTo, [virtualService('a', 'shop', { hosts: ['r'], exportTo: ['shop', '.'], ...http('r') })], { path: 'spec.exportTo[1]' });
    expect(own.message).toContain('"." repeats the own namespace shop');
    const twice = one(virtualServiceInvalidExportTo, [virtualService('a', 'shop', { hosts: ['r'], exportTo: ['billing', 'billing'], ...http('r') })], { path: 'spec.exportTo[1]' });
    expect(twice.message).toContain('"billing" is listed twice');
    const ds = run(virtualServiceInvalidExportTo, [virtualService('a', 'shop', { hosts: ['r'], exportTo: ['*', 'billing', 'Billing'], ...http('r') })]);
    expect(ds.map((d) => d.message)).toEqual([
      'exportTo: "Billing" is not ".", "*", "~" or a namespace name; Istio rejects it.',
      'exportTo: "*" (everyone) cannot be combined with other entries; Istio rejects it.',
    ]);
  });

  test('refuses "." in a namespace whose name is not a namespace name, as Istio validates the namespace it stands for', () => {
    const d = one(virtualServiceInvalidExportTo, [virtualService('a', 'Bad_NS', { hosts: ['r'], exportTo: ['.'], ...http('r') })], { path: 'spec.exportTo[0]' });
    expect(d.message).toContain('"Bad_NS"');
  });

  test('accepts ".", "*" alone, and namespace lists', () => {
    const vss = [
      virtualService('a', 'shop', { hosts: ['r'], exportTo: ['.', 'billing'], ...http('r') }),
      virtualService('b', 'shop', { hosts: ['s'], exportTo: ['*'], ...http('s') }),
    ];
    none(virtualServiceInvalidExportTo, vss);
  });
});
