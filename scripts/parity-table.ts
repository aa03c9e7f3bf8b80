/**
 * The hand-maintained half of docs/rules.md: every check of Istio's validation webhook for the
 * nine kinds this library emits, and every `istioctl analyze` message, with the rule(s) that
 * cover it here, or why none does. Sources: istio/istio `pkg/config/validation/validation.go`
 * (and `virtualservice.go`), `pkg/config/analysis/analyzers/**`, `pkg/config/analysis/msg/messages.yaml`.
 * The CRDs' x-kubernetes-validations are listed by scripts/rules-doc.ts straight from the CRD file.
 */

/** implemented: a rule checks it; out-of-reach: needs a live cluster or its installation; not-implemented: could be checked from files, but is not (the note says why). */
export type ParityStatus = 'implemented' | 'out-of-reach' | 'not-implemented';

export interface ParityRow {
  /** What Istio checks, in our words. */
  readonly check: string;
  /** Field(s) concerned. */
  readonly field?: string;
  /** Istio's level: error, warning or info. */
  readonly level: 'error' | 'warning' | 'info';
  /** istioctl message code (webhook findings are IST0106 errors and IST0133 warnings). */
  readonly code?: string;
  readonly status: ParityStatus;
  /** Rules that implement it. */
  readonly rules?: readonly string[];
  /** Deviation, reason, or detail. */
  readonly note?: string;
}

const impl = (check: string, field: string, level: ParityRow['level'], rules: string[], note?: string): ParityRow => ({
  check, field, level, code: level === 'error' ? 'IST0106' : 'IST0133', status: 'implemented', rules, ...(note ? { note } : {}),
});

