/**
 * A made-up Istio-group kind for the schema rules' tests of `oneOf`/`anyOf`: its CRD and the
 * findings of one rule on a Widget checked against it.
 */
import { CrdSchemas } from '../../../../src/analysis/crd';
import { Rule } from '../../../../src/analysis/rule';
import { run } from '../../../fixtures/rules';

/** A made-up kind in an Istio group whose spec needs exactly one of a/b, and at least one of c/d. */
const ALTERNATIVES_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.networking.istio.io }
spec:
  group: networking.istio.io
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              a: { type: string }
              b: { type: string }
              c: { type: string }
              d: { type: string }
            oneOf:
            - required: [a]
            - required: [b]
            anyOf:
            - required: [c]
            - required: [d]
`;

/** The findings of `rule` for a Widget of this spec, checked against the CRD above, as `rule-id path: message`. */
export function widgetIssues(rule: Rule, spec: any): string[] {
  const crds = CrdSchemas.fromYaml(ALTERNATIVES_CRD, 'widget.yaml');
  const widget = { apiVersion: 'networking.istio.io/v1', kind: 'Widget', metadata: { name: 'w' }, spec };
  return run(rule, [widget], { crds }).map((d) => `${d.ruleId} ${d.path}: ${d.message}`);
}
