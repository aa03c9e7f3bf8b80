/**
 * Cross-checks the library's schema rules (field table + engine) against the independent ajv
 * validator over Istio's CRDs: on valid objects and on systematic mutations of them, both must
 * agree on whether an object is valid, and on where the fault is.
 */
import { validateIstioObject } from './istio-crd-validator';
import { analyzeSources } from '../../src/analysis/analysis-run';
import { formatPath } from '../../src/analysis/json-path';
import { ALL_RULES } from '../../src/analysis/rules';

const SCHEMA_RULES = ALL_RULES.filter((r) => r.id.startsWith('schema-') && r.id !== 'schema-cel-validation');

const SAMPLES: any[] = [
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'shop' },
    spec: {
      hosts: ['reviews'],
      gateways: ['mesh'],
      http: [
        {
          name: 'jason',
          match: [{ headers: { 'end-user': { exact: 'jason' } }, uri: { prefix: '/api' } }],
          route: [{ destination: { host: 'reviews', subset: 'v2', port: { number: 9080 } }, weight: 100 }],
          timeout: '10s',
          retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx' },
          fault: { delay: { fixedDelay: '1s', percentage: { value: 10 } } },
          mirrorPercentage: { value: 5.5 },
          corsPolicy: { allowOrigins: [{ exact: 'https://example.com' }], allowCredentials: true },
        },
      ],
      tcp: [{ match: [{ port: 3306 }], route: [{ destination: { host: 'mysql' } }] }],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews' },
    spec: {
      host: 'reviews',
      exportTo: ['.'],
      trafficPolicy: {
        loadBalancer: { consistentHash: { httpCookie: { name: 'u', ttl: '0s' } } },
        connectionPool: { tcp: { maxConnections: 10, connectTimeout: '1s' }, http: { http2MaxRequests: 100, idleTimeout: '1m' } },
        outlierDetection: { consecutive5xxErrors: 3, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
        tls: { mode: 'ISTIO_MUTUAL' },
      },
      subsets: [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' } } }],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'ingress' },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop/*.example.com'], tls: { mode: 'SIMPLE', credentialName: 'cert' } }],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 'payments' },
    spec: {
      hosts: ['api.payments.example'],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      endpoints: [{ address: 'api.payments.example', ports: { tls: 443 }, labels: { zone: 'a' } }],
    },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'allow-frontend', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'reviews' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/frontend'] } }], to: [{ operation: { methods: ['GET'], paths: ['/api/*'] } }] }],
    },
  },
  {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name: 'default', namespace: 'istio-system' },
    spec: { mtls: { mode: 'STRICT' }, selector: { matchLabels: { app: 'db' } }, portLevelMtls: { 5432: { mode: 'PERMISSIVE' } } },
  },
  {
    apiVersion: 'telemetry.istio.io/v1',
    kind: 'Telemetry',
    metadata: { name: 'mesh-default', namespace: 'istio-system' },
    spec: { tracing: [{ randomSamplingPercentage: 10, customTags: { env: { literal: { value: 'prod' } } } }], accessLogging: [{ providers: [{ name: 'envoy' }] }] },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Sidecar',
    metadata: { name: 'default', namespace: 'shop' },
    spec: { egress: [{ hosts: ['./*', 'istio-system/*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
  },
];

function ours(obj: any): string[] {
  return analyzeSources([{ manifest: obj }], { rules: SCHEMA_RULES }).map((d) => `${d.ruleId} ${d.path}`);
}

/** Every (path, parent, key) of a JSON value below `spec`. */
function leaves(value: any, path: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => { out.push([...path, i]); out.push(...leaves(v, [...path, i])); });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push([...path, k]);
      out.push(...leaves(v, [...path, k]));
    }
  }
  return out;
}

function clone(x: any): any {
  return JSON.parse(JSON.stringify(x));
}

function parentOf(root: any, path: Array<string | number>): any {
  let node = root;
  for (const seg of path.slice(0, -1)) node = node[seg];
  return node;
}

/** A value of another JSON type than `v`. */
function otherType(v: unknown): unknown {
  if (typeof v === 'string') return 7;
  if (typeof v === 'number') return 'seven';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return { notAList: true };
  return 'not-an-object';
}

interface Mutant { readonly label: string; readonly obj: any }

function mutants(sample: any): Mutant[] {
  const out: Mutant[] = [];
  for (const path of leaves(sample.spec, ['spec'])) {
    const key = path[path.length - 1];
    const retyped = clone(sample);
    const parent = parentOf(retyped, path);
    parent[key] = otherType(parent[key]);
    out.push({ label: `${formatPath(path)} retyped`, obj: retyped });
    if (typeof key === 'string') {
      const renamed = clone(sample);
      const p = parentOf(renamed, path);
      p[`${key}X`] = p[key];
      delete p[key];
      out.push({ label: `${formatPath(path)} renamed`, obj: renamed });
    }
  }
  return out;
}

describe('schema rules agree with the independent CRD validator', () => {
  test.each(SAMPLES.map((s) => [s.kind, s]))('a valid %s passes both', (_kind, sample) => {
    expect(validateIstioObject(sample)).toEqual([]);
    expect(ours(sample)).toEqual([]);
  });

  test('every single-field mutation of the samples gets the same verdict from both', () => {
    const disagreements: string[] = [];
    let invalid = 0;
    let total = 0;
    for (const sample of SAMPLES) {
      for (const m of mutants(sample)) {
        total++;
        const a = validateIstioObject(m.obj);
        const b = ours(m.obj);
        if (a.length > 0) invalid++;
        if ((a.length > 0) !== (b.length > 0)) {
          disagreements.push(`${sample.kind} ${m.label}: ajv [${a.join('; ')}] vs rules [${b.join('; ')}]`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(total).toBeGreaterThan(200);
    // Most mutations break the object; some are legal (a map key renamed, a map value retyped to a string…).
    expect(invalid / total).toBeGreaterThan(0.8);
  });

  test('a renamed field is reported at the same path by both', () => {
    const vs = clone(SAMPLES[0]);
    vs.spec.http[0].retries.perTryTimeoutX = vs.spec.http[0].retries.perTryTimeout;
    delete vs.spec.http[0].retries.perTryTimeout;
    expect(validateIstioObject(vs)).toEqual(['/spec/http/0/retries: unknown field "perTryTimeoutX"']);
    expect(ours(vs)).toEqual(['schema-unknown-field spec.http[0].retries.perTryTimeoutX']);
  });
});
