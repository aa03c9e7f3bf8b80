import { isPlainObject, ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { hostOf, trafficPoliciesOf, TrafficPolicyRef } from '../resources/destinationrule';
import { Report, Rule, RuleInfo } from '../rule';

/** Why a SIMPLE or MUTUAL TLS origination verifies the server against no CA of the user's. */
type Unverified = 'no-ca' | 'credential-without-selector' | 'skip-verify';

/**
 * istioctl's condition (CaCertificateAnalyzer): SIMPLE or MUTUAL without caCertificates, unless a
 * credentialName is set on a DestinationRule with a workloadSelector. Sidecars honour
 * credentialName only in a DestinationRule with a workloadSelector (istiod leaves them without an
 * upstream TLS context otherwise, so that every sidecar in scope does not wait for a Secret it
 * may not read); only gateways read it from a DestinationRule without one. insecureSkipVerify
 * does not silence istioctl either: it is exactly the unverified connection the message is about.
 */
function unverifiedTls(dr: ObjectRecord, ref: TrafficPolicyRef): { mode: string; why: Unverified } | undefined {
  const tls = ref.policy.tls;
  if (!isPlainObject(tls)) return undefined;
  const mode = tls.mode;
  if (mode !== 'SIMPLE' && mode !== 'MUTUAL') return undefined;
  const has = (k: string) => typeof tls[k] === 'string' && tls[k] !== '';
  if (has('caCertificates')) return undefined;
  const selected = isPlainObject(dr.spec) && isPlainObject(dr.spec.workloadSelector);
  if (has('credentialName')) return selected ? undefined : { mode, why: 'credential-without-selector' };
  return { mode, why: tls.insecureSkipVerify === true ? 'skip-verify' : 'no-ca' };
}

function describe(why: Unverified): { message: string; fix: string } {
  switch (why) {
    case 'credential-without-selector':
      return {
        message: 'with credentialName but no caCertificates: a DestinationRule without a workloadSelector hands credentialName to gateways only, ' +
          'so sidecars get no CA to check the server certificate against (istiod gives them no TLS settings for it at all).',
        fix: 'Add a workloadSelector naming the client workloads so that their sidecars read credentialName, or, for sidecars, ' +
          'set caCertificates (and the client certificate files for MUTUAL) instead of credentialName.',
      };
    case 'skip-verify':
      return {
        message: 'with insecureSkipVerify: true and no caCertificates, so the server certificate is not verified at all.',
        fix: 'Set tls.caCertificates (a CA file mounted in the proxy) and drop insecureSkipVerify, unless skipping verification is deliberate.',
      };
    default:
      return {
        message: 'without caCertificates, so the client proxy has no CA of yours to check the server certificate against.',
        fix: 'Set tls.caCertificates (a CA file mounted in the proxy), or tls.credentialName (a Secret with ca.crt) together with a workloadSelector.',
      };
  }
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
          const unverified = unverifiedTls(dr, ref);
          if (!unverified) continue;
          const { message, fix } = describe(unverified.why);
          report({
            object: dr,
            path: [...ref.path, 'tls'],
            message: `${ref.label[0].toUpperCase()}${ref.label.slice(1)} originates TLS (mode ${unverified.mode}) to ${hostOf(dr) ?? 'its host'} ${message}`,
            fix,
          });
        }
      }
    },
  };
}