/** Istio's validation webhook, per kind. */
export const WEBHOOK_PARITY: ReadonlyArray<{ kind: string; source: string; rows: readonly ParityRow[] }> = [
  {
    kind: 'VirtualService',
    source: 'ValidateVirtualService, validateHTTPRoute and helpers',
    rows: [
      impl('A delegate (no hosts) lists gateways, or has tcp/tls routes', 'spec.gateways, spec.tcp, spec.tls', 'error', ['virtualservice-invalid-route-structure']),
      impl('JWT claim routing outside gateway-only VirtualServices', 'match[].headers, withoutHeaders', 'error', ['virtualservice-invalid-header-name']),
      impl('Hosts are domain names (IPs allowed), "*" not for the mesh, no duplicate or covered hosts', 'spec.hosts', 'error', ['virtualservice-invalid-host']),
      impl('At least one of http, tcp, tls', 'spec', 'error', ['virtualservice-invalid-route-structure']),
      impl('Gateway names are namespace/name DNS labels (legacy name.namespace form: warning)', 'spec.gateways, match[].gateways', 'error', ['virtualservice-invalid-reference']),
      impl('exportTo entries valid, unique, "*"/"~" alone', 'spec.exportTo', 'error', ['virtualservice-invalid-export-to']),
      { check: 'A route never used after a catch-all or repeated matches', field: 'spec.http/tcp/tls[]', level: 'warning', code: 'IST0130', status: 'implemented', rules: ['virtualservice-unreachable-route'] },
      { check: 'A match repeating or covered by an earlier one', field: 'match[]', level: 'info', code: 'IST0131', status: 'implemented', rules: ['virtualservice-ineffective-match'] },
      impl('An http route forwards, redirects, responds or delegates; redirect/directResponse exclude route, fault, rewrite; delegating routes take no route or redirect', 'spec.http[]', 'error', ['virtualservice-invalid-route-structure', 'virtualservice-invalid-redirect', 'virtualservice-invalid-direct-response']),
      impl('Delegation: no regex matches, no nested delegate', 'match[], delegate', 'error', ['virtualservice-invalid-route-structure']),
      impl('Header match names are tokens; header operations keep pseudo-headers and Host', 'match[].headers, headers', 'error', ['virtualservice-invalid-header-name']),
      impl('Header values: no control characters, well-formed %VARIABLES%', 'headers.*.set/add', 'error', ['virtualservice-invalid-header-value']),
      { check: 'Regexes are RE2, non-empty, at most 1024 bytes', field: 'StringMatch regex, allowOrigins, uriRegexRewrite', level: 'error', code: 'IST0122', status: 'implemented', rules: ['virtualservice-invalid-regex'], note: 'istioctl\'s RegexAnalyzer reports IST0122; the webhook the same as IST0106.' },
      impl('Prefix StringMatches are non-empty', 'match[] StringMatch prefix', 'error', ['virtualservice-empty-prefix-match']),
      impl('Match port 1..65535, valid sourceLabels, sourceNamespace a DNS label', 'match[]', 'error', ['virtualservice-invalid-reference']),
      impl('Authority set once (rewrite.authority or a Host header)', 'rewrite, headers', 'error', ['virtualservice-invalid-rewrite']),
      impl('CORS: origins non-empty, methods known, header names, maxAge whole seconds', 'corsPolicy', 'error', ['virtualservice-invalid-cors', 'virtualservice-invalid-duration']),
      impl('Fault: delay or abort; no http2Error, no exponentialDelay; abort statuses; percentages', 'fault', 'error', ['virtualservice-invalid-fault', 'virtualservice-invalid-abort-status', 'virtualservice-invalid-percentage']),
      impl('Abort without error type', 'fault.abort', 'warning', ['virtualservice-abort-without-error-type']),
      impl('mirrorPercent is deprecated', 'mirrorPercent', 'warning', ['virtualservice-deprecated-field']),
      impl('Mirror percentages within 0..100', 'mirrorPercentage, mirrors[].percentage', 'error', ['virtualservice-invalid-percentage']),
      impl('Destinations: host not "*" and a domain, subset a DNS label, port 1..65535 (routes and mirrors)', 'destination', 'error', ['virtualservice-invalid-reference']),
      impl('Weights non-negative; a split does not total 0', 'route[].weight', 'error', ['virtualservice-invalid-weight']),
      impl('Redirect changes something, 3xx code, http/https scheme, valid port', 'redirect', 'error', ['virtualservice-invalid-redirect']),
      impl('directResponse status 200..600, body at most 1 MiB', 'directResponse', 'error', ['virtualservice-invalid-direct-response']),
      impl('directResponse body over 100 KiB', 'directResponse.body', 'warning', ['virtualservice-large-direct-response']),
      impl('Retries: attempts >= 0, nothing else with 0 attempts, retryOn values', 'retries', 'error', ['virtualservice-invalid-retries', 'virtualservice-invalid-retry-on']),
      impl('Rewrite: uri or uriRegexRewrite (not both), something set, complete regex rewrite', 'rewrite', 'error', ['virtualservice-invalid-rewrite']),
      impl('Durations at least 1ms, whole milliseconds', 'timeout, perTryTimeout, fixedDelay, backoff', 'error', ['virtualservice-invalid-duration']),
      impl('TLS routes: a match with SNI hosts, a route; SNI hosts are domains covered by the hosts (an IP: warning)', 'spec.tls[]', 'error', ['virtualservice-invalid-route-structure', 'virtualservice-invalid-reference', 'schema-required-field']),
      impl('TCP/TLS destinationSubnets are IPs or CIDRs; TCP routes have a route', 'spec.tcp[], spec.tls[]', 'error', ['virtualservice-invalid-reference', 'virtualservice-invalid-route-structure']),
    ],
  },
  {
    kind: 'DestinationRule',
    source: 'ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
    rows: [
      impl('Host is a (wildcard) domain', 'spec.host', 'error', ['destinationrule-invalid-structure']),
      impl('Subset names unique DNS labels; subset labels valid', 'spec.subsets[]', 'error', ['destinationrule-invalid-structure']),
      impl('exportTo entries valid; with workloadSelector only the own namespace', 'spec.exportTo', 'error', ['destinationrule-invalid-scope']),
      impl('workloadSelector labels without "*" or empty keys (no labels: warning)', 'spec.workloadSelector', 'error', ['destinationrule-invalid-scope']),
      impl('A traffic policy (and port-level setting) sets something; a port-level setting has a port', 'trafficPolicy, portLevelSettings[]', 'error', ['destinationrule-invalid-structure']),
      impl('tunnel and proxyProtocol not together; tunnel CONNECT/POST, valid target host and port', 'trafficPolicy.tunnel', 'error', ['destinationrule-invalid-structure', 'schema-required-field']),
      impl('proxyProtocol version V1 or V2', 'trafficPolicy.proxyProtocol.version', 'error', ['schema-invalid-enum']),
      impl('Outlier detection: durations, percentages 0..100, local-origin failures need the split', 'outlierDetection', 'error', ['destinationrule-invalid-outlier-detection', 'destinationrule-invalid-duration']),
      impl('consecutiveErrors / minimumRingSize are deprecated', 'outlierDetection, consistentHash', 'warning', ['destinationrule-deprecated-field']),
      impl('Connection pool: tcp or http set, non-negative limits, durations, UPGRADE without useClientProtocol', 'connectionPool', 'error', ['destinationrule-invalid-connection-pool', 'destinationrule-invalid-duration']),
      impl('Load balancer: cookie name, Maglev table size, minimumRingSize with a hash algorithm, locality settings, warmup', 'loadBalancer', 'error', ['destinationrule-invalid-load-balancer', 'destinationrule-invalid-duration']),
      impl('Locality failover without outlier detection', 'loadBalancer.localityLbSetting', 'warning', ['destinationrule-failover-without-outlier-detection']),
      impl('Client TLS: credentialName xor files, MUTUAL needs certificate and key, no CA with insecureSkipVerify', 'tls', 'error', ['destinationrule-invalid-tls']),
    ],
  },
  {
    kind: 'Gateway',
    source: 'ValidateGateway, validateServer, validateServerPort, validateServerBind, validateTLSOptions',
    rows: [
      impl('Name a DNS label; at least one server; servers with hosts of the form [namespace/]dnsName', 'metadata.name, spec.servers', 'error', ['gateway-invalid-server']),
      impl('Port: known protocol, number 1..65535 (0 for unix binds), a name, no targetPort; unique port names', 'servers[].port', 'error', ['gateway-invalid-port']),
      impl('Bind is an IP or a unix socket', 'servers[].bind', 'error', ['gateway-invalid-port', 'gateway-invalid-server']),
      impl('TLS fits protocol and mode: HTTPS/TLS need tls, plain ports none (except httpsRedirect), ISTIO_MUTUAL without certificates, CRL rules', 'servers[].tls', 'error', ['gateway-invalid-tls']),
      impl('SIMPLE/MUTUAL/OPTIONAL_MUTUAL need a credential or certificate files (MUTUAL also a CA)', 'servers[].tls', 'error', ['gateway-tls-missing-credential']),
      impl('Ignored TLS settings: certificates under PASSTHROUGH, bad or repeated ciphers, TLS < 1.2 without ciphers, httpsRedirect on non-HTTP', 'servers[].tls', 'warning', ['gateway-ignored-tls-settings']),
    ],
  },
  {
    kind: 'ServiceEntry',
    source: 'ValidateServiceEntry, validateWorkloadEntry, validateExportTo',
    rows: [
      impl('Hosts present, not "*", DNS names', 'spec.hosts', 'error', ['serviceentry-invalid-host']),
      impl('Partial wildcard hosts', 'spec.hosts', 'warning', ['serviceentry-partial-wildcard-host']),
      impl('Addresses are IPs/CIDRs; CIDRs only with NONE/STATIC', 'spec.addresses', 'error', ['serviceentry-invalid-address']),
      impl('Ports unique by name and number, DNS-label names, known protocols, valid numbers and target ports', 'spec.ports', 'error', ['serviceentry-invalid-port']),
      { check: 'targetPort with resolution NONE has no effect', field: 'spec.ports[].targetPort', level: 'warning', code: 'IST0133', status: 'not-implemented', note: 'Not yet covered by the edge rules.' },
      impl('TCP ports without addresses need DNS auto-allocation', 'spec.addresses, ports', 'warning', ['serviceentry-addresses-required'], 'Reported as IST0134, istioctl\'s analyzer for the same condition.'),
      impl('workloadSelector xor endpoints; endpoints fit the resolution (none for NONE, IPs or sockets for STATIC, at most one for DNS_ROUND_ROBIN, declared port names)', 'spec.endpoints', 'error', ['serviceentry-invalid-endpoint']),
      impl('DNS resolution without endpoints needs resolvable (FQDN) hosts', 'spec.hosts', 'error', ['serviceentry-dns-unresolvable-host']),
      impl('Several hosts need HTTP or TLS ports unless resolution is NONE', 'spec.hosts, ports', 'error', ['serviceentry-multiple-hosts-tcp']),
      impl('workloadSelector with NONE/DNS, empty selector, addresses with TCP and several hosts', 'spec', 'warning', ['serviceentry-ignored-setting']),
      impl('exportTo valid, "~" alone', 'spec.exportTo', 'error', ['serviceentry-invalid-export-to']),
    ],
  },
  {
    kind: 'Sidecar',
    source: 'ValidateSidecar and helpers',
    rows: [
      impl('Not empty; workloadSelector labels without "*" or empty keys', 'spec', 'error', ['sidecar-invalid-config']),
      impl('Ingress: port required, no targetPort, valid name/protocol/number/bind, unique ports, defaultEndpoint form, TLS limits, connection pool', 'spec.ingress[]', 'error', ['sidecar-invalid-ingress']),
      impl('Egress: one catch-all listener, last; ports, binds, unix sockets, captureMode; hosts namespace/dnsName', 'spec.egress[]', 'error', ['sidecar-invalid-egress']),
      impl('egressProxy only with ALLOW_ANY, FQDN host, port', 'spec.outboundTrafficPolicy', 'error', ['sidecar-invalid-outbound-traffic-policy']),
      impl('Selector without labels, duplicated egress hosts, "*/*" with others, HTTP pool on non-HTTP port', 'spec', 'warning', ['sidecar-ignored-setting']),
    ],
  },
  {
    kind: 'PeerAuthentication',
    source: 'ValidatePeerAuthentication, validateWorkloadSelector',
    rows: [
      impl('portLevelMtls needs selector labels; ports 1..65535', 'spec.portLevelMtls', 'error', ['peerauthentication-invalid-port-level-mtls']),
      impl('portLevelMtls, when present, is not empty', 'spec.portLevelMtls', 'error', ['schema-value-out-of-range']),
      impl('Selector labels without "*" or empty keys', 'spec.selector', 'error', ['security-invalid-workload-selector']),
      impl('Selector without labels', 'spec.selector', 'warning', ['security-empty-workload-selector']),
    ],
  },
  {
    kind: 'AuthorizationPolicy',
    source: 'ValidateAuthorizationPolicy, pkg/config/security, validateMetadata',
    rows: [
      impl('One of selector, targetRef, targetRefs; targetRefs to Service/ServiceEntry/Gateway, same namespace', 'spec.selector, targetRef(s)', 'error', ['security-invalid-target-ref']),
      impl('Selector labels (no labels: warning)', 'spec.selector', 'error', ['security-invalid-workload-selector', 'security-empty-workload-selector']),
      impl('Action: DENY/CUSTOM need rules, CUSTOM a provider and no identity fields, provider only with CUSTOM', 'spec.action, provider', 'error', ['authorizationpolicy-invalid-action']),
      impl('Rules: no empty from/to/source/operation or values; serviceAccounts form and limits; conditions with key and values', 'spec.rules[]', 'error', ['authorizationpolicy-invalid-rule']),
      impl('Condition keys supported', 'when[].key', 'error', ['authorizationpolicy-invalid-condition']),
      impl('IPs, ports and path templates', 'ipBlocks, ports, paths', 'error', ['authorizationpolicy-invalid-ip', 'authorizationpolicy-invalid-port', 'authorizationpolicy-invalid-path-template']),
      impl('DENY rules with HTTP-only attributes deny TCP traffic', 'spec.rules[]', 'warning', ['authorizationpolicy-deny-http-only']),
      impl('istio.io/dry-run only on ALLOW/DENY policies, with a boolean (refused on other Istio kinds)', 'metadata.annotations', 'error', ['annotation-invalid-dry-run']),
    ],
  },
  {
    kind: 'RequestAuthentication',
    source: 'ValidateRequestAuthentication, validateJwtRule',
    rows: [
      impl('One of selector, targetRef, targetRefs; selector labels', 'spec.selector, targetRef(s)', 'error', ['security-invalid-target-ref', 'security-invalid-workload-selector', 'security-empty-workload-selector']),
      impl('JWT rules: issuer or jwksUri, http(s) jwksUri, parsable jwks, header names, claim-to-header pairs', 'spec.jwtRules[]', 'error', ['requestauthentication-invalid-jwt-rule', 'schema-value-out-of-range']),
      impl('JWT rule timeout at least 1ms', 'spec.jwtRules[].timeout', 'error', ['schema-cel-validation'], 'Without --crds this duration is not checked.'),
    ],
  },
  {
    kind: 'Telemetry',
    source: 'ValidateTelemetry and helpers',
    rows: [
      impl('One of selector, targetRef, targetRefs; selector labels; targetRef kinds and namespace', 'spec.selector, targetRef(s)', 'error', ['telemetry-invalid-target']),
      impl('Selector without labels', 'spec.selector', 'warning', ['telemetry-invalid-target']),
      impl('Provider names non-empty (metrics, tracing, access logging)', 'providers[].name', 'error', ['schema-value-out-of-range', 'schema-required-field']),
      impl('Tag overrides: UPSERT needs a value, REMOVE takes none', 'metrics[].overrides[].tagOverrides', 'error', ['telemetry-invalid-settings']),
      impl('Tag override with an empty name', 'metrics[].overrides[].tagOverrides', 'warning', ['telemetry-invalid-settings']),
      impl('customMetric non-empty', 'metrics[].overrides[].match.customMetric', 'error', ['schema-value-out-of-range']),
      impl('Tracing: sampling 0..100; custom tags named, with literal/header/environment values', 'tracing[]', 'error', ['schema-value-out-of-range', 'telemetry-invalid-settings']),
      impl('More than one tracing entry or provider', 'tracing[]', 'warning', ['telemetry-invalid-settings']),
      impl('Access log filter is a CEL expression', 'accessLogging[].filter.expression', 'error', ['telemetry-invalid-settings']),
    ],
  },
];

