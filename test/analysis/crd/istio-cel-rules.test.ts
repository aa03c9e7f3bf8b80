/**
 * The CEL rules of Istio 1.30.3's CRDs (../shared/istio-crds/istio-1.30.3.yaml), evaluated by
 * `schema-cel-validation`: for each kind, values the API server refuses and values it accepts.
 * The refused values are all schema-valid (the ajv validator, which runs no CEL, accepts them):
 * only the CEL rules catch them.
 */
import { ISTIO_CRD_FILE } from './helpers';
import { analyzeSources } from '../../../src/analysis/analysis-run';
import { CrdSchemas } from '../../../src/analysis/crd';
import { Diagnostic } from '../../../src/analysis/diagnostic';
import { SCHEMA_CEL_VALIDATION } from '../../../src/analysis/rules/schema/schema-cel-validation';
import { expectValidIstioObjects } from '../../conformance/istio-crd-validator';

const crds = CrdSchemas.fromFile(ISTIO_CRD_FILE);

function cel(manifest: any): Diagnostic[] {
  return analyzeSources([{ manifest }], { rules: [SCHEMA_CEL_VALIDATION], crds });
}

/** Asserts the object is schema-valid and that its only CEL finding is `message` at `path`. */
function expectRefused(manifest: any, path: string, message: string): void {
  expectValidIstioObjects([manifest]);
  const found = cel(manifest);
  expect(found.map((d) => [d.ruleId, d.severity, d.path])).toEqual([['schema-cel-validation', 'error', path]]);
  expect(found[0].message).toContain(message);
}

function expectAccepted(manifest: any): void {
  expectValidIstioObjects([manifest]);
  expect(cel(manifest)).toEqual([]);
}

const meta = { name: 'reviews', namespace: 'shop' };
const vs = (http: any[]) => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta, spec: { hosts: ['reviews'], http } });
const dr = (spec: any) => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta, spec: { host: 'reviews', ...spec } });
const se = (spec: any) => ({ apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'api', namespace: 'shop' }, spec });
const sidecar = (spec: any) => ({ apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace: 'shop' }, spec });
const gateway = (tls: any) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop.example.com'], tls }] },
});
const security = (kind: string, spec: any) => ({ apiVersion: 'security.istio.io/v1', kind, metadata: { name: 'policy', namespace: 'shop' }, spec });
const telemetry = (spec: any) => ({ apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 'metrics', namespace: 'shop' }, spec });
const ROUTE = [{ destination: { host: 'reviews' } }];

describe('VirtualService', () => {
  test('a route timeout under 1ms is refused', () => {
    expectRefused(vs([{ timeout: '500us', route: ROUTE }]), 'spec.http[0].timeout', 'must be a valid duration greater than 1ms');
  });

  test('a perTryTimeout that is not a duration is refused, with the parse error', () => {
    expectRefused(vs([{ retries: { attempts: 2, perTryTimeout: '2 seconds' }, route: ROUTE }]), 'spec.http[0].retries.perTryTimeout', 'fails on "2 seconds" with');
  });

  test('durations of 1ms and more are accepted', () => {
    expectAccepted(vs([{ timeout: '1ms', retries: { attempts: 2, perTryTimeout: '1h30m' }, route: ROUTE }]));
  });
});

describe('DestinationRule', () => {
  test('a zero connect timeout is refused', () => {
    expectRefused(dr({ trafficPolicy: { connectionPool: { tcp: { connectTimeout: '0s' } } } }),
      'spec.trafficPolicy.connectionPool.tcp.connectTimeout', 'must be a valid duration greater than 1ms');
  });

  test('a subset\'s outlier-detection interval is checked too', () => {
    expectRefused(dr({ subsets: [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { outlierDetection: { interval: '0.1ms' } } }] }),
      'spec.subsets[0].trafficPolicy.outlierDetection.interval', 'must be a valid duration greater than 1ms');
  });

  test('a wildcard in a workloadSelector label value is refused', () => {
    expectRefused(dr({ workloadSelector: { matchLabels: { app: 'front*' } } }), 'spec.workloadSelector.matchLabels.app', 'wildcard not allowed in label value match');
  });

  test('valid durations and selectors are accepted', () => {
    expectAccepted(dr({
      workloadSelector: { matchLabels: { app: 'frontend' } },
      trafficPolicy: { connectionPool: { tcp: { connectTimeout: '250ms' } }, outlierDetection: { interval: '10s', baseEjectionTime: '30s' } },
    }));
  });
});

