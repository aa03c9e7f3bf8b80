/**
 * Object identity across an app: Kubernetes knows an object by its API group, kind, namespace
 * and name, and `kubectl apply` of two manifests with one identity keeps only the last one
 * applied. cdk8s does not check this, so the mesh does at synth. Internal.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * One message per API object that shares its identity with an object written before it (in
 * construct-tree order), naming both construct paths.
 */
export function duplicateObjectErrors(root: IConstruct): string[] {
  const first = new Map<string, ApiObject>();
  const errors: string[] = [];
  for (const c of root.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const namespace = c.metadata.namespace;
    const key = JSON.stringify([c.apiGroup, c.kind, namespace ?? '', c.name]);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, c);
      continue;
    }
    const id = `${c.kind} ${namespace !== undefined ? `${namespace}/` : ''}${c.name}`;
    errors.push(
      `${earlier.node.path} and ${c.node.path} both write ${id}; kubectl apply would keep only the last one applied. ` +
      'Give one of them another name (most constructs take a name prop) or put both in one construct.',
    );
  }
  return errors;
}
