/**
 * Rules whose istioctl analyzer does not run on local files. `istioctl analyze --use-kube=false`
 * (istioctl 1.30.3, shown by `--verbose` under "Skipped analyzers") skips every analyzer that needs
 * a resource type only a live cluster provides (Pods, Nodes, Secrets, webhook configurations, …).
 * On the corpus such an analyzer says nothing, so an error from the matching lint rule is not a
 * disagreement with istioctl: against a cluster holding the same objects, istioctl reports it
 * (as an Error where lint reports an error). These are listed apart from the false errors.
 */
export const ANALYZER_SKIPPED_ON_FILES: Readonly<Record<string, string>> = {
  'destinationrule-subset-no-pods': 'destinationrule.SubsetSelectPodAnalyzer (IST0173)',
  'gateway-conflicting-servers': 'gateway.ConflictingGatewayAnalyzer (IST0145)',
  'gateway-credential-not-found': 'gateway.SecretAnalyzer (IST0101)',
  'gateway-port-not-on-service': 'gateway.IngressGatewayPortAnalyzer (IST0162)',
  'sidecar-conflicting-selectors': 'sidecar.SelectorAnalyzer (IST0110)',
  'sidecar-multiple-namespace-defaults': 'sidecar.SelectorAnalyzer (IST0111)',
  'sidecar-selector-no-workloads': 'sidecar.SelectorAnalyzer (IST0101)',
  'telemetry-selector-no-workloads': 'telemetry.SelectorAnalyzer (IST0101)',
  'telemetry-conflicting-selectors': 'telemetry.SelectorAnalyzer (IST0158)',
  'virtualservice-destination-host-not-found': 'virtualservice.DestinationHostAnalyzer (IST0101)',
  'virtualservice-destination-port-required': 'virtualservice.DestinationHostAnalyzer (IST0112)',
  'virtualservice-destination-port-not-found': 'virtualservice.DestinationHostAnalyzer (IST0101)',
  'virtualservice-jwt-claim-route-without-authn': 'virtualservice.JWTClaimRouteAnalyzer (IST0149)',
  'webhook-overlapping-injection': 'webhook.Analyzer (IST0139)',
  'webhook-service-not-found': 'webhook.Analyzer (IST0139)',
};

/** Whether every rule of a false-error disagreement (`detail`, comma-separated ids) is one of these. */
export function onlySkippedAnalyzers(ruleIds: readonly string[]): boolean {
  return ruleIds.length > 0 && ruleIds.every((id) => id in ANALYZER_SKIPPED_ON_FILES);
}
