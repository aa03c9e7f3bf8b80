import { authorizationPolicyHttpFieldOnTcpPort } from './authorizationpolicy-http-on-tcp';
import {
  authorizationPolicyIdentityWithoutMtls,
  authorizationPolicyUnknownNamespace,
  authorizationPolicyUnknownPrincipal,
} from './authorizationpolicy-identity';
import { authorizationPolicyAllowAllRule, authorizationPolicyAllowNothing, authorizationPolicyDefaultServiceAccount } from './authorizationpolicy-scope';
import {
  authorizationPolicyInvalidMethod,
  authorizationPolicyInvalidPrincipal,
  authorizationPolicyInvalidWildcard,
  authorizationPolicyRelativePath,
} from './authorizationpolicy-values';
import {
  authorizationPolicyDenyHttpOnly,
  authorizationPolicyInvalidAction,
  authorizationPolicyInvalidCondition,
  authorizationPolicyInvalidIp,
  authorizationPolicyInvalidPathTemplate,
  authorizationPolicyInvalidPort,
  authorizationPolicyInvalidRule,
} from './authorizationpolicy-webhook';
import { destinationRuleMtlsConflict } from './destinationrule-mtls-conflict';
import { peerAuthenticationConflictingPolicies, peerAuthenticationInvalidPortLevelMtls, peerAuthenticationPortNotFound } from './peerauthentication';
import { requestAuthenticationInvalidJwtRule } from './requestauthentication';
import {
  authorizationPolicySelectorNoWorkloads,
  peerAuthenticationRootNamespaceSelector,
  peerAuthenticationSelectorNoWorkloads,
  requestAuthenticationSelectorNoWorkloads,
} from './selector-no-workloads';
import { securityEmptyWorkloadSelector, securityInvalidTargetRef, securityInvalidWorkloadSelector } from './workload-selector';
import { Rule } from '../../rule';

/**
 * Rules for PeerAuthentication, AuthorizationPolicy, RequestAuthentication and the mTLS side of
 * DestinationRules: webhook parity first (what Istio rejects or warns about), then checks of
 * values Istio accepts but never matches, then cross-resource analyses.
 */
export const SECURITY_RULES: readonly Rule[] = [
  // Webhook parity
  securityInvalidWorkloadSelector,
  securityEmptyWorkloadSelector,
  securityInvalidTargetRef,
  peerAuthenticationInvalidPortLevelMtls,
  authorizationPolicyInvalidAction,
  authorizationPolicyInvalidRule,
  authorizationPolicyInvalidCondition,
  authorizationPolicyInvalidIp,
  authorizationPolicyInvalidPort,
  authorizationPolicyInvalidPathTemplate,
  authorizationPolicyDenyHttpOnly,
  requestAuthenticationInvalidJwtRule,
  // Accepted by Istio, but never matches
  authorizationPolicyInvalidPrincipal,
  authorizationPolicyInvalidWildcard,
  authorizationPolicyRelativePath,
  authorizationPolicyInvalidMethod,
  // Policy shape
  authorizationPolicyAllowAllRule,
  authorizationPolicyAllowNothing,
  authorizationPolicyDefaultServiceAccount,
  // Cross-resource
  destinationRuleMtlsConflict,
  authorizationPolicyIdentityWithoutMtls,
  authorizationPolicyHttpFieldOnTcpPort,
  authorizationPolicyUnknownPrincipal,
  authorizationPolicyUnknownNamespace,
  authorizationPolicySelectorNoWorkloads,
  peerAuthenticationSelectorNoWorkloads,
  requestAuthenticationSelectorNoWorkloads,
  peerAuthenticationRootNamespaceSelector,
  peerAuthenticationConflictingPolicies,
  peerAuthenticationPortNotFound,
];

export { EffectiveMtls } from './effective-mtls';
export type { MtlsDecision, MtlsLevel, MtlsMode, WorkloadMtls } from './effective-mtls';
