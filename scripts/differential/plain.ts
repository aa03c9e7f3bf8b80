/**
 * Hand-written manifests for what the constructs do not emit (EnvoyFilter, WorkloadEntry,
 * WorkloadGroup, ProxyConfig, WasmPlugin, webhook configurations, namespaces and pods as
 * istioctl's analyzers see them, DestinationRule TLS, Gateway credentials, mesh config), each a
 * small scenario in its own namespace. They are mutated like the construct-built apps.
 */
import { stringify } from 'yaml';
import { Case } from './corpus';

const NS = 'plain';

function meta(name: string, extra: Record<string, unknown> = {}, ns = NS): Record<string, unknown> {
  return { name, namespace: ns, ...extra };
}

const namespace = (name: string, labels: Record<string, string> = { 'istio-injection': 'enabled' }) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

function deployment(name: string, opts: { ns?: string; labels?: Record<string, string>; ports?: number[]; annotations?: Record<string, string>; sa?: string; runAsUser?: number } = {}) {
  const labels = opts.labels ?? { app: name, version: 'v1' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, {}, opts.ns ?? NS),
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
        spec: {
          ...(opts.sa ? { serviceAccountName: opts.sa } : {}),
          containers: [{
            name,
            image: `registry.example.com/${name}:1.0`,
            ports: (opts.ports ?? [8080]).map((p) => ({ containerPort: p })),
            ...(opts.runAsUser !== undefined ? { securityContext: { runAsUser: opts.runAsUser } } : {}),
          }],
        },
      },
    },
  };
}

function service(name: string, ports: Array<{ name?: string; port: number; targetPort?: number; appProtocol?: string; protocol?: string }>, opts: { ns?: string; selector?: Record<string, string>; type?: string; externalName?: string } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, {}, opts.ns ?? NS),
    spec: {
      ...(opts.type ? { type: opts.type } : {}),
      ...(opts.externalName ? { externalName: opts.externalName } : {}),
      ...(opts.type === 'ExternalName' ? {} : { selector: opts.selector ?? { app: name } }),
      ports,
    },
  };
}

const envoyFilter = (name: string, configPatches: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.istio.io/v1alpha3',
  kind: 'EnvoyFilter',
  metadata: meta(name),
  spec: { ...extra, configPatches },
});

const httpFilterPatch = (operation: string, extra: Record<string, unknown> = {}) => ({
  applyTo: 'HTTP_FILTER',
  match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } },
  patch: { operation, value: { name: 'envoy.filters.http.lua', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua', default_source_code: { inline_string: 'function envoy_on_request(h) end' } } }, ...extra },
});

const httpbin = [namespace(NS), deployment('httpbin', { ports: [8080], sa: 'httpbin' }), service('httpbin', [{ name: 'http', port: 8000, targetPort: 8080 }])];

interface Scenario {
  readonly name: string;
  readonly docs: unknown[];
  readonly meshConfig?: string;
}

