/**
 * What a Gateway's selector reaches in the app: istioctl's ReferencedResourceNotFound (IST0101)
 * for a selector that matches no pod, and for a `credentialName` secret missing from the gateway
 * workload's namespace. Both are warnings here: a gateway deployment or a secret made outside
 * the app (an Istio install, cert-manager) is common and cannot be seen in the manifests.
 */
import { formatSelector, listSome } from './problems';
import { serverTlsMode } from './server-tls';
import { Severity } from '../../diagnostic';
import { isPlainObject, ObjectRecord, stringMap } from '../../manifest';
import { MeshModel, PodTemplateRecord } from '../../model';
import { Report, Rule } from '../../rule';
import { arrayOf } from '../virtualservice-routes';

/** The selectors of the gateways Istio installs by default; they are expected outside the app. */
const DEFAULT_SELECTORS = ['ingressgateway', 'egressgateway'];

/** `spec.selector` of a Gateway. */
export function gatewaySelector(gw: ObjectRecord): Record<string, string> {
  return isPlainObject(gw.spec) ? stringMap(gw.spec.selector) : {};
}

/** Whether the selector is exactly Istio's default `istio: ingressgateway` or `istio: egressgateway`. */
export function isDefaultGatewaySelector(selector: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length === 1 && keys[0] === 'istio' && DEFAULT_SELECTORS.includes(selector.istio);
}

/** Values each label key takes on the pod templates of the app, computed once per key. */
function labelValues(model: MeshModel): (key: string) => string[] {
  const known = new Map<string, string[]>();
  return (key) => {
    let values = known.get(key);
    if (!values) {
      const set = new Set<string>();
      for (const p of model.allPodTemplates()) if (p.labels[key] !== undefined) set.add(p.labels[key]);
      values = [...set].sort();
      known.set(key, values);
    }
    return values;
  };
}

export const gatewaySelectorNoWorkloads: Rule = {
  id: 'gateway-selector-no-workloads',
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  summary: 'A Gateway selector matches no pod template of the app in any namespace (Istio\'s default ingressgateway/egressgateway selectors are expected and not reported).',
  check(model: MeshModel, report: Report): void {
    if (!model.hasWorkloads()) return;
    const values = labelValues(model);
    for (const gw of model.gateways()) {
      const selector = gatewaySelector(gw);
      if (Object.keys(selector).length === 0 || isDefaultGatewaySelector(selector)) continue;
      if (model.podTemplatesMatchingAnywhere(selector).length > 0) continue;
      const seen = Object.keys(selector).map((k) => {
        const v = values(k);
        return v.length === 0 ? `no pod has a "${k}" label` : `"${k}" is ${listSome(v.map((x) => `"${x}"`), 4)}`;
      });
      report({
        object: gw,
        path: ['spec', 'selector'],
        message:
          `Selector ${formatSelector(selector)} matches no pod template of the app in any namespace, so no gateway proxy serves this Gateway ` +
          `unless one is deployed outside the app. On the app's pods, ${seen.join('; ')}.`,
        fix:
          'Use the labels of your gateway deployment\'s pod template (e.g. istio: ingressgateway for the default ingress gateway, or the `istio` label of a gateway installed with the Istio gateway chart). ' +
          'If the gateway is installed separately, this warning can be ignored.',
      });
    }
  },
};

/** A `credentialName` as Istio resolves it: `name`, `kubernetes://name`, `kubernetes://ns/name`; undefined for `builtin://`. */
function parseCredential(value: string, workloadNamespace: string): { namespace: string; name: string } | undefined {
  if (value.startsWith('builtin://')) return undefined;
  const rest = value.startsWith('kubernetes://') ? value.slice('kubernetes://'.length) : value;
  const slash = rest.indexOf('/');
  if (value.startsWith('kubernetes://') && slash >= 0) return { namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
  return { namespace: workloadNamespace, name: rest };
}

export const gatewayCredentialNotFound: Rule = {
  id: 'gateway-credential-not-found',
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  summary: 'A Gateway server\'s credentialName names a secret that is not in the namespace of the gateway workload (when that workload is in the app).',
  check(model: MeshModel, report: Report): void {
    const gateways = model.gateways();
    if (gateways.length === 0 || !model.hasWorkloads()) return;
    // Secrets cert-manager will create, by namespace and name.
    const issued = new Set<string>();
    for (const cert of model.ofKind('cert-manager.io', 'Certificate')) {
      if (isPlainObject(cert.spec) && typeof cert.spec.secretName === 'string') issued.add(`${cert.namespace}/${cert.spec.secretName}`);
    }
    const exists = (ns: string, name: string) => model.find('', 'Secret', ns, name) !== undefined || issued.has(`${ns}/${name}`);
    for (const gw of gateways) {
      const selector = gatewaySelector(gw);
      const pods: PodTemplateRecord[] = model.podTemplatesMatchingAnywhere(selector);
      if (Object.keys(selector).length === 0 || pods.length === 0) continue;
      const namespaces = [...new Set(pods.map((p) => p.namespace))];
      arrayOf(isPlainObject(gw.spec) ? gw.spec.servers : undefined).forEach((server, i) => {
        if (!isPlainObject(server) || !isPlainObject(server.tls)) return;
        const tls = server.tls;
        if (!['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'].includes(serverTlsMode(tls))) return;
        const names: Array<{ value: string; path: Array<string | number> }> = [];
        if (typeof tls.credentialName === 'string' && tls.credentialName !== '') names.push({ value: tls.credentialName, path: ['spec', 'servers', i, 'tls', 'credentialName'] });
        arrayOf(tls.credentialNames).forEach((c, j) => {
          if (typeof c === 'string' && c !== '') names.push({ value: c, path: ['spec', 'servers', i, 'tls', 'credentialNames', j] });
        });
        for (const { value, path } of names) {
          const missing = namespaces
            .map((ns) => parseCredential(value, ns))
            .filter((ref): ref is { namespace: string; name: string } => ref !== undefined && !exists(ref.namespace, ref.name));
          if (missing.length === 0) continue;
          report({
            object: gw,
            path,
            message:
              `credentialName "${value}" names Secret ${missing.map((m) => `${m.namespace}/${m.name}`).join(', ')}, which is not in the app; the gateway ` +
              `(pods of ${listSome([...new Set(pods.map((p) => `${p.owner.kind} ${p.namespace}/${p.owner.name}`))], 2)}) reads it from its own namespace, and without it the server's TLS listener cannot start.`,
            fix:
              `Create a kubernetes.io/tls Secret "${missing[0].name}" (keys tls.crt, tls.key${serverTlsMode(tls) === 'SIMPLE' ? '' : ', ca.crt'}) in namespace ${missing[0].namespace}, ` +
              'for instance with a cert-manager Certificate whose secretName is that name. If the secret is created outside this app, this warning can be ignored.',
          });
        }
      });
    }
  },
};
