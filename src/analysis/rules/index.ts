import { Rule } from '../rule';
import { annotationAlpha } from './annotation/annotation-alpha';
import { annotationDeprecated } from './annotation/annotation-deprecated';
import { annotationInvalid } from './annotation/annotation-invalid';
import { annotationInvalidDryRun } from './annotation/annotation-invalid-dry-run';
import { annotationMisplaced } from './annotation/annotation-misplaced';
import { annotationUnknown } from './annotation/annotation-unknown';
import { authorizationPolicyAllowAllRule } from './authorizationpolicy/authorizationpolicy-allow-all-rule';
import { authorizationPolicyAllowNothing } from './authorizationpolicy/authorizationpolicy-allow-nothing';
import { authorizationPolicyDefaultServiceAccount } from './authorizationpolicy/authorizationpolicy-default-service-account';
import { authorizationPolicyDenyHttpOnly } from './authorizationpolicy/authorizationpolicy-deny-http-only';
import { authorizationPolicyHttpFieldOnTcpPort } from './authorizationpolicy/authorizationpolicy-http-field-on-tcp-port';
import { authorizationPolicyIdentityWithoutMtls } from './authorizationpolicy/authorizationpolicy-identity-without-mtls';
import { authorizationPolicyInvalidAction } from './authorizationpolicy/authorizationpolicy-invalid-action';
import { authorizationPolicyInvalidCondition } from './authorizationpolicy/authorizationpolicy-invalid-condition';
import { authorizationPolicyInvalidIp } from './authorizationpolicy/authorizationpolicy-invalid-ip';
import { authorizationPolicyInvalidMethod } from './authorizationpolicy/authorizationpolicy-invalid-method';
import { authorizationPolicyInvalidPathTemplate } from './authorizationpolicy/authorizationpolicy-invalid-path-template';
import { authorizationPolicyInvalidPort } from './authorizationpolicy/authorizationpolicy-invalid-port';
import { authorizationPolicyInvalidPrincipal } from './authorizationpolicy/authorizationpolicy-invalid-principal';
import { authorizationPolicyInvalidRule } from './authorizationpolicy/authorizationpolicy-invalid-rule';
import { authorizationPolicyInvalidWildcard } from './authorizationpolicy/authorizationpolicy-invalid-wildcard';
import { authorizationPolicyJwtBypassed } from './authorizationpolicy/authorizationpolicy-jwt-bypassed';
import { authorizationPolicyRelativePath } from './authorizationpolicy/authorizationpolicy-relative-path';
import { authorizationPolicySelectorNoWorkloads } from './authorizationpolicy/authorizationpolicy-selector-no-workloads';
import { authorizationPolicyUnknownNamespace } from './authorizationpolicy/authorizationpolicy-unknown-namespace';
import { authorizationPolicyUnknownPrincipal } from './authorizationpolicy/authorizationpolicy-unknown-principal';
import { canaryMetricTemplateNotFound } from './canary/canary-metric-template-not-found';
import { canaryTargetNotFound } from './canary/canary-target-not-found';
import { canaryVirtualServiceConflict } from './canary/canary-virtualservice-conflict';
import { destinationRuleConsistentHashWithWeightedSplit } from './destinationrule/destinationrule-consistent-hash-with-weighted-split';
import { destinationRuleDeprecatedField } from './destinationrule/destinationrule-deprecated-field';
import { destinationRuleFailoverWithoutOutlierDetection } from './destinationrule/destinationrule-failover-without-outlier-detection';
import { destinationRuleHostNotFound } from './destinationrule/destinationrule-host-not-found';
import { destinationRuleInvalidConnectionPool } from './destinationrule/destinationrule-invalid-connection-pool';
import { destinationRuleInvalidDuration } from './destinationrule/destinationrule-invalid-duration';
import { destinationRuleInvalidLoadBalancer } from './destinationrule/destinationrule-invalid-load-balancer';
import { destinationRuleInvalidOutlierDetection } from './destinationrule/destinationrule-invalid-outlier-detection';
import { destinationRuleInvalidScope } from './destinationrule/destinationrule-invalid-scope';
import { destinationRuleInvalidStructure } from './destinationrule/destinationrule-invalid-structure';
import { destinationRuleInvalidTls } from './destinationrule/destinationrule-invalid-tls';
import { destinationRuleMtlsConflict } from './destinationrule/destinationrule-mtls-conflict';
import { destinationRuleOutlierEjectsSingleReplica } from './destinationrule/destinationrule-outlier-ejects-single-replica';
import { destinationRulePortTlsWithoutCa } from './destinationrule/destinationrule-port-tls-without-ca';
import { destinationRuleSubsetNoPods } from './destinationrule/destinationrule-subset-no-pods';
import { destinationRuleSubsetPolicyUnused } from './destinationrule/destinationrule-subset-policy-unused';
import { destinationRuleTlsWithoutCa } from './destinationrule/destinationrule-tls-without-ca';
import { envoyFilterAddIgnored } from './envoyfilter/envoyfilter-add-ignored';
import { envoyFilterInternalApi } from './envoyfilter/envoyfilter-internal-api';
import { envoyFilterInvalidPatch } from './envoyfilter/envoyfilter-invalid-patch';
import { envoyFilterRelativeOperationWithProxyVersion } from './envoyfilter/envoyfilter-relative-operation-with-proxy-version';
import { envoyFilterRelativeOperation } from './envoyfilter/envoyfilter-relative-operation-without-priority';
import { envoyFilterRemoveIgnored } from './envoyfilter/envoyfilter-remove-ignored';
import { envoyFilterReplaceOnUnsupportedTarget } from './envoyfilter/envoyfilter-replace-unsupported';
import { gatewayConflictingServers } from './gateway/gateway-conflicting-servers';
import { gatewayCredentialNotFound } from './gateway/gateway-credential-not-found';
import { gatewayDuplicateCertificate } from './gateway/gateway-duplicate-certificate';
import { gatewayIgnoredTlsSettings } from './gateway/gateway-ignored-tls-settings';
import { gatewayInvalidPort } from './gateway/gateway-invalid-port';
import { gatewayInvalidServer } from './gateway/gateway-invalid-server';
import { gatewayInvalidTls } from './gateway/gateway-invalid-tls';
import { gatewayPortNotOnService } from './gateway/gateway-port-not-on-service';
import { gatewaySelectorNoWorkloads } from './gateway/gateway-selector-no-workloads';
import { gatewayTlsMissingCredential } from './gateway/gateway-tls-missing-credential';
import { httpRouteAllBackendsZeroWeight } from './httproute/httproute-all-backends-zero-weight';
import { httpRouteBackendNotFound } from './httproute/httproute-backend-not-found';
import { httpRouteBackendNotPermitted } from './httproute/httproute-backend-not-permitted';
import { httpRouteBackendPortNotFound } from './httproute/httproute-backend-port-not-found';
import { httpRouteParentNotAccepted } from './httproute/httproute-parent-not-accepted';
import { httpRouteParentNotFound } from './httproute/httproute-parent-not-found';
import { httpRouteVirtualServiceHostConflict } from './httproute/httproute-virtualservice-host-conflict';
import { manifestDuplicateObject } from './manifest/manifest-duplicate-object';
import { manifestPatchSkipped } from './manifest/manifest-patch-skipped';
import { namespaceMultipleInjectionLabels } from './namespace/namespace-multiple-injection-labels';
import { namespaceNotEnrolled } from './namespace/namespace-not-enrolled';
import { peerAuthenticationConflictingPolicies } from './peerauthentication/peerauthentication-conflicting-policies';
import { peerAuthenticationInvalidPortLevelMtls } from './peerauthentication/peerauthentication-invalid-port-level-mtls';
import { peerAuthenticationPortNotFound } from './peerauthentication/peerauthentication-port-not-found';
import { peerAuthenticationRootNamespaceSelector } from './peerauthentication/peerauthentication-root-namespace-selector';
import { peerAuthenticationSelectorNoWorkloads } from './peerauthentication/peerauthentication-selector-no-workloads';
import { policyIneffectiveGatewaySelector } from './policy/policy-ineffective-gateway-selector';
import { requestAuthenticationInvalidJwtRule } from './requestauthentication/requestauthentication-invalid-jwt-rule';
import { requestAuthenticationSelectorNoWorkloads } from './requestauthentication/requestauthentication-selector-no-workloads';
import { rolloutAnalysisTemplateNotFound } from './rollout/rollout-analysis-template-not-found';
import { rolloutDestinationRuleNotFound } from './rollout/rollout-destinationrule-not-found';
import { rolloutHeaderRouteAfterCanary } from './rollout/rollout-header-route-after-canary';
import { rolloutRouteDestinationsMismatch } from './rollout/rollout-route-destinations-mismatch';
import { rolloutRouteNotFound } from './rollout/rollout-route-not-found';
import { rolloutSubsetNotFound } from './rollout/rollout-subset-not-found';
import { rolloutSubsetSelectsNoPods } from './rollout/rollout-subset-selects-no-pods';
import { rolloutVirtualServiceNotFound } from './rollout/rollout-virtualservice-not-found';
import { SCHEMA_CEL_VALIDATION } from './schema/schema-cel-validation';
import { SCHEMA_INVALID_ENUM } from './schema/schema-invalid-enum';
import { SCHEMA_INVALID_FORMAT } from './schema/schema-invalid-format';
import { SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS } from './schema/schema-mutually-exclusive-fields';
import { SCHEMA_REQUIRED_FIELD } from './schema/schema-required-field';
import { SCHEMA_TYPE_MISMATCH } from './schema/schema-type-mismatch';
import { SCHEMA_UNKNOWN_API_VERSION } from './schema/schema-unknown-api-version';
import { SCHEMA_UNKNOWN_FIELD } from './schema/schema-unknown-field';
import { SCHEMA_UNKNOWN_KIND } from './schema/schema-unknown-kind';
import { SCHEMA_VALUE_OUT_OF_RANGE } from './schema/schema-value-out-of-range';
import { securityEmptyWorkloadSelector } from './security/security-empty-workload-selector';
import { securityInvalidTargetRef } from './security/security-invalid-target-ref';
import { securityInvalidWorkloadSelector } from './security/security-invalid-workload-selector';
import { serviceExternalNamePortName } from './service/service-externalname-port-name';
import { servicePortProtocolUndeclared } from './service/service-port-protocol-undeclared';
import { serviceEntryAddressesRequired } from './serviceentry/serviceentry-addresses-required';
import { serviceEntryConflictingHosts } from './serviceentry/serviceentry-conflicting-hosts';
import { serviceEntryConflictingProtocols } from './serviceentry/serviceentry-conflicting-protocols';
import { serviceEntryDnsUnresolvableHost } from './serviceentry/serviceentry-dns-unresolvable-host';
import { serviceEntryIgnoredSetting } from './serviceentry/serviceentry-ignored-setting';
import { serviceEntryInvalidAddress } from './serviceentry/serviceentry-invalid-address';
import { serviceEntryInvalidEndpoint } from './serviceentry/serviceentry-invalid-endpoint';
import { serviceEntryInvalidExportTo } from './serviceentry/serviceentry-invalid-export-to';
import { serviceEntryInvalidHost } from './serviceentry/serviceentry-invalid-host';
import { serviceEntryInvalidPort } from './serviceentry/serviceentry-invalid-port';
import { serviceEntryMultipleHostsTcp } from './serviceentry/serviceentry-multiple-hosts-tcp';
import { serviceEntryPartialWildcardHost } from './serviceentry/serviceentry-partial-wildcard-host';
import { sidecarConflictingSelectors } from './sidecar/sidecar-conflicting-selectors';
import { sidecarIgnoredEgressProxy } from './sidecar/sidecar-ignored-egress-proxy';
import { sidecarIgnoredSetting } from './sidecar/sidecar-ignored-setting';
import { sidecarIneffectiveInAmbient } from './sidecar/sidecar-ineffective-in-ambient';
import { sidecarInvalidConfig } from './sidecar/sidecar-invalid-config';
import { sidecarInvalidEgress } from './sidecar/sidecar-invalid-egress';
import { sidecarInvalidIngress } from './sidecar/sidecar-invalid-ingress';
import { sidecarInvalidOutboundTrafficPolicy } from './sidecar/sidecar-invalid-outbound-traffic-policy';
import { sidecarMultipleNamespaceDefaults } from './sidecar/sidecar-multiple-namespace-defaults';
import { sidecarSelectorNoWorkloads } from './sidecar/sidecar-selector-no-workloads';
import { telemetryAccessLoggingWithoutProvider } from './telemetry/telemetry-access-logging-without-provider';
import { telemetryConflictingSelectors } from './telemetry/telemetry-conflicting-selectors';
import { telemetryInvalidSettings } from './telemetry/telemetry-invalid-settings';
import { telemetryInvalidTarget } from './telemetry/telemetry-invalid-target';
import { telemetryMultipleWithoutSelector } from './telemetry/telemetry-multiple-without-selector';
import { telemetrySelectorNoWorkloads } from './telemetry/telemetry-selector-no-workloads';
import { virtualServiceAbortWithoutErrorType } from './virtualservice/virtualservice-abort-without-error-type';
import { virtualServiceConflictingMeshHosts } from './virtualservice/virtualservice-conflicting-mesh-hosts';
import { virtualServiceDeprecatedFaultPercent } from './virtualservice/virtualservice-deprecated-fault-percent';
import { virtualServiceDeprecatedField } from './virtualservice/virtualservice-deprecated-field';
import { virtualServiceDestinationHostNotFound } from './virtualservice/virtualservice-destination-host-not-found';
import { virtualServiceDestinationPortNotFound } from './virtualservice/virtualservice-destination-port-not-found';
import { virtualServiceDestinationPortRequired } from './virtualservice/virtualservice-destination-port-required';
import { virtualServiceEmptyPrefixMatch } from './virtualservice/virtualservice-empty-prefix-match';
import { virtualServiceExternalHostBlocked } from './virtualservice/virtualservice-external-host-blocked';
import { virtualServiceGatewayIgnoresSubsetRouting } from './virtualservice/virtualservice-gateway-ignores-subset-routing';
import { virtualServiceGatewayNotFound } from './virtualservice/virtualservice-gateway-not-found';
import { virtualServiceHostNotInGateway } from './virtualservice/virtualservice-host-not-in-gateway';
import { virtualServiceIneffectiveMatch } from './virtualservice/virtualservice-ineffective-match';
import { virtualServiceInternalGatewayReference } from './virtualservice/virtualservice-internal-gateway-reference';
import { virtualServiceInvalidAbortStatus } from './virtualservice/virtualservice-invalid-abort-status';
import { virtualServiceInvalidCors } from './virtualservice/virtualservice-invalid-cors';
import { virtualServiceInvalidDirectResponse } from './virtualservice/virtualservice-invalid-direct-response';
import { virtualServiceInvalidDuration } from './virtualservice/virtualservice-invalid-duration';
import { virtualServiceInvalidExportTo } from './virtualservice/virtualservice-invalid-export-to';
import { virtualServiceInvalidFault } from './virtualservice/virtualservice-invalid-fault';
import { virtualServiceInvalidHeaderName } from './virtualservice/virtualservice-invalid-header-name';
import { virtualServiceInvalidHeaderValue } from './virtualservice/virtualservice-invalid-header-value';
import { virtualServiceInvalidHost } from './virtualservice/virtualservice-invalid-host';
import { virtualServiceInvalidPercentage } from './virtualservice/virtualservice-invalid-percentage';
import { virtualServiceInvalidRedirect } from './virtualservice/virtualservice-invalid-redirect';
import { virtualServiceInvalidReference } from './virtualservice/virtualservice-invalid-reference';
import { virtualServiceInvalidRegex } from './virtualservice/virtualservice-invalid-regex';
import { virtualServiceInvalidRetries } from './virtualservice/virtualservice-invalid-retries';
import { virtualServiceInvalidRetryOn } from './virtualservice/virtualservice-invalid-retry-on';
import { virtualServiceInvalidRewrite } from './virtualservice/virtualservice-invalid-rewrite';
import { virtualServiceInvalidRouteStructure } from './virtualservice/virtualservice-invalid-route-structure';
import { virtualServiceInvalidWeight } from './virtualservice/virtualservice-invalid-weight';
import { virtualServiceJwtClaimRouteWithoutAuthn } from './virtualservice/virtualservice-jwt-claim-route-without-authn';
import { virtualServiceLargeDirectResponse } from './virtualservice/virtualservice-large-direct-response';
import { virtualServiceRetriesExceedTimeout } from './virtualservice/virtualservice-retries-exceed-timeout';
import { virtualServiceSubsetNotFound } from './virtualservice/virtualservice-subset-not-found';
import { virtualServiceUnreachableRoute } from './virtualservice/virtualservice-unreachable-route';
import { virtualServiceWeightsNot100 } from './virtualservice/virtualservice-weights-not-100';
import { webhookOverlappingInjection } from './webhook/webhook-overlapping-injection';
import { webhookServiceNotFound } from './webhook/webhook-service-not-found';
import { workloadRunsAsProxyUid } from './workload/workload-runs-as-proxy-uid';
import { workloadServicesProtocolConflict } from './workload/workload-services-protocol-conflict';
import { workloadServicesTargetPortConflict } from './workload/workload-services-target-port-conflict';
import { workloadGroupInvalidSpec } from './workloadgroup/workloadgroup-invalid-spec';