const analyzer = (code: string, name: string, level: ParityRow['level'], check: string, status: ParityStatus, rules?: string[], note?: string): ParityRow & { name: string } => ({
  name, check, level, code, status, ...(rules ? { rules } : {}), ...(note ? { note } : {}),
});

const LIVE = 'needs a live cluster';

/** Every `istioctl analyze` message, in code order. */
export const ANALYZER_PARITY: ReadonlyArray<ParityRow & { name: string }> = [
  analyzer('IST0001', 'InternalError', 'error', 'A bug in the analyzers themselves', 'out-of-reach', undefined, 'Not a configuration check.'),
  analyzer('IST0002', 'Deprecated', 'warning', 'Deprecated fields (fault.delay.percent, Sidecar egressProxy) and removed rbac.istio.io kinds', 'implemented', ['virtualservice-deprecated-fault-percent', 'sidecar-ignored-egress-proxy'], 'Objects of the removed rbac.istio.io group are not reported: no CRD serves them, so they are not Istio objects for the schema rules.'),
  analyzer('IST0101', 'ReferencedResourceNotFound', 'error', 'A referenced subset, gateway, host, host:port, selector, namespace or credential does not exist', 'implemented', [
    'virtualservice-subset-not-found', 'virtualservice-gateway-not-found', 'virtualservice-destination-host-not-found', 'virtualservice-destination-port-not-found',
    'gateway-selector-no-workloads', 'gateway-credential-not-found', 'sidecar-selector-no-workloads', 'telemetry-selector-no-workloads', 'authorizationpolicy-unknown-namespace',
  ], 'Judged on the analysed manifests; references into namespaces the app does not define are not reported, and some become warnings (see each rule).'),
  analyzer('IST0102', 'NamespaceNotInjected', 'info', 'A namespace is not enabled for injection', 'implemented', ['namespace-not-enrolled']),
  analyzer('IST0103', 'PodMissingProxy', 'warning', 'A running pod has no istio-proxy container', 'out-of-reach', undefined, `${LIVE}: pod templates are injected only when pods are created.`),
  analyzer('IST0106', 'SchemaValidationError', 'error', 'The webhook refuses the object', 'implemented', undefined, 'See the webhook tables above.'),
  analyzer('IST0107', 'MisplacedAnnotation', 'warning', 'An Istio annotation on a kind that does not read it', 'implemented', ['annotation-misplaced'], 'Also checks pod templates and every kind, not only Namespace, Service, Pod and Deployment.'),
  analyzer('IST0108', 'UnknownAnnotation', 'warning', 'An istio.io annotation Istio does not define', 'implemented', ['annotation-unknown']),
  analyzer('IST0109', 'ConflictingMeshGatewayVirtualServiceHosts', 'error', 'Several mesh VirtualServices for one host', 'implemented', ['virtualservice-conflicting-mesh-hosts']),
  analyzer('IST0110', 'ConflictingSidecarWorkloadSelectors', 'error', 'Several Sidecars select one pod', 'implemented', ['sidecar-conflicting-selectors']),
  analyzer('IST0111', 'MultipleSidecarsWithoutWorkloadSelectors', 'error', 'Several namespace-wide Sidecars', 'implemented', ['sidecar-multiple-namespace-defaults']),
  analyzer('IST0112', 'VirtualServiceDestinationPortSelectorRequired', 'error', 'A destination without port to a multi-port service', 'implemented', ['virtualservice-destination-port-required']),
  analyzer('IST0113', 'MTLSPolicyConflict', 'error', 'DestinationRule TLS against the effective mTLS mode', 'implemented', ['destinationrule-mtls-conflict'], 'istioctl\'s analyzer was removed with the alpha policy API; the code is kept for the same check.'),
  analyzer('IST0116', 'DeploymentAssociatedToMultipleServices', 'warning', 'Services of one workload use a port with different protocols', 'implemented', ['workload-services-protocol-conflict']),
  analyzer('IST0118', 'PortNameIsNotUnderNamingConvention', 'info', 'A Service port name that leaves Istio to sniff the protocol', 'implemented', ['service-port-protocol-undeclared']),
  analyzer('IST0119', 'JwtFailureDueToInvalidServicePortPrefix', 'warning', 'JWT policy on a Service with a bad port name', 'out-of-reach', undefined, 'Belonged to the removed alpha authentication policy; no analyzer emits it any more.'),
  analyzer('IST0122', 'InvalidRegexp', 'warning', 'A VirtualService regex RE2 refuses', 'implemented', ['virtualservice-invalid-regex'], 'Reported as an error: the webhook refuses the same regexes.'),
  analyzer('IST0123', 'NamespaceMultipleInjectionLabels', 'warning', 'Both istio-injection and istio.io/rev on a namespace', 'implemented', ['namespace-multiple-injection-labels']),
  analyzer('IST0125', 'InvalidAnnotation', 'warning', 'An annotation value the injector refuses', 'implemented', ['annotation-invalid'], 'proxy.istio.io/config is checked to be a YAML mapping, not field by field.'),
  analyzer('IST0126', 'UnknownMeshNetworksServiceRegistry', 'error', 'MeshNetworks names an unknown registry', 'out-of-reach', undefined, 'Reads the control plane\'s MeshNetworks configuration.'),
  analyzer('IST0127', 'NoMatchingWorkloadsFound', 'warning', 'An AuthorizationPolicy selector matches no workload', 'implemented', ['authorizationpolicy-selector-no-workloads']),
  analyzer('IST0128', 'NoServerCertificateVerificationDestinationLevel', 'warning', 'SIMPLE/MUTUAL origination without caCertificates', 'implemented', ['destinationrule-tls-without-ca'], 'Not reported with credentialName (its secret carries the CA) or insecureSkipVerify; also checks subsets.'),
  analyzer('IST0129', 'NoServerCertificateVerificationPortLevel', 'warning', 'The same, per port', 'implemented', ['destinationrule-port-tls-without-ca']),
  analyzer('IST0130', 'VirtualServiceUnreachableRule', 'warning', 'A route that is never used', 'implemented', ['virtualservice-unreachable-route']),
  analyzer('IST0131', 'VirtualServiceIneffectiveMatch', 'info', 'A match that is never used', 'implemented', ['virtualservice-ineffective-match']),
  analyzer('IST0132', 'VirtualServiceHostNotFoundInGateway', 'warning', 'A gateway VirtualService host the Gateway does not serve', 'implemented', ['virtualservice-host-not-in-gateway']),
  analyzer('IST0133', 'SchemaWarning', 'warning', 'The webhook accepts the object with a warning', 'implemented', undefined, 'See the webhook tables above.'),
  analyzer('IST0134', 'ServiceEntryAddressesRequired', 'warning', 'A TCP port on a ServiceEntry without addresses', 'implemented', ['serviceentry-addresses-required']),
  analyzer('IST0135', 'DeprecatedAnnotation', 'info', 'A deprecated Istio annotation', 'implemented', ['annotation-deprecated']),
  analyzer('IST0136', 'AlphaAnnotation', 'info', 'An alpha Istio annotation', 'implemented', ['annotation-alpha'], 'istioctl only runs this analyzer on request.'),
  analyzer('IST0137', 'DeploymentConflictingPorts', 'warning', 'Services send one targetPort to different ports', 'implemented', ['workload-services-target-port-conflict']),
  analyzer('IST0138', 'GatewayDuplicateCertificate', 'warning', 'Two Gateways of one workload share a certificate', 'implemented', ['gateway-duplicate-certificate']),
  analyzer('IST0139', 'InvalidWebhook', 'error', 'Injection webhooks overlap, or point to a missing control plane Service', 'implemented', ['webhook-overlapping-injection', 'webhook-service-not-found'], 'Only when the MutatingWebhookConfigurations are among the linted manifests (install output); the Service is only judged when its namespace has Services in the set.'),
  analyzer('IST0140', 'IngressRouteRulesNotAffected', 'warning', 'Mesh subset routing that ingress traffic does not get', 'implemented', ['virtualservice-gateway-ignores-subset-routing']),
  analyzer('IST0141', 'InsufficientPermissions', 'error', 'The installer lacks RBAC permissions', 'out-of-reach', undefined, `${LIVE} (the user's RBAC).`),
  analyzer('IST0142', 'UnsupportedKubernetesVersion', 'error', 'The cluster is too old', 'out-of-reach', undefined, `${LIVE} (its version).`),
  analyzer('IST0143', 'LocalhostListener', 'error', 'A Service port whose process listens on localhost only', 'out-of-reach', undefined, `${LIVE}: reads the listeners of running proxies.`),
  analyzer('IST0144', 'InvalidApplicationUID', 'warning', 'An application container runs as UID 1337', 'implemented', ['workload-runs-as-proxy-uid']),
  analyzer('IST0145', 'ConflictingGateways', 'error', 'Gateways of one workload claim the same port and host', 'implemented', ['gateway-conflicting-servers']),
  analyzer('IST0146', 'ImageAutoWithoutInjectionWarning', 'warning', 'A Deployment with image: auto that no injection webhook selects', 'out-of-reach', undefined, 'Needs the installed injection webhooks\' selectors.'),
  analyzer('IST0147', 'ImageAutoWithoutInjectionError', 'error', 'The same for a Pod', 'out-of-reach', undefined, 'Needs the installed injection webhooks\' selectors.'),
  analyzer('IST0148', 'NamespaceInjectionEnabledByDefault', 'info', 'Namespaces injected by default', 'out-of-reach', undefined, 'Reads the injector ConfigMap of the installation.'),
  analyzer('IST0149', 'JwtClaimBasedRoutingWithoutRequestAuthN', 'error', 'JWT claim routing at a gateway without RequestAuthentication', 'implemented', ['virtualservice-jwt-claim-route-without-authn']),
  analyzer('IST0150', 'ExternalNameServiceTypeInvalidPortName', 'warning', 'An ExternalName Service port without a protocol name', 'implemented', ['service-externalname-port-name']),
  analyzer('IST0151', 'EnvoyFilterUsesRelativeOperation', 'warning', 'A relative EnvoyFilter patch without priority', 'implemented', ['envoyfilter-relative-operation-without-priority']),
  analyzer('IST0152', 'EnvoyFilterUsesReplaceOperationIncorrectly', 'error', 'REPLACE outside HTTP/network filters', 'implemented', ['envoyfilter-replace-unsupported']),
  analyzer('IST0153', 'EnvoyFilterUsesAddOperationIncorrectly', 'error', 'ADD on route configuration', 'implemented', ['envoyfilter-add-ignored']),
  analyzer('IST0154', 'EnvoyFilterUsesRemoveOperationIncorrectly', 'error', 'REMOVE on route configuration', 'implemented', ['envoyfilter-remove-ignored']),
  analyzer('IST0155', 'EnvoyFilterUsesRelativeOperationWithProxyVersion', 'warning', 'A relative patch on a filter pinned to a proxy version', 'implemented', ['envoyfilter-relative-operation-with-proxy-version']),
  analyzer('IST0156', 'UnsupportedGatewayAPIVersion', 'error', 'Gateway API CRDs too old', 'out-of-reach', undefined, `${LIVE} (its installed CRDs).`),
  analyzer('IST0157', 'InvalidTelemetryProvider', 'warning', 'Access logging without provider', 'implemented', ['telemetry-access-logging-without-provider'], 'Assumes the default mesh config (no default access log providers), as istioctl does offline.'),
  analyzer('IST0158', 'PodsIstioProxyImageMismatchInNamespace', 'warning', 'Running proxies older than the injector', 'out-of-reach', undefined, `${LIVE}: compares running pods with the injector config.`),
  analyzer('IST0159', 'ConflictingTelemetryWorkloadSelectors', 'error', 'Several Telemetries select one pod', 'implemented', ['telemetry-conflicting-selectors']),
  analyzer('IST0160', 'MultipleTelemetriesWithoutWorkloadSelectors', 'error', 'Several namespace-wide Telemetries', 'implemented', ['telemetry-multiple-without-selector']),
  analyzer('IST0161', 'InvalidGatewayCredential', 'error', 'A gateway credential Secret with an invalid or expired certificate', 'out-of-reach', undefined, 'Needs the Secret\'s certificate data, which application manifests do not carry (credentials are created out of band).'),
  analyzer('IST0162', 'GatewayPortNotDefinedOnService', 'warning', 'A Gateway port no Service of the gateway pods targets', 'implemented', ['gateway-port-not-on-service']),
  analyzer('IST0163', 'InvalidExternalControlPlaneConfig', 'warning', 'Bad external control plane address', 'out-of-reach', undefined, 'Reads the installation\'s webhook configuration.'),
  analyzer('IST0164', 'ExternalControlPlaneAddressIsNotAHostname', 'info', 'External control plane address is an IP', 'out-of-reach', undefined, 'Reads the installation\'s webhook configuration.'),
  analyzer('IST0165', 'ReferencedInternalGateway', 'warning', 'A VirtualService bound to a generated Gateway API gateway', 'implemented', ['virtualservice-internal-gateway-reference']),
  analyzer('IST0166', 'IneffectiveSelector', 'warning', 'A policy selector on Kubernetes Gateway pods', 'implemented', ['policy-ineffective-gateway-selector'], 'Also reports selectors keyed on the gateway-name label when the generated gateway Deployment is not in the manifests.'),
  analyzer('IST0167', 'IneffectivePolicy', 'warning', 'A Sidecar for ambient workloads', 'implemented', ['sidecar-ineffective-in-ambient']),
  analyzer('IST0168', 'UnknownUpgradeCompatibility', 'warning', 'An upgrade may change behaviour', 'out-of-reach', undefined, 'Compares the installed Istio with the target release.'),
  analyzer('IST0169', 'UpdateIncompatibility', 'warning', 'An upgrade changes behaviour of this config', 'out-of-reach', undefined, 'Compares the installed Istio with the target release.'),
  analyzer('IST0170', 'MultiClusterInconsistentService', 'warning', 'A service differs across clusters', 'out-of-reach', undefined, 'Needs every cluster of the mesh.'),
  analyzer('IST0171', 'NegativeConditionStatus', 'warning', 'A status condition reports failure', 'out-of-reach', undefined, `${LIVE}: conditions are written by controllers.`),
  analyzer('IST0173', 'DestinationRuleSubsetNotSelectPods', 'error', 'A subset selects no pod', 'implemented', ['destinationrule-subset-no-pods']),
  analyzer('IST0174', 'UnknownDestinationRuleHost', 'warning', 'A DestinationRule host that matches no service', 'implemented', ['destinationrule-host-not-found'], 'Wildcard hosts and hosts in namespaces the app does not define are not reported.'),
  analyzer('IST0175', '(blocked JWKS CIDRs not configured)', 'warning', 'RequestAuthentications exist but istiod lacks BLOCKED_CIDRS_IN_JWKS_URIS', 'out-of-reach', undefined, 'Reads istiod\'s environment.'),
  analyzer('IST0176', '(Gateway API CRDs older than required)', 'error', 'Installed Gateway API CRD version', 'out-of-reach', undefined, `${LIVE} (its installed CRDs).`),
  analyzer('IST0177', '(conflicting ServiceEntry protocols)', 'warning', 'ServiceEntries give one host and port different protocols', 'implemented', ['serviceentry-conflicting-protocols']),
  analyzer('—', 'UnsupportedDestinationRuleWorkloadSelector', 'warning', 'A DestinationRule workloadSelector on a service that uses a waypoint', 'not-implemented', undefined, 'A newer analyzer whose code and level could not be confirmed in the sources read; checkable from files (istio.io/use-waypoint labels).'),
];

