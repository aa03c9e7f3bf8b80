import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { trafficPoliciesOf } from '../../resources/destinationrule';
import { hasText } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { CONFIGMAP_PREFIX, skipsVerify } from '../../validation/destinationrule';

export const destinationRuleInvalidTls: Rule = {
  id: 'destinationrule-invalid-tls',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule tls mixes credentialName with file certificates, misses MUTUAL client certificates, or skips verification while giving a CA.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Client TLS settings (`trafficPolicy.tls`, also per subset and port) that Istio\'s validation\n' +
    'webhook refuses:\n' +
    '- `credentialName: configmap://<namespace>/<name>` without both parts, or naming another namespace\n' +
    '  than the DestinationRule\'s;\n' +
    '- `insecureSkipVerify: true` with `caCertificates`, `subjectAltNames` (or, in SIMPLE mode,\n' +
    '  `credentialName`): there is nothing to verify against once verification is off;\n' +
    '- SIMPLE or MUTUAL with `credentialName` and also `clientCertificate`, `privateKey`,\n' +
    '  `caCertificates` or `caCrl` (the credential supplies them);\n' +
    '- MUTUAL without `credentialName` and without `clientCertificate` or `privateKey`.',
  fields: 'trafficPolicy.tls',
  fix: 'Use credentialName or certificate files (not both); give MUTUAL its client certificate; do not skip verification with a CA set.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      for (const p of trafficPoliciesOf(dr)) {
        const tls = p.policy.tls;
        if (!isPlainObject(tls)) continue;
        const path = [...p.path, 'tls'];
        const mode = typeof tls.mode === 'string' ? tls.mode : 'DISABLE';
        const credential = hasText(tls, 'credentialName') ? (tls.credentialName as string) : undefined;

        if (credential?.startsWith(CONFIGMAP_PREFIX)) {
          const [ns, name] = credential.slice(CONFIGMAP_PREFIX.length).split('/');
          if (name === undefined || ns === '' || name === '') {
            report({
              object: dr,
              path: [...path, 'credentialName'],
              message: `tls.credentialName ${JSON.stringify(credential)} of ${p.label} is not of the form configmap://<namespace>/<name>; Istio rejects it.`,
              fix: `Write credentialName: "configmap://${dr.namespace}/${name || ns || 'ca-bundle'}".`,
            });
          } else if (ns !== dr.namespace) {
            report({
              object: dr,
              path: [...path, 'credentialName'],
              message: `tls.credentialName ${JSON.stringify(credential)} of ${p.label} reads a ConfigMap in namespace "${ns}", but the DestinationRule is in "${dr.namespace}"; Istio only allows the DestinationRule's own namespace.`,
              fix: `Copy the ConfigMap into namespace ${dr.namespace} and write credentialName: "configmap://${dr.namespace}/${name}".`,
            });
          }
        }

        const sans = Array.isArray(tls.subjectAltNames) && tls.subjectAltNames.length > 0;
        if (skipsVerify(tls) && (mode === 'SIMPLE' || mode === 'MUTUAL')) {
          const conflicting = [
            hasText(tls, 'caCertificates') ? 'caCertificates' : undefined,
            sans ? 'subjectAltNames' : undefined,
            mode === 'SIMPLE' && credential ? 'credentialName' : undefined,
          ].filter((x): x is string => x !== undefined);
          if (conflicting.length > 0) {
            report({
              object: dr,
              path: [...path, 'insecureSkipVerify'],
              message: `tls of ${p.label} (mode ${mode}) sets insecureSkipVerify: true and also ${conflicting.join(', ')}, which only serve to verify the server; Istio rejects the combination.`,
              fix: `Remove insecureSkipVerify to verify the server (recommended), or remove ${conflicting.join(' and ')}.`,
            });
          }
        }

        if ((mode === 'SIMPLE' || mode === 'MUTUAL') && credential) {
          const files = ['clientCertificate', 'privateKey', 'caCertificates', 'caCrl'].filter((f) => hasText(tls, f));
          if (files.length > 0) {
            report({
              object: dr,
              path: [...path, 'credentialName'],
              message: `tls of ${p.label} sets credentialName ${JSON.stringify(credential)} and also ${files.join(', ')}; with credentialName the certificates come from the secret, and Istio rejects file paths next to it.`,
              fix: `Remove ${files.join(', ')} (put them in the secret ${credential}), or remove credentialName and mount the files.`,
            });
          }
          continue;
        }

        if (mode === 'MUTUAL') {
          const missing = ['clientCertificate', 'privateKey'].filter((f) => !hasText(tls, f));
          if (missing.length > 0) {
            report({
              object: dr,
              path,
              message: `tls of ${p.label} is MUTUAL without credentialName and without ${missing.join(' and ')}; Istio requires the client certificate and key for mutual TLS.`,
              fix: 'Set credentialName to a secret holding the client certificate and key (recommended), or set clientCertificate and privateKey to mounted files; use ISTIO_MUTUAL for mesh-internal services.',
            });
          }
        }
      }
    }
  },
};
