/**
 * Rules whose istioctl analyzer does not run on local files. `istioctl analyze --use-kube=false`
 * (istioctl 1.30.3, shown by `--verbose` under "Skipped analyzers") skips every analyzer that needs
 * a resource type only a live cluster provides (Pods, Nodes, Secrets, webhook configurations, …).
 * On the corpus such an analyzer says nothing, so the matching lint rules are judged against the
 * second oracle instead: the same analyzers run against an in-memory cluster holding the case's
 * objects (cluster-verdicts.jsonl.gz, see record.ts). Where a case has no cluster verdict, an
 * error from these rules is listed apart (category `analyzer-skipped-on-files`).
 */

/** The analyzer of Istio 1.30.3 that makes a rule's check, and the code it reports. */
export interface SkippedAnalyzerCheck {
  readonly analyzer: string;
  readonly code: string;
}

/** The analyzers `istioctl analyze --use-kube=false --verbose` lists as skipped (istioctl 1.30.3). */
export const ANALYZERS_SKIPPED_ON_FILES: readonly string[] = [
  'annotations.K8sAnalyzer', 'auth.AuthorizationPoliciesAnalyzer', 'conditions.ConditionAnalyzer', 'deployment.MultiServiceAnalyzer',
  'applicationUID.Analyzer', 'destinationrule.SubsetSelectPodAnalyzer', 'gateway.IngressGatewayPortAnalyzer', 'gateway.SecretAnalyzer',
  'gateway.ConflictingGatewayAnalyzer', 'injection.Analyzer', 'injection.ImageAnalyzer', 'injection.ImageAutoAnalyzer',
  'k8sgateway.SelectorAnalyzer', 'meshnetworks.MeshNetworksAnalyzer', 'services.MultiClusterServiceAnalyzer', 'service.PortNameAnalyzer',
  'sidecar.SelectorAnalyzer', 'virtualservice.DestinationHostAnalyzer', 'virtualservice.JWTClaimRouteAnalyzer', 'webhook.Analyzer',
  'telemetry.SelectorAnalyzer',
];

/** Lint rule → the skipped analyzer (and its code) that makes the same check. */
export const ANALYZER_SKIPPED_ON_FILES: Readonly<Record<string, SkippedAnalyzerCheck>> = {
  'destinationrule-subset-no-pods': { analyzer: 'destinationrule.SubsetSelectPodAnalyzer', code: 'IST0173' },
  'gateway-conflicting-servers': { analyzer: 'gateway.ConflictingGatewayAnalyzer', code: 'IST0145' },
  'gateway-credential-not-found': { analyzer: 'gateway.SecretAnalyzer', code: 'IST0101' },
  'gateway-port-not-on-service': { analyzer: 'gateway.IngressGatewayPortAnalyzer', code: 'IST0162' },
  'sidecar-conflicting-selectors': { analyzer: 'sidecar.SelectorAnalyzer', code: 'IST0110' },
  'sidecar-multiple-namespace-defaults': { analyzer: 'sidecar.SelectorAnalyzer', code: 'IST0111' },
  'sidecar-selector-no-workloads': { analyzer: 'sidecar.SelectorAnalyzer', code: 'IST0101' },
  'telemetry-selector-no-workloads': { analyzer: 'telemetry.SelectorAnalyzer', code: 'IST0101' },
  'telemetry-conflicting-selectors': { analyzer: 'telemetry.SelectorAnalyzer', code: 'IST0159' },
  'virtualservice-destination-host-not-found': { analyzer: 'virtualservice.DestinationHostAnalyzer', code: 'IST0101' },
  'virtualservice-destination-port-required': { analyzer: 'virtualservice.DestinationHostAnalyzer', code: 'IST0112' },
  'virtualservice-destination-port-not-found': { analyzer: 'virtualservice.DestinationHostAnalyzer', code: 'IST0101' },
  'virtualservice-jwt-claim-route-without-authn': { analyzer: 'virtualservice.JWTClaimRouteAnalyzer', code: 'IST0149' },
  'webhook-overlapping-injection': { analyzer: 'webhook.Analyzer', code: 'IST0139' },
  'webhook-service-not-found': { analyzer: 'webhook.Analyzer', code: 'IST0139' },
};

/** `analyzer|code` of every check above: the cluster oracle's messages the comparison uses. */
export const SETTLED_BY_CLUSTER: ReadonlySet<string> = new Set(Object.values(ANALYZER_SKIPPED_ON_FILES).map((c) => `${c.analyzer}|${c.code}`));

/** Whether every rule of a false-error disagreement (`detail`, comma-separated ids) is one of these. */
export function onlySkippedAnalyzers(ruleIds: readonly string[]): boolean {
  return ruleIds.length > 0 && ruleIds.every((id) => id in ANALYZER_SKIPPED_ON_FILES);
}