/**
 * Built-in rules that check a CRD CEL rule without `--crds` (with `--crds`, schema-cel-validation
 * evaluates every one of them), keyed by `Kind: message`.
 */
export const CEL_BUILTIN: Readonly<Record<string, readonly string[]>> = {
  'VirtualService: must be a valid duration greater than 1ms': ['virtualservice-invalid-duration'],
  'DestinationRule: must be a valid duration greater than 1ms': ['destinationrule-invalid-duration'],
  'DestinationRule: wildcard not allowed in label key match': ['destinationrule-invalid-scope'],
  'DestinationRule: key must not be empty': ['destinationrule-invalid-scope'],
  'DestinationRule: wildcard not allowed in label value match': ['destinationrule-invalid-scope'],
  'Gateway: only one of credentialNames or tlsCertificates can be set': ['gateway-invalid-tls'],
  'Gateway: only one of credentialName or credentialNames can be set': ['gateway-invalid-tls'],
  'Gateway: only one of credentialName or tlsCertificates can be set': ['gateway-invalid-tls'],
  'ServiceEntry: only one of WorkloadSelector or Endpoints can be set': ['serviceentry-invalid-endpoint'],
  'ServiceEntry: CIDR addresses are allowed only for NONE/STATIC resolution types': ['serviceentry-invalid-address'],
  'ServiceEntry: NONE mode cannot set endpoints': ['serviceentry-invalid-endpoint'],
  'ServiceEntry: DNS_ROUND_ROBIN mode cannot have multiple endpoints': ['serviceentry-invalid-endpoint'],
  'ServiceEntry: hostname cannot be wildcard': ['serviceentry-invalid-host'],
  'ServiceEntry: port number cannot be duplicated': ['serviceentry-invalid-port'],
  'ServiceEntry: port must be between 1-65535': ['serviceentry-invalid-port', 'serviceentry-invalid-endpoint'],
  'ServiceEntry: Address is required': ['serviceentry-invalid-endpoint'],
  'ServiceEntry: port name must be valid': ['serviceentry-invalid-endpoint'],
  'ServiceEntry: wildcard is not supported in selector': ['serviceentry-invalid-endpoint'],
  'Sidecar: must be a valid duration greater than 1ms': [],
  'Sidecar: wildcard is not supported in selector': ['sidecar-invalid-config'],
  'Sidecar: only one of credentialNames or tlsCertificates can be set': ['sidecar-invalid-ingress'],
  'Sidecar: only one of credentialName or credentialNames can be set': ['sidecar-invalid-ingress'],
  'Sidecar: only one of credentialName or tlsCertificates can be set': ['sidecar-invalid-ingress'],
  'PeerAuthentication: portLevelMtls requires selector': ['peerauthentication-invalid-port-level-mtls'],
  'PeerAuthentication: port must be between 1-65535': ['peerauthentication-invalid-port-level-mtls'],
  'PeerAuthentication: wildcard not allowed in label key match': ['security-invalid-workload-selector'],
  'PeerAuthentication: key must not be empty': ['security-invalid-workload-selector'],
  'PeerAuthentication: wildcard not allowed in label value match': ['security-invalid-workload-selector'],
  'AuthorizationPolicy: only one of targetRefs or selector can be set': ['security-invalid-target-ref'],
  'AuthorizationPolicy: Cannot set serviceAccounts with namespaces or principals': ['authorizationpolicy-invalid-rule'],
  'AuthorizationPolicy: wildcard not allowed in label key match': ['security-invalid-workload-selector'],
  'AuthorizationPolicy: key must not be empty': ['security-invalid-workload-selector'],
  'AuthorizationPolicy: wildcard not allowed in label value match': ['security-invalid-workload-selector'],
  'AuthorizationPolicy: cross namespace referencing is not currently supported': ['security-invalid-target-ref'],
  'RequestAuthentication: only one of targetRefs or selector can be set': ['security-invalid-target-ref'],
  'RequestAuthentication: only one of jwks or jwksUri can be set': ['requestauthentication-invalid-jwt-rule'],
  'RequestAuthentication: url must have scheme http:// or https://': ['requestauthentication-invalid-jwt-rule'],
  'RequestAuthentication: must be a valid duration greater than 1ms': [],
  'RequestAuthentication: wildcard not allowed in label key match': ['security-invalid-workload-selector'],
  'RequestAuthentication: key must not be empty': ['security-invalid-workload-selector'],
  'RequestAuthentication: wildcard not allowed in label value match': ['security-invalid-workload-selector'],
  'RequestAuthentication: cross namespace referencing is not currently supported': ['security-invalid-target-ref'],
  'Telemetry: only one of targetRefs or selector can be set': ['telemetry-invalid-target'],
  'Telemetry: value must be set when operation is UPSERT': ['telemetry-invalid-settings'],
  'Telemetry: value must not be set when operation is REMOVE': ['telemetry-invalid-settings'],
  'Telemetry: must be a valid duration greater than 1ms': [],
  'Telemetry: wildcard not allowed in label key match': ['telemetry-invalid-target'],
  'Telemetry: key must not be empty': ['telemetry-invalid-target'],
  'Telemetry: wildcard not allowed in label value match': ['telemetry-invalid-target'],
  'Telemetry: cross namespace referencing is not currently supported': ['telemetry-invalid-target'],
};
