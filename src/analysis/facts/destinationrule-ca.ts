import { isPlainObject } from '../manifest';
import { MeshModel } from '../model';
import { hostOf, trafficPoliciesOf, TrafficPolicyRef } from '../resources/destinationrule';
import { Report, Rule, RuleInfo } from '../rule';

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

/** A rule on DestinationRule TLS without a CA: its metadata and which level of traffic policy it reads. */
export interface CaRuleProps extends RuleInfo {
  /** Port-level settings (`portLevelSettings[].tls`) rather than the top-level policy. */
  readonly portLevel: boolean;
}

/** A rule reporting TLS origination that does not verify the server, at one level of traffic policy. */
export function caRule(props: CaRuleProps): Rule {
  const { portLevel, ...info } = props;
  return {
    ...info,
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
