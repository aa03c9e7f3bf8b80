import { serviceEntry } from '../../../fixtures/manifests';
import { clean, many, one, ruleById } from '../../../fixtures/rules';

const serviceEntryInvalidExportTo = ruleById('serviceentry-invalid-export-to');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];
const external = (spec: any, name = 'ext') => serviceEntry(name, 'shop', { location: 'MESH_EXTERNAL', ports: HTTPS, ...spec });

describe('serviceentry-invalid-export-to', () => {
  test('rejects "." together with the own namespace, "*" with others, and a bad entry', () => {
    const ds = many(serviceEntryInvalidExportTo, [
      external({ hosts: ['a.example.com'], resolution: 'DNS', exportTo: ['.', 'shop'] }, 'a'),
      external({ hosts: ['b.example.com'], resolution: 'DNS', exportTo: ['*', 'billing'] }, 'b'),
      external({ hosts: ['c.example.com'], resolution: 'DNS', exportTo: ['team_a'] }, 'c'),
    ], ['spec.exportTo[1]', 'spec.exportTo', 'spec.exportTo[0]']);
    expect(ds.map((d) => d.resource.name)).toEqual(['a', 'b', 'c']);
  });

  test('rejects "~" with other entries', () => {
    const found = one(serviceEntryInvalidExportTo, [external({ hosts: ['a.example.com'], resolution: 'DNS', exportTo: ['~', 'shop'] })], { path: 'spec.exportTo' });
    expect(found.message).toContain('mixes "~"');
  });

  // Istio validates "." as the namespace it stands for; kubectl would refuse the namespace anyway.
  test('rejects "." in a namespace whose name is not a namespace name', () => {
    const se = serviceEntry('ext', 'Bad_NS', { location: 'MESH_EXTERNAL', ports: HTTPS, hosts: ['a.example.com'], resolution: 'DNS', exportTo: ['.'] });
    const found = one(serviceEntryInvalidExportTo, [se], { path: 'spec.exportTo[0]' });
    expect(found.message).toContain('"Bad_NS"');
  });

  test('accepts ".", "~" and namespace lists', () => {
    clean(serviceEntryInvalidExportTo, [
      external({ hosts: ['a.example.com'], resolution: 'DNS', exportTo: ['.', 'billing'] }, 'a'),
      external({ hosts: ['b.example.com'], resolution: 'DNS', exportTo: ['~'] }, 'b'),
    ]);
  });
});