/**
 * Every rule the engine runs, sorted by id: one flat list, as ESLint's `lib/rules/index.js` and
 * Istio's `analyzers/all.go`. Rule `x-y-z` lives in `./x/x-y-z.ts`. Add a rule here and it runs in
 * synth, in `cdk8s-istio lint` and in the cdk8s validation plugin alike.
 */
export const ALL_RULES: readonly Rule[] = [
  annotationAlpha,
  annotationDeprecated,
  annotationInvalid,
  annotationInvalidDryRun,
  annotationMisplaced,
  annotationUnknown,
  authorizationPolicyAllowAllRule,
  authorizationPolicyAllowNothing,
  authorizationPolicyDefaultServiceAccount,
  authorizationPolicyDenyHttpOnly,
  authorizationPolicyHttpFieldOnTcpPort,
  authorizationPolicyIdentityWithoutMtls,
  authorizationPolicyInvalidAction,
  authorizationPolicyInvalidCondition,
  authorizationPolicyInvalidIp,
  authorizationPolicyInvalidMethod,
  authorizationPolicyInvalidPathTemplate,
  authorizationPolicyInvalidPort,
  authorizationPolicyInvalidPrincipal,
  authorizationPolicyInvalidRule,
  authorizationPolicyInvalidWildcard,
  authorizationPolicyJwtBypassed,
  authorizationPolicyRelativePath,
  authorizationPolicySelectorNoWorkloads,
  authorizationPolicyUnknownNamespace,
  authorizationPolicyUnknownPrincipal,
  canaryMetricTemplateNotFound,
  canaryTargetNotFound,
  canaryVirtualServiceConflict,
  destinationRuleConsistentHashWithWeightedSplit,
  destinationRuleDeprecatedField,
  destinationRuleFailoverWithoutOutlierDetection,
  destinationRuleHostNotFound,
  destinationRuleInvalidConnectionPool,
  destinationRuleInvalidDuration,
  destinationRuleInvalidLoadBalancer,
  destinationRuleInvalidOutlierDetection,
  destinationRuleInvalidScope,
  destinationRuleInvalidStructure,
  destinationRuleInvalidTls,
  destinationRuleMtlsConflict,
  destinationRuleOutlierEjectsSingleReplica,
  destinationRulePortTlsWithoutCa,
  destinationRuleSubsetNoPods,
  destinationRuleSubsetPolicyUnused,
  destinationRuleTlsWithoutCa,
  envoyFilterAddIgnored,
  envoyFilterInternalApi,
  envoyFilterInvalidPatch,
  envoyFilterRelativeOperationWithProxyVersion,
  envoyFilterRelativeOperation,
  envoyFilterRemoveIgnored,
  envoyFilterReplaceOnUnsupportedTarget,
  gatewayConflictingServers,
  gatewayCredentialNotFound,
  gatewayDuplicateCertificate,
  gatewayIgnoredTlsSettings,
  gatewayInvalidPort,
  gatewayInvalidServer,
  gatewayInvalidTls,
  gatewayPortNotOnService,
  gatewaySelectorNoWorkloads,
  gatewayTlsMissingCredential,
  httpRouteAllBackendsZeroWeight,
  httpRouteBackendNotFound,
  httpRouteBackendNotPermitted,
  httpRouteBackendPortNotFound,
  httpRouteParentNotAccepted,
  httpRouteParentNotFound,
  httpRouteVirtualServiceHostConflict,
  manifestDuplicateObject,
  manifestPatchSkipped,
  namespaceMultipleInjectionLabels,
  namespaceNotEnrolled,
  peerAuthenticationConflictingPolicies,
  peerAuthenticationInvalidPortLevelMtls,
  peerAuthenticationPortNotFound,
  peerAuthenticationRootNamespaceSelector,
  peerAuthenticationSelectorNoWorkloads,
  policyIneffectiveGatewaySelector,
  requestAuthenticationInvalidJwtRule,
  requestAuthenticationSelectorNoWorkloads,
  rolloutAnalysisTemplateNotFound,
  rolloutDestinationRuleNotFound,
  rolloutHeaderRouteAfterCanary,
  rolloutRouteDestinationsMismatch,
  rolloutRouteNotFound,
  rolloutSubsetNotFound,
  rolloutSubsetSelectsNoPods,
  rolloutVirtualServiceNotFound,
  SCHEMA_CEL_VALIDATION,
  SCHEMA_INVALID_ENUM,
  SCHEMA_INVALID_FORMAT,
  SCHEMA_MUTUALLY_EXCLUSIVE_FIELDS,
  SCHEMA_REQUIRED_FIELD,
  SCHEMA_TYPE_MISMATCH,
  SCHEMA_UNKNOWN_API_VERSION,
  SCHEMA_UNKNOWN_FIELD,
  SCHEMA_UNKNOWN_KIND,
  SCHEMA_VALUE_OUT_OF_RANGE,
  securityEmptyWorkloadSelector,
  securityInvalidTargetRef,
  securityInvalidWorkloadSelector,
  serviceExternalNamePortName,
  servicePortProtocolUndeclared,
  serviceEntryAddressesRequired,
  serviceEntryConflictingHosts,
  serviceEntryConflictingProtocols,
  serviceEntryDnsUnresolvableHost,
  serviceEntryIgnoredSetting,
  serviceEntryInvalidAddress,
  serviceEntryInvalidEndpoint,
  serviceEntryInvalidExportTo,
  serviceEntryInvalidHost,
  serviceEntryInvalidPort,
  serviceEntryMultipleHostsTcp,
  serviceEntryPartialWildcardHost,
  sidecarConflictingSelectors,
  sidecarIgnoredEgressProxy,
  sidecarIgnoredSetting,
  sidecarIneffectiveInAmbient,
  sidecarInvalidConfig,
  sidecarInvalidEgress,
  sidecarInvalidIngress,
  sidecarInvalidOutboundTrafficPolicy,
  sidecarMultipleNamespaceDefaults,
  sidecarSelectorNoWorkloads,
  telemetryAccessLoggingWithoutProvider,
  telemetryConflictingSelectors,
  telemetryInvalidSettings,
  telemetryInvalidTarget,
  telemetryMultipleWithoutSelector,
  telemetrySelectorNoWorkloads,
  virtualServiceAbortWithoutErrorType,
  virtualServiceConflictingMeshHosts,
  virtualServiceDeprecatedFaultPercent,
  virtualServiceDeprecatedField,
  virtualServiceDestinationHostNotFound,
  virtualServiceDestinationPortNotFound,
  virtualServiceDestinationPortRequired,
  virtualServiceEmptyPrefixMatch,
  virtualServiceExternalHostBlocked,
  virtualServiceGatewayIgnoresSubsetRouting,
  virtualServiceGatewayNotFound,
  virtualServiceHostNotInGateway,
  virtualServiceIneffectiveMatch,
  virtualServiceInternalGatewayReference,
  virtualServiceInvalidAbortStatus,
  virtualServiceInvalidCors,
  virtualServiceInvalidDirectResponse,
  virtualServiceInvalidDuration,
  virtualServiceInvalidExportTo,
  virtualServiceInvalidFault,
  virtualServiceInvalidHeaderName,
  virtualServiceInvalidHeaderValue,
  virtualServiceInvalidHost,
  virtualServiceInvalidPercentage,
  virtualServiceInvalidRedirect,
  virtualServiceInvalidReference,
  virtualServiceInvalidRegex,
  virtualServiceInvalidRetries,
  virtualServiceInvalidRetryOn,
  virtualServiceInvalidRewrite,
  virtualServiceInvalidRouteStructure,
  virtualServiceInvalidWeight,
  virtualServiceJwtClaimRouteWithoutAuthn,
  virtualServiceLargeDirectResponse,
  virtualServiceRetriesExceedTimeout,
  virtualServiceSubsetNotFound,
  virtualServiceUnreachableRoute,
  virtualServiceWeightsNot100,
  webhookOverlappingInjection,
  webhookServiceNotFound,
  workloadRunsAsProxyUid,
  workloadServicesProtocolConflict,
  workloadServicesTargetPortConflict,
  workloadGroupInvalidSpec,
];
