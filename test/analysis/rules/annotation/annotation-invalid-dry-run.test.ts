import { Severity } from '../../../../src/analysis/diagnostic';
import { authorizationPolicy, virtualService } from '../../../fixtures/manifests';
import { many, none, ruleById } from '../../../fixtures/rules';

const annotationInvalidDryRun = ruleById('annotation-invalid-dry-run');

const withAnnotations = (obj: any, annotations: Record<string, string>) => ({ ...obj, metadata: { ...obj.metadata, annotations } });

describe('annotation-invalid-dry-run (IST0106)', () => {
  test('rejects dry-run on other kinds, on CUSTOM policies and with a non-boolean value', () => {
    const vs = withAnnotations(virtualService('r', 'shop', { hosts: ['r'], http: [{ route: [{ destination: { host: 'r' } }] }] }), { 'istio.io/dry-run': 'true' });
    const custom = authorizationPolicy('c', 'shop', { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } });
    const notBool = authorizationPolicy('d', 'shop', { action: 'DENY', rules: [{}] }, { annotations: { 'istio.io/dry-run': 'yes' } });
    const at = 'metadata.annotations["istio.io/dry-run"]';
    const ds = many(annotationInvalidDryRun, [vs, custom, notBool], [at, at, at], { severity: Severity.ERROR });
    expect(ds.map((d) => d.resource.name)).toEqual(['r', 'c', 'd']);
  });

  test('accepts dry-run on ALLOW and DENY policies', () => {
    const allow = authorizationPolicy('a', 'shop', { rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } });
    const deny = authorizationPolicy('d', 'shop', { action: 'DENY', rules: [{}] }, { annotations: { 'istio.io/dry-run': 'false' } });
    none(annotationInvalidDryRun, [allow, deny]);
  });
});
