import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { arrayOf } from '../resources/virtualservice';

/** Where a policy applies, for messages. */
export function describeScope(model: MeshModel, ap: ObjectRecord): string {
  const selector = isPlainObject(ap.spec) && isPlainObject(ap.spec.selector) && isPlainObject(ap.spec.selector.matchLabels)
    ? Object.entries(ap.spec.selector.matchLabels).map(([k, v]) => `${k}=${String(v)}`).join(', ')
    : '';
  if (selector) return `the workloads labelled ${selector} in namespace ${ap.namespace}`;
  if (isPlainObject(ap.spec) && (isPlainObject(ap.spec.targetRef) || arrayOf(ap.spec.targetRefs).length > 0)) return 'its target';
  return ap.namespace === model.rootNamespace ? 'every workload of the mesh' : `every workload of namespace ${ap.namespace}`;
}

export function isEmptyList(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/** The annotation the library's constructs put on a policy whose principal was derived from a workload without service account. */
export const DEFAULT_SA_ANNOTATION = 'cdk8s-istio.io/principal-default-sa';

/** The namespace of a principal `<td>/ns/<ns>/sa/default`, or undefined when it names another account. */
export function defaultAccountNamespace(principal: string): string | undefined {
  const m = /^[^/*]+\/ns\/([^/*]+)\/sa\/default$/.exec(principal);
  return m ? m[1] : undefined;
}
