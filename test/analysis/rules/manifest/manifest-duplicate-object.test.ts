import { analyzeSources } from '../../../../src/analysis/analysis-run';
import { Severity } from '../../../../src/analysis/diagnostic';
import { ManifestSource } from '../../../../src/analysis/manifest';
import { ALL_RULES } from '../../../../src/analysis/rules';
import { manifestDuplicateObject } from '../../../../src/analysis/rules/manifest/manifest-duplicate-object';

function vs(name: string, hosts: string[], apiVersion = 'networking.istio.io/v1'): any {
  return { apiVersion, kind: 'VirtualService', metadata: { name, namespace: 'shop' }, spec: { hosts, http: [{ route: [{ destination: { host: hosts[0] } }] }] } };
}

function run(sources: ManifestSource[]) {
  return analyzeSources(sources, { rules: [manifestDuplicateObject] });
}

describe('manifest-duplicate-object', () => {
  test('is registered as an info', () => {
    expect(ALL_RULES).toContain(manifestDuplicateObject);
    expect(manifestDuplicateObject.severity).toBe(Severity.INFO);
  });

  test('reports on the kept (last) definition, naming the shadowed copies with their files and lines', () => {
    const d = run([
      { manifest: vs('reviews', ['reviews']), file: 'base/vs.yaml', line: 1 },
      { manifest: vs('reviews', ['reviews']), file: 'overlays/prod/vs.yaml', line: 7 },
    ]);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ ruleId: 'manifest-duplicate-object', severity: 'info', file: 'overlays/prod/vs.yaml', path: 'metadata.name' });
    expect(d[0].message).toContain('also defined in base/vs.yaml:1');
    expect(d[0].message).toContain('overlays/prod/vs.yaml:7');
  });

  test('names the API version of a copy written with another one', () => {
    const d = run([
      { manifest: vs('reviews', ['reviews'], 'networking.istio.io/v1beta1'), file: 'old.yaml', line: 2 },
      { manifest: vs('reviews', ['reviews']), file: 'new.yaml', line: 1 },
    ]);
    expect(d[0].message).toContain('old.yaml:2 (networking.istio.io/v1beta1)');
  });

  test('lists every earlier copy, once per object', () => {
    const d = run([
      { manifest: vs('reviews', ['reviews']), file: 'step1.yaml', line: 1 },
      { manifest: vs('reviews', ['reviews']), file: 'step2.yaml', line: 1 },
      { manifest: vs('reviews', ['reviews']), file: 'step3.yaml', line: 1 },
    ]);
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('step1.yaml:1, step2.yaml:1');
    expect(d[0].message).toContain('2 earlier copies');
  });

  test('names the construct of copies made by constructs', () => {
    const d = run([
      { manifest: vs('reviews', ['reviews']), constructPath: 'app/a/VirtualService' },
      { manifest: vs('reviews', ['reviews']), constructPath: 'app/b/VirtualService' },
    ]);
    expect(d[0].constructPath).toBe('app/b/VirtualService');
    expect(d[0].message).toContain('construct app/a/VirtualService');
  });

  test('says nothing when every object is defined once', () => {
    expect(run([{ manifest: vs('reviews', ['reviews']) }, { manifest: vs('ratings', ['ratings']) }])).toEqual([]);
  });

  test('two definitions of one object do not conflict with each other (no self-conflict)', () => {
    const d = analyzeSources([
      { manifest: vs('reviews', ['reviews']), file: 'a.yaml', line: 1 },
      { manifest: vs('reviews', ['reviews']), file: 'b.yaml', line: 1 },
    ]);
    expect(d.map((x) => x.ruleId)).not.toContain('virtualservice-conflicting-mesh-hosts');
    expect(d.map((x) => x.ruleId)).toContain('manifest-duplicate-object');
  });
});