const SCENARIOS: Scenario[] = [
  { name: 'envoyfilter-insert-before', docs: [...httpbin, envoyFilter('lua', [httpFilterPatch('INSERT_BEFORE')], { workloadSelector: { labels: { app: 'httpbin' } } })] },
  { name: 'envoyfilter-insert-after-priority', docs: [...httpbin, envoyFilter('lua', [httpFilterPatch('INSERT_AFTER')], { priority: 10 })] },
  { name: 'envoyfilter-insert-first', docs: [...httpbin, envoyFilter('lua', [httpFilterPatch('INSERT_FIRST')])] },
  { name: 'envoyfilter-add', docs: [...httpbin, envoyFilter('cluster', [{ applyTo: 'CLUSTER', match: { context: 'SIDECAR_OUTBOUND' }, patch: { operation: 'ADD', value: { name: 'extra', type: 'STRICT_DNS', connect_timeout: '1s', load_assignment: { cluster_name: 'extra', endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: 'extra.example.com', port_value: 443 } } } }] }] } } } }])] },
  { name: 'envoyfilter-merge', docs: [...httpbin, envoyFilter('merge', [{ applyTo: 'NETWORK_FILTER', match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager' } } } }, patch: { operation: 'MERGE', value: { typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager', common_http_protocol_options: { idle_timeout: '30s' } } } } }])] },
  { name: 'envoyfilter-replace-virtual-host', docs: [...httpbin, envoyFilter('replace', [{ applyTo: 'VIRTUAL_HOST', match: { context: 'SIDECAR_OUTBOUND', routeConfiguration: { vhost: { name: 'httpbin.plain.svc.cluster.local:8000' } } }, patch: { operation: 'REPLACE', value: { name: 'httpbin', domains: ['*'] } } }])] },
  { name: 'envoyfilter-remove', docs: [...httpbin, envoyFilter('remove', [{ applyTo: 'HTTP_FILTER', match: { context: 'SIDECAR_INBOUND', listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.fault' } } } } }, patch: { operation: 'REMOVE' } }])] },
  { name: 'envoyfilter-targetref-proxyversion', docs: [...httpbin, envoyFilter('versioned', [{ ...httpFilterPatch('INSERT_BEFORE'), match: { context: 'SIDECAR_INBOUND', proxy: { proxyVersion: '^1\\.30.*' }, listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } } }])] },
  { name: 'workloadentry', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1', kind: 'WorkloadEntry', metadata: meta('vm-1'), spec: { address: '10.1.2.3', labels: { app: 'vm' }, serviceAccount: 'vm', ports: { http: 8080 }, network: 'vm-net', locality: 'us-east1/zone-a', weight: 1 } }, { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: meta('vm'), spec: { hosts: ['vm.plain.svc.cluster.local'], location: 'MESH_INTERNAL', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }], resolution: 'STATIC', workloadSelector: { labels: { app: 'vm' } } } }] },
  { name: 'workloadgroup', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1', kind: 'WorkloadGroup', metadata: meta('vms'), spec: { metadata: { labels: { app: 'vm' } }, template: { serviceAccount: 'vm', ports: { http: 8080 } }, probe: { periodSeconds: 5, initialDelaySeconds: 1, httpGet: { port: 8080, path: '/ready' } } } }] },
  { name: 'proxyconfig', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1beta1', kind: 'ProxyConfig', metadata: meta('proxy'), spec: { selector: { matchLabels: { app: 'httpbin' } }, concurrency: 2, environmentVariables: { ISTIO_META_X: 'y' }, image: { imageType: 'distroless' } } }] },
  { name: 'wasmplugin', docs: [...httpbin, { apiVersion: 'extensions.istio.io/v1alpha1', kind: 'WasmPlugin', metadata: meta('auth'), spec: { selector: { matchLabels: { app: 'httpbin' } }, url: 'oci://registry.example.com/auth:1.0', phase: 'AUTHN', priority: 10, pluginConfig: { header: 'x-auth' }, imagePullPolicy: 'IfNotPresent' } }] },
  { name: 'namespace-two-injection-labels', docs: [namespace(NS, { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' }), deployment('httpbin')] },
  { name: 'namespace-not-injected', docs: [namespace(NS, {}), deployment('httpbin'), service('httpbin', [{ name: 'http', port: 8000, targetPort: 8080 }])] },
  { name: 'service-port-names', docs: [namespace(NS), deployment('api', { ports: [8080, 9090, 5432] }), service('api', [{ name: 'http-web', port: 80, targetPort: 8080 }, { name: 'metrics', port: 9090 }, { port: 5432, name: 'tcp-db', appProtocol: 'postgresql' }])] },
  { name: 'service-unnamed-port', docs: [namespace(NS), deployment('api'), service('api', [{ port: 80, targetPort: 8080 }])] },
  { name: 'externalname-service', docs: [namespace(NS), service('ext', [{ name: 'http', port: 80 }], { type: 'ExternalName', externalName: 'api.example.com' })] },
  { name: 'deployment-two-services', docs: [namespace(NS), deployment('api', { ports: [8080] }), service('api', [{ name: 'http', port: 80, targetPort: 8080 }]), service('api-alt', [{ name: 'http', port: 81, targetPort: 8080 }], { selector: { app: 'api' } })] },
  { name: 'deployment-conflicting-ports', docs: [namespace(NS), deployment('api', { ports: [8080] }), service('api', [{ name: 'http', port: 80, targetPort: 8080 }]), service('api-tcp', [{ name: 'tcp', port: 80, targetPort: 9090 }], { selector: { app: 'api' } })] },
  { name: 'pod-uid-1337', docs: [namespace(NS), deployment('api', { runAsUser: 1337 })] },
  { name: 'pod-annotations', docs: [namespace(NS), deployment('api', { annotations: { 'sidecar.istio.io/inject': 'true', 'proxy.istio.io/config': '{ holdApplicationUntilProxyStarts: true }' } })] },
  { name: 'webhook', docs: [{ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'istio-sidecar-injector-canary', labels: { 'istio.io/rev': 'canary', app: 'sidecar-injector' } }, webhooks: [{ name: 'rev.namespace.sidecar-injector.istio.io', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { name: 'istiod-canary', namespace: 'istio-system', path: '/inject', port: 443 } }, namespaceSelector: { matchExpressions: [{ key: 'istio.io/rev', operator: 'In', values: ['canary'] }] }, objectSelector: { matchExpressions: [{ key: 'sidecar.istio.io/inject', operator: 'NotIn', values: ['false'] }] }, rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }] }] }] },
  { name: 'destinationrule-simple-tls-no-ca', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: meta('api'), spec: { hosts: ['api.example.com'], location: 'MESH_EXTERNAL', ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS' } }, { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta('api'), spec: { host: 'api.example.com', trafficPolicy: { tls: { mode: 'SIMPLE', sni: 'api.example.com' }, portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'MUTUAL', clientCertificate: '/etc/c.pem', privateKey: '/etc/k.pem' } }] } } }] },
  { name: 'serviceentry-tcp-no-address', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: meta('db'), spec: { hosts: ['db.example.com'], location: 'MESH_EXTERNAL', ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }], resolution: 'DNS' } }] },
  { name: 'virtualservice-multiport-destination', docs: [namespace(NS), deployment('api', { ports: [8080, 9090] }), service('api', [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'http-admin', port: 9090 }]), { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('api'), spec: { hosts: ['api'], http: [{ route: [{ destination: { host: 'api', port: { number: 80 } } }] }] } }] },
  { name: 'jwt-claim-routing', docs: [...httpbin, { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta('gw'), spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['httpbin.example.com'] }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('httpbin'), spec: { hosts: ['httpbin.example.com'], gateways: ['gw'], http: [{ match: [{ headers: { '@request.auth.claims.groups': { exact: 'admin' } } }], route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }] } }, { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: meta('jwt', {}, 'istio-system'), spec: { selector: { matchLabels: { istio: 'ingressgateway' } }, jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks.json' }] } }] },
  { name: 'gateway-credential-and-ports', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta('gw'), spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['a.example.com'], tls: { mode: 'SIMPLE', credentialName: 'a-cert' } }, { port: { number: 8443, name: 'https-alt', protocol: 'HTTPS' }, hosts: ['b.example.com'], tls: { mode: 'SIMPLE', credentialName: 'a-cert' } }] } }] },
  { name: 'gateway-conflict', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta('gw-a'), spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.example.com'] }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta('gw-b'), spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http2', protocol: 'HTTP' }, hosts: ['shop.example.com'] }] } }] },
  { name: 'virtualservice-gateway-host-mismatch', docs: [...httpbin, { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta('gw'), spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['a.example.com'] }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('httpbin'), spec: { hosts: ['b.example.com'], gateways: ['gw'], http: [{ route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }] } }] },
  { name: 'virtualservice-conflicting-hosts', docs: [...httpbin, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('a'), spec: { hosts: ['httpbin'], http: [{ route: [{ destination: { host: 'httpbin' } }] }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('b'), spec: { hosts: ['httpbin.plain.svc.cluster.local'], http: [{ route: [{ destination: { host: 'httpbin' } }] }] } }] },
  { name: 'destinationrule-subsets', docs: [...httpbin, { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta('httpbin'), spec: { host: 'httpbin', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('httpbin'), spec: { hosts: ['httpbin'], http: [{ route: [{ destination: { host: 'httpbin', subset: 'v1' }, weight: 90 }, { destination: { host: 'httpbin', subset: 'v2' }, weight: 10 }] }] } }] },
  { name: 'destinationrule-unknown-host', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta('nowhere'), spec: { host: 'nowhere.plain.svc.cluster.local', trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } } }] },
  { name: 'sidecars-without-selector', docs: [namespace(NS), { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: meta('default'), spec: { egress: [{ hosts: ['./*', 'istio-system/*'] }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: meta('second'), spec: { egress: [{ hosts: ['*/*'] }] } }] },
  { name: 'sidecar-selectors-overlap', docs: [...httpbin, { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: meta('a'), spec: { workloadSelector: { labels: { app: 'httpbin' } }, egress: [{ hosts: ['./*'] }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: meta('b'), spec: { workloadSelector: { labels: { version: 'v1' } }, egress: [{ hosts: ['./*'] }] } }] },
  { name: 'telemetries-without-selector', docs: [namespace(NS), { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: meta('a'), spec: { accessLogging: [{ providers: [{ name: 'envoy' }] }] } }, { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: meta('b'), spec: { tracing: [{ randomSamplingPercentage: 10 }] } }] },
  { name: 'telemetry-providers-meshconfig', docs: [...httpbin, { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: meta('logs'), spec: { selector: { matchLabels: { app: 'httpbin' } }, accessLogging: [{ providers: [{ name: 'otel-logs' }] }], tracing: [{ providers: [{ name: 'zipkin' }] }] } }], meshConfig: 'defaultProviders:\n  accessLogging: [envoy]\nextensionProviders:\n- name: otel-logs\n  envoyOtelAls:\n    service: otel.observability.svc.cluster.local\n    port: 4317\n- name: zipkin\n  zipkin:\n    service: zipkin.istio-system.svc.cluster.local\n    port: 9411\n' },
  { name: 'authz-custom-meshconfig', docs: [...httpbin, { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta('ext-authz'), spec: { selector: { matchLabels: { app: 'httpbin' } }, action: 'CUSTOM', provider: { name: 'ext-authz' }, rules: [{ to: [{ operation: { paths: ['/headers'] } }] }] } }], meshConfig: 'extensionProviders:\n- name: ext-authz\n  envoyExtAuthzHttp:\n    service: ext-authz.plain.svc.cluster.local\n    port: 8000\n' },
  { name: 'root-namespace-meshconfig', docs: [namespace('istio-config', {}), { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta('default', {}, 'istio-config'), spec: { mtls: { mode: 'STRICT' } } }, { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: meta('default', {}, 'istio-config'), spec: { egress: [{ hosts: ['./*', 'istio-system/*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } }], meshConfig: 'rootNamespace: istio-config\ntrustDomain: example.org\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' },
  { name: 'peerauthentication-port-level', docs: [...httpbin, { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta('httpbin'), spec: { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'PERMISSIVE' } } } }] },
  { name: 'authz-selector-matches-nothing', docs: [...httpbin, { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta('ghost'), spec: { selector: { matchLabels: { app: 'ghost' } }, action: 'DENY', rules: [{ from: [{ source: { notNamespaces: [NS] } }] }] } }] },
  { name: 'requestauthentication-jwks', docs: [...httpbin, { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: meta('jwt'), spec: { selector: { matchLabels: { app: 'httpbin' } }, jwtRules: [{ issuer: 'testing@secure.istio.io', jwksUri: 'http://jwks.example.com/jwks.json', fromHeaders: [{ name: 'x-jwt' }], outputPayloadToHeader: 'x-payload' }] } }] },
  { name: 'virtualservice-tls-tcp-routes', docs: [...httpbin, { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta('gw'), spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['*.example.com'], tls: { mode: 'PASSTHROUGH' } }, { port: { number: 31400, name: 'tcp', protocol: 'TCP' }, hosts: ['*'] }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('pass'), spec: { hosts: ['a.example.com'], gateways: ['gw'], tls: [{ match: [{ port: 443, sniHosts: ['a.example.com'] }], route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }], tcp: [{ match: [{ port: 31400 }], route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }] } }] },
  { name: 'virtualservice-delegate', docs: [...httpbin, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('root'), spec: { hosts: ['httpbin.example.com'], gateways: ['istio-system/ingressgateway'], http: [{ match: [{ uri: { prefix: '/api' } }], delegate: { name: 'child', namespace: NS } }] } }, { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta('child'), spec: { http: [{ route: [{ destination: { host: 'httpbin' } }] }] } }] },
  { name: 'gateway-api', docs: [...httpbin, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: meta('web'), spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }] } }, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: meta('httpbin'), spec: { parentRefs: [{ name: 'web' }], rules: [{ backendRefs: [{ name: 'httpbin', port: 8000 }] }] } }] },
  { name: 'destinationrule-workload-selector', docs: [...httpbin, { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta('httpbin-client'), spec: { host: 'httpbin', workloadSelector: { matchLabels: { app: 'httpbin' } }, exportTo: ['.'], trafficPolicy: { connectionPool: { http: { http1MaxPendingRequests: 10 } } } } }] },
  { name: 'ingress-gateway-service-ports', docs: [namespace('istio-system', {}), deployment('istio-ingressgateway', { ns: 'istio-system', labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' }, ports: [8080, 8443] }), service('istio-ingressgateway', [{ name: 'http2', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }], { ns: 'istio-system', selector: { istio: 'ingressgateway' } }), { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta('gw'), spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 8081, name: 'http', protocol: 'HTTP' }, hosts: ['a.example.com'] }] } }] },
];

/** The valid (or deliberately borderline) plain scenarios. */
export function plainCases(): Case[] {
  return SCENARIOS.map((s) => ({
    id: `plain-${s.name}`,
    origin: 'plain' as const,
    note: s.name,
    files: [{ name: `${s.name}.yaml`, content: s.docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n') }],
    ...(s.meshConfig ? { meshConfig: s.meshConfig } : {}),
  }));
}
