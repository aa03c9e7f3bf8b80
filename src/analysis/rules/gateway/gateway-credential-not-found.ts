import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel, PodTemplateRecord } from '../../model';
import { parseCredential } from '../../resources/gateway';
import { workloadSelectorOf } from '../../resources/selectors';
import { arrayOf } from '../../resources/virtualservice';

import { Report, Rule } from '../../rule';
import { listSome } from '../../text';
import { serverTlsMode } from '../../validation/server-tls';

export const gatewayCredentialNotFound: Rule = {
  id: 'gateway-credential-not-found',
  kinds: ['Gateway'],
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  summary: 'A Gateway server\'s credentialName names a secret that is not in the namespace of the gateway workload (when that workload is in the app).',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: 'A Gateway server\'s credentialName names a secret that is not in the namespace of the gateway workload (when that workload is in the app).\n' +
    'istioctl analyze reports the same check as IST0101 (ReferencedResourceNotFound).',
  fields: 'spec.servers[].tls.credentialName',
  fix: 'Create the Secret in the namespace of the gateway pods, or fix its name.',
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
      const selector = workloadSelectorOf(gw);
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
