import { Rule } from '../rule';
import { destinationRuleConsistentHashWithWeightedSplit } from './cross/destinationrule-consistent-hash-with-weighted-split';
import { destinationRuleOutlierEjectsSingleReplica } from './cross/destinationrule-outlier-ejects-single-replica';
import { destinationRuleSubsetPolicyUnused } from './cross/destinationrule-subset-policy-unused';
import { virtualServiceRetriesExceedTimeout } from './cross/virtualservice-retries-exceed-timeout';
import { destinationRuleInvalidConnectionPool } from './destinationrule-connection-pool';
import { destinationRuleInvalidDuration } from './destinationrule-invalid-duration';
import { destinationRuleInvalidTls } from './destinationrule-invalid-tls';
import {
  destinationRuleDeprecatedField,
  destinationRuleFailoverWithoutOutlierDetection,
  destinationRuleInvalidLoadBalancer,
} from './destinationrule-load-balancer';
import { destinationRuleInvalidOutlierDetection } from './destinationrule-outlier-detection';
import { virtualServiceAbortWithoutErrorType, virtualServiceInvalidAbortStatus, virtualServiceInvalidFault } from './virtualservice-fault';
import { virtualServiceInvalidHeaderName, virtualServiceInvalidHeaderValue } from './virtualservice-headers';
import { virtualServiceInvalidCors } from './virtualservice-invalid-cors';
import { virtualServiceInvalidDuration } from './virtualservice-invalid-duration';
import { virtualServiceDeprecatedField, virtualServiceInvalidPercentage } from './virtualservice-percentages';
import {
  virtualServiceInvalidDirectResponse,
  virtualServiceInvalidRedirect,
  virtualServiceInvalidRewrite,
  virtualServiceLargeDirectResponse,
} from './virtualservice-redirect';
import { virtualServiceInvalidRetries, virtualServiceInvalidRetryOn } from './virtualservice-retries';
import { virtualServiceEmptyPrefixMatch, virtualServiceInvalidRegex } from './virtualservice-string-match';

/**
 * Rules for the traffic-resilience fields of VirtualServices and DestinationRules: the checks of
 * Istio's validation webhook on timeouts, retries, faults, percentages, headers, regexes,
 * redirects, rewrites, direct responses, CORS, connection pools, outlier detection, load
 * balancing and client TLS, plus cross-resource checks of how Envoy will behave.
 */
export const RESILIENCE_RULES: readonly Rule[] = [
  // VirtualService: Istio validation webhook
  virtualServiceInvalidDuration,
  virtualServiceInvalidRetries,
  virtualServiceInvalidRetryOn,
  virtualServiceInvalidFault,
  virtualServiceInvalidAbortStatus,
  virtualServiceAbortWithoutErrorType,
  virtualServiceInvalidPercentage,
  virtualServiceDeprecatedField,
  virtualServiceInvalidHeaderName,
  virtualServiceInvalidHeaderValue,
  virtualServiceInvalidRegex,
  virtualServiceEmptyPrefixMatch,
  virtualServiceInvalidRedirect,
  virtualServiceInvalidDirectResponse,
  virtualServiceLargeDirectResponse,
  virtualServiceInvalidRewrite,
  virtualServiceInvalidCors,
  // DestinationRule: Istio validation webhook
  destinationRuleInvalidDuration,
  destinationRuleInvalidConnectionPool,
  destinationRuleInvalidOutlierDetection,
  destinationRuleInvalidLoadBalancer,
  destinationRuleFailoverWithoutOutlierDetection,
  destinationRuleDeprecatedField,
  destinationRuleInvalidTls,
  // Cross-resource and Envoy behaviour
  virtualServiceRetriesExceedTimeout,
  destinationRuleSubsetPolicyUnused,
  destinationRuleConsistentHashWithWeightedSplit,
  destinationRuleOutlierEjectsSingleReplica,
];
