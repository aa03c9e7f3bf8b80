import { serviceExists } from './hosts';
import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';
import { hostOf, TrafficPolicyRef, trafficPoliciesOf } from '../destinationrule-policies';

/** SIMPLE or MUTUAL TLS origination that verifies the server against no CA the user chose. */
function unverifiedTls(ref: TrafficPolicyRef): string | undefined {
  const tls = ref.policy.tls;
  if (!isPlainObject(tls)) return undefined;
  const mode = tls.mode;
  if (mode !== 'SIMPLE' && mode !== 'MUTUAL') return undefined;
  const has = (k: string) => typeof tls[k] === 'string' && tls[k] !== '';
  // A credentialName secret carries its own ca.crt; insecureSkipVerify is an explicit opt-out.
  if (has('caCertificates') || has('credentialName') || tls.insecureSkipVerify === true) return undefined;
  return mode;
}

function caRule(id: string, istioCode: string, portLevel: boolean, summary: string): Rule {
  return {
    id,
    severity: Severity.WARNING,
    istioCode,
    summary,
    check(model: MeshModel, report: Report): void {
      for (const dr of model.destinationRules()) {
        for (const ref of trafficPoliciesOf(dr)) {
          if (ref.portLevel !== portLevel) continue;
          const mode = unverifiedTls(ref);
          if (!mode) continue;
          report({
            object: dr,
            path: [...ref.path, 'tls'],
            message:
              `${ref.label[0].toUpperCase()}${ref.label.slice(1)} originates TLS (mode ${mode}) to ${hostOf(dr) ?? 'its host'} ` +
              'without caCertificates, so the client proxy has no CA of yours to check the server certificate against.',
            fix: 'Set tls.caCertificates (a CA file mounted in the proxy), or tls.credentialName (a Secret with ca.crt); ' +
              'set tls.insecureSkipVerify: true only to skip verification on purpose.',
          });
        }
      }
    },
  };
}

/** istioctl's NoServerCertificateVerificationDestinationLevel (IST0128), also applied to subsets. */
export const destinationRuleTlsWithoutCa = caRule(
  'destinationrule-tls-without-ca', 'IST0128', false,
  'A DestinationRule originates SIMPLE or MUTUAL TLS without caCertificates (nor credentialName), so the server certificate is not checked against your CA.');

/** istioctl's NoServerCertificateVerificationPortLevel (IST0129), also applied to subsets' ports. */
export const destinationRulePortTlsWithoutCa = caRule(
  'destinationrule-port-tls-without-ca', 'IST0129', true,
  'A DestinationRule port-level setting originates SIMPLE or MUTUAL TLS without caCertificates (nor credentialName).');

/**
 * istioctl's UnknownDestinationRuleHost (IST0174): the host is no Service and no ServiceEntry.
 * Only judged where the analysed set can tell: a cluster-local host in a namespace the app has
 * objects in, or a host outside the cluster domain when no ServiceEntry declares it. Wildcard
 * hosts (`*.ns.svc.cluster.local`) are not reported: they apply to whatever matches them.
 */
export const destinationRuleHostNotFound: Rule = {
  id: 'destinationrule-host-not-found',
  severity: Severity.WARNING,
  istioCode: 'IST0174',
  summary: 'A DestinationRule host matches no Service or ServiceEntry of the app, so its policy applies to nothing.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      const host = hostOf(dr);
      if (!host || host.includes('*')) continue;
      const fqdn = model.fqdn(host, dr.namespace);
      const verdict = serviceExists(model, fqdn);
      if (verdict !== 'missing') continue;
      report({
        object: dr,
        path: ['spec', 'host'],
        message:
          `Host "${host}"${fqdn !== host ? ` (${fqdn})` : ''} matches no Service and no ServiceEntry of the analysed manifests, ` +
          'so this DestinationRule configures traffic to nothing.',
        fix: fqdn.endsWith(`.svc.${model.clusterDomain}`)
          ? 'Use the name of an existing Service (name.namespace.svc.cluster.local), or create the Service.'
          : 'Declare the external host with a ServiceEntry, or fix the host name.',
      });
    }
  },
};

export const DESTINATION_RULE_PARITY_RULES: readonly Rule[] = [
  destinationRuleTlsWithoutCa,
  destinationRulePortTlsWithoutCa,
  destinationRuleHostNotFound,
];