describe('ServiceEntry', () => {
  const port = { number: 443, name: 'https', protocol: 'TLS' };

  test('endpoints with resolution NONE are refused', () => {
    expectRefused(se({ hosts: ['api.example.com'], ports: [port], endpoints: [{ address: '10.0.0.1' }] }), 'spec', 'NONE mode cannot set endpoints');
  });

  test('a host of "*" is refused', () => {
    expectRefused(se({ hosts: ['*'], ports: [port], resolution: 'DNS' }), 'spec.hosts[0]', 'hostname cannot be wildcard');
  });

  test('a port number listed twice is refused', () => {
    expectRefused(se({ hosts: ['api.example.com'], ports: [port, { ...port, name: 'tls' }], resolution: 'DNS' }), 'spec.ports', 'port number cannot be duplicated');
  });

  test('a Unix socket address that is not absolute is refused', () => {
    expectRefused(se({ hosts: ['api.local'], ports: [port], resolution: 'STATIC', endpoints: [{ address: 'unix://var/run/api.sock' }] }),
      'spec.endpoints[0].address', 'UDS must be an absolute path or abstract socket');
  });

  test('CIDR addresses with DNS resolution are refused', () => {
    expectRefused(se({ hosts: ['api.example.com'], addresses: ['10.0.0.0/24'], ports: [port], resolution: 'DNS' }), 'spec', 'CIDR addresses are allowed only for NONE/STATIC');
  });

  test('a DNS service entry with static endpoints and distinct ports is accepted', () => {
    expectAccepted(se({
      hosts: ['api.example.com'],
      ports: [port, { number: 80, name: 'http', protocol: 'HTTP' }],
      resolution: 'STATIC',
      endpoints: [{ address: '10.0.0.1' }, { address: 'unix:///var/run/api.sock' }],
    }));
  });
});

describe('Sidecar', () => {
  test('a wildcard in the workload selector is refused', () => {
    expectRefused(sidecar({ workloadSelector: { labels: { app: '*' } }, egress: [{ hosts: ['./*'] }] }), 'spec.workloadSelector.labels.app', 'wildcard is not supported in selector');
  });

  test('an inbound idle timeout under 1ms is refused', () => {
    expectRefused(sidecar({ inboundConnectionPool: { http: { idleTimeout: '100us' } }, egress: [{ hosts: ['./*'] }] }),
      'spec.inboundConnectionPool.http.idleTimeout', 'must be a valid duration greater than 1ms');
  });

  test('ingress TLS with both credentialName and credentialNames is refused', () => {
    expectRefused(sidecar({
      workloadSelector: { labels: { app: 'ratings' } },
      ingress: [{ port: { number: 9443, protocol: 'HTTPS', name: 'https' }, defaultEndpoint: '127.0.0.1:9080', tls: { mode: 'SIMPLE', credentialName: 'a', credentialNames: ['b'] } }],
    }), 'spec.ingress[0].tls', 'only one of credentialName or credentialNames can be set');
  });

  test('a namespace-wide sidecar with an egress listener is accepted', () => {
    expectAccepted(sidecar({ egress: [{ hosts: ['./*', 'istio-system/*'] }], inboundConnectionPool: { http: { idleTimeout: '5m' } } }));
  });
});

describe('Gateway', () => {
  test('TLS with both credentialNames and tlsCertificates is refused, twice: the CRD repeats that rule under another message', () => {
    const manifest = gateway({ mode: 'SIMPLE', credentialNames: ['shop-cert'], tlsCertificates: [{ serverCertificate: '/etc/c.pem', privateKey: '/etc/k.pem' }] });
    expectValidIstioObjects([manifest]);
    const found = cel(manifest);
    expect(found.map((d) => d.path)).toEqual(['spec.servers[0].tls', 'spec.servers[0].tls']);
    expect(found[0].message).toContain('only one of credentialNames or tlsCertificates can be set');
    expect(found[1].message).toContain('only one of credentialName or tlsCertificates can be set');
  });

  test('TLS with both credentialName and credentialNames is refused', () => {
    expectRefused(gateway({ mode: 'SIMPLE', credentialName: 'a', credentialNames: ['b'] }), 'spec.servers[0].tls', 'only one of credentialName or credentialNames can be set');
  });

  test('TLS with one credential is accepted', () => {
    expectAccepted(gateway({ mode: 'SIMPLE', credentialName: 'shop-cert' }));
  });
});

