/** Reading the objects of a case the way istioctl names them. */
import { parseAllDocuments } from 'yaml';
import { Case, ObjectRef } from './corpus';

/** Kinds without a namespace (Kubernetes and the few cluster-scoped kinds in Istio's samples). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'StorageClass', 'PriorityClass', 'APIService', 'GatewayClass',
  'IngressClass', 'RuntimeClass', 'CSIDriver', 'ClusterIssuer', 'PodSecurityPolicy',
]);

/** One parsed document with the object's identity (namespace already defaulted). */
export interface ParsedObject extends ObjectRef {
  readonly file: string;
  readonly apiVersion: string;
  readonly body: any;
}

/** Every object of the case, in file and document order; `kind: List` items one by one. */
export function parseCaseObjects(c: Case, defaultNamespace = 'default'): ParsedObject[] {
  const out: ParsedObject[] = [];
  for (const f of c.files) {
    for (const doc of parseAllDocuments(f.content)) {
      const body = doc.toJS();
      if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
      const items = body.kind === 'List' && Array.isArray(body.items) ? body.items : [body];
      for (const item of items) {
        if (!item || typeof item !== 'object' || typeof item.kind !== 'string') continue;
        const meta = item.metadata ?? {};
        const kind = item.kind as string;
        const namespace = CLUSTER_SCOPED_KINDS.has(kind) ? '' : (typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : defaultNamespace);
        out.push({ file: f.name, apiVersion: String(item.apiVersion ?? ''), kind, namespace, name: String(meta.name ?? ''), body: item });
      }
    }
  }
  return out;
}