describe('AuthorizationPolicy', () => {
  test('a selector next to targetRefs is refused', () => {
    expectRefused(security('AuthorizationPolicy', {
      selector: { matchLabels: { app: 'reviews' } },
      targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }],
    }), 'spec', 'only one of targetRefs or selector can be set');
  });

  test('serviceAccounts next to principals is refused', () => {
    expectRefused(security('AuthorizationPolicy', {
      rules: [{ from: [{ source: { serviceAccounts: ['shop/frontend'], principals: ['cluster.local/ns/shop/sa/frontend'] } }] }],
    }), 'spec.rules[0].from[0].source', 'Cannot set serviceAccounts with namespaces or principals');
  });

  test('a targetRef in another namespace is refused', () => {
    expectRefused(security('AuthorizationPolicy', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'web', namespace: 'edge' }] }),
      'spec.targetRefs[0].namespace', 'cross namespace referencing is not currently supported');
  });

  test('a policy with a selector and identity rules is accepted', () => {
    expectAccepted(security('AuthorizationPolicy', {
      selector: { matchLabels: { app: 'reviews' } },
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend'] } }] }],
    }));
  });
});

describe('PeerAuthentication', () => {
  test('portLevelMtls without a selector is refused', () => {
    expectRefused(security('PeerAuthentication', { portLevelMtls: { 8080: { mode: 'DISABLE' } } }), 'spec', 'portLevelMtls requires selector');
  });

  test('a port key of 0 is refused', () => {
    expectRefused(security('PeerAuthentication', { selector: { matchLabels: { app: 'reviews' } }, portLevelMtls: { 0: { mode: 'DISABLE' } } }),
      'spec.portLevelMtls', 'port must be between 1-65535');
  });

  test('a port-level mode with a selector is accepted', () => {
    expectAccepted(security('PeerAuthentication', { selector: { matchLabels: { app: 'reviews' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'PERMISSIVE' } } }));
  });
});

describe('RequestAuthentication', () => {
  test('a jwksUri that is not http(s) is refused', () => {
    expectRefused(security('RequestAuthentication', { jwtRules: [{ issuer: 'https://auth.example.com', jwksUri: 'file:///etc/jwks.json' }] }),
      'spec.jwtRules[0].jwksUri', 'url must have scheme http:// or https://');
  });

  test('jwksUri together with inline jwks is refused', () => {
    expectRefused(security('RequestAuthentication', { jwtRules: [{ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/jwks', jwks: '{"keys":[]}' }] }),
      'spec.jwtRules[0]', 'only one of jwks or jwksUri can be set');
  });

  test('an https jwksUri and a 5s fetch timeout are accepted', () => {
    expectAccepted(security('RequestAuthentication', { jwtRules: [{ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/.well-known/jwks.json', timeout: '5s' }] }));
  });
});

describe('Telemetry', () => {
  test('an UPSERT tag override without a value is refused (the rule cannot read the missing value)', () => {
    expectRefused(telemetry({ metrics: [{ providers: [{ name: 'prometheus' }], overrides: [{ tagOverrides: { request_host: { operation: 'UPSERT' } } }] }] }),
      'spec.metrics[0].overrides[0].tagOverrides.request_host', 'value must be set when operation is UPSERT');
  });

  test('a REMOVE tag override with a value is refused', () => {
    expectRefused(telemetry({ metrics: [{ overrides: [{ tagOverrides: { request_host: { operation: 'REMOVE', value: 'x' } } }] }] }),
      'spec.metrics[0].overrides[0].tagOverrides.request_host', 'value must not be set when operation is REMOVE');
  });

  test('a reporting interval under 1ms is refused', () => {
    expectRefused(telemetry({ metrics: [{ reportingInterval: '0s' }] }), 'spec.metrics[0].reportingInterval', 'must be a valid duration greater than 1ms');
  });

  test('UPSERT with a value and REMOVE without one are accepted', () => {
    expectAccepted(telemetry({
      selector: { matchLabels: { app: 'reviews' } },
      metrics: [{
        providers: [{ name: 'prometheus' }],
        reportingInterval: '15s',
        overrides: [{ tagOverrides: { request_host: { operation: 'UPSERT', value: 'request.host' }, source_app: { operation: 'REMOVE' } } }],
      }],
    }));
  });
});

describe('WasmPlugin', () => {
  const wasm = (url: string) => ({ apiVersion: 'extensions.istio.io/v1alpha1', kind: 'WasmPlugin', metadata: { name: 'auth', namespace: 'shop' }, spec: { url } });

  test('a URL whose scheme is not http, https, file or oci is refused', () => {
    expectRefused(wasm('ftp://plugins.example.com/auth.wasm'), 'spec.url', 'url must have schema one of [http, https, file, oci]');
  });

  test('an OCI image reference without a scheme is accepted (read as http://…)', () => {
    expectAccepted(wasm('ghcr.io/example/auth-plugin:1.0'));
  });
});
