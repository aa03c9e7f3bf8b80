/**
 * Synthetic meshes for the benchmark: N services, each with two versions, a canary, a header
 * route, retries, a timeout, a circuit breaker, workload mTLS and an authorization policy.
 *
 * Two builds of the same app:
 * - `buildMeshApp` writes it with this library's constructs (and cdk8s-plus workloads), so its
 *   synth runs the analysis engine;
 * - `buildBaselineApp` writes the very same manifests as plain cdk8s `ApiObject`s, with no
 *   library code and no analysis: what any cdk8s user pays to synthesize that many objects.
 *
 * test/bench checks that both builds synthesize to identical manifests, so the baseline cannot
 * drift from what the constructs emit.
 */
import { ApiObject, App, Chart, Duration, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AuthorizationPolicy,
  Mesh,
  MeshService,
  MtlsMode,
  PeerAuthentication,
  Principal,
  RetryOn,
  RetryPolicy,
  TrafficPolicy,
  WorkloadSelector,
} from '../src';

/** Shape of a synthetic mesh. */
export interface MeshShape {
  /** Number of services. */
  readonly services: number;
  /** Services per namespace (one chart per namespace). @default 20 */
  readonly servicesPerNamespace?: number;
  /** For buildMeshApp: run the synth-time analysis. @default true */
  readonly analyze?: boolean;
  /** For buildMeshApp: the Mesh's `validateOncePerSynth`. @default true */
  readonly validateOncePerSynth?: boolean;
}

export const DEFAULT_SERVICES_PER_NAMESPACE = 20;
/** Kubernetes objects per service: ServiceAccount, 2 Deployments, Service, DestinationRule, VirtualService, PeerAuthentication, AuthorizationPolicy. */
export const OBJECTS_PER_SERVICE = 8;

const PORT = 8080;
/** The label cdk8s-plus puts on a workload's pods and selects them by. */
const ADDRESS_LABEL = kplus.Pod.ADDRESS_LABEL;
const VERSIONS = ['v1', 'v2'];

/** Identity of service `i`: its name, namespace, and the service whose identity may call it. */
export interface ServiceSlot {
  readonly index: number;
  readonly name: string;
  readonly namespace: string;
  readonly caller: { readonly name: string; readonly namespace: string };
}

/** Namespaces of the mesh, each with the services it holds, in order. */
export function layout(shape: MeshShape): Array<{ namespace: string; services: ServiceSlot[] }> {
  const per = shape.servicesPerNamespace ?? DEFAULT_SERVICES_PER_NAMESPACE;
  if (!Number.isInteger(shape.services) || shape.services < 1) {
    throw new Error(`services must be a whole number of at least 1, got ${shape.services}`);
  }
  if (!Number.isInteger(per) || per < 1) {
    throw new Error(`servicesPerNamespace must be a whole number of at least 1, got ${per}`);
  }
  const slot = (i: number) => ({ name: `svc-${i}`, namespace: `team-${Math.floor(i / per)}` });
  const out: Array<{ namespace: string; services: ServiceSlot[] }> = [];
  for (let i = 0; i < shape.services; i++) {
    const own = slot(i);
    // Each service is called by the one before it (the first by the last), often across namespaces.
    const caller = slot((i + shape.services - 1) % shape.services);
    if (i % per === 0) out.push({ namespace: own.namespace, services: [] });
    out[out.length - 1].services.push({ index: i, ...own, caller });
  }
  return out;
}

/** The app written with this library's constructs. */
export function buildMeshApp(shape: MeshShape, outdir?: string): App {
  const app = new App({ outdir });
  new Mesh(app, 'mesh', { analyze: shape.analyze ?? true, validateOncePerSynth: shape.validateOncePerSynth ?? true });
  for (const ns of layout(shape)) {
    const chart = new Chart(app, ns.namespace, { namespace: ns.namespace });
    for (const s of ns.services) addMeshService(chart, s);
  }
  return app;
}

/** The service account and the Deployment of each version, as cdk8s-plus objects. */
function addWorkloads(chart: Chart, s: ServiceSlot, podLabels?: (version: string) => Record<string, string>): kplus.Deployment[] {
  const serviceAccount = new kplus.ServiceAccount(chart, `${s.name}-sa`, { metadata: { name: s.name } });
  return VERSIONS.map((v) => new kplus.Deployment(chart, `${s.name}-${v}`, {
    metadata: { name: `${s.name}-${v}` },
    ...(podLabels ? { podMetadata: { labels: podLabels(v) } } : {}),
    replicas: 2,
    serviceAccount,
    containers: [{ image: `registry.example.com/${s.name}:${v}`, portNumber: PORT, securityContext: { ensureNonRoot: false } }],
  }));
}

function addMeshService(chart: Chart, s: ServiceSlot): void {
  const workloads = addWorkloads(chart, s);

  const service = new MeshService(chart, s.name, {
    port: PORT,
    trafficPolicy: TrafficPolicy.circuitBreaker({
      maxConnections: 100,
      maxPendingRequests: 10,
      consecutive5xxErrors: 5,
      interval: Duration.seconds(10),
      baseEjectionTime: Duration.seconds(30),
      maxEjectionPercent: 50,
    }),
  });
  const [v1, v2] = VERSIONS.map((v, i) => service.addVersion(v, workloads[i]));
  service.routeByHeader('x-canary', 'always', v2);
  const canary = service.canary({ stable: v1, candidate: v2, weight: 10 });
  canary.route.updateTimeout(Duration.seconds(5));
  canary.route.updateRetries(RetryPolicy.of({
    attempts: 3,
    perTryTimeout: Duration.seconds(1),
    retryOn: [RetryOn.FIVE_XX, RetryOn.CONNECT_FAILURE, RetryOn.RESET],
  }));

  new PeerAuthentication(chart, `${s.name}-mtls`, {
    selector: WorkloadSelector.fromMeshService(service),
    mode: MtlsMode.STRICT,
  });
  AuthorizationPolicy.allowCallers(chart, `${s.name}-allow`, {
    to: service,
    from: [Principal.fromName(s.caller.namespace, s.caller.name)],
  });
}

/**
 * The same manifests as a cdk8s-plus user would write them without this library: the service
 * account and Deployments as cdk8s-plus objects (labelled by hand), the Service and the Istio
 * objects as plain ApiObjects. No analysis.
 */
export function buildPlusBaselineApp(shape: MeshShape, outdir?: string): App {
  const app = new App({ outdir });
  for (const ns of layout(shape)) {
    const chart = new Chart(app, ns.namespace, { namespace: ns.namespace });
    for (const s of ns.services) {
      addWorkloads(chart, s, (v) => ({ app: s.name, version: v }));
      for (const m of serviceManifests(s).filter((o) => o.kind !== 'Deployment' && o.kind !== 'ServiceAccount')) {
        new ApiObject(chart, `${m.kind}-${m.metadata.name}`, m);
      }
    }
  }
  return app;
}

/** The same manifests as plain cdk8s ApiObjects: no library code, no analysis. */
export function buildBaselineApp(shape: MeshShape, outdir?: string): App {
  const app = new App({ outdir });
  for (const ns of layout(shape)) {
    const chart = new Chart(app, ns.namespace, { namespace: ns.namespace });
    for (const s of ns.services) {
      for (const m of serviceManifests(s)) {
        // Same construct ids as buildMeshApp for the Deployments, so the pod address label that
        // cdk8s-plus derives from the construct path has the same value.
        const obj = new ApiObject(chart, `${m.kind}-${m.metadata.name}`.replace(/^Deployment-/, ''), m);
        if (m.kind === 'Deployment') {
          const address = Names.toLabelValue(obj);
          m.spec.selector.matchLabels[ADDRESS_LABEL] = address;
          m.spec.template.metadata.labels[ADDRESS_LABEL] = address;
        }
      }
    }
  }
  return app;
}

/**
 * The manifests the constructs emit for one service, written out by hand (in the order cdk8s
 * writes them). Kept identical to `buildMeshApp`'s output by test/bench.
 */
export function serviceManifests(s: ServiceSlot): any[] {
  const { name, namespace } = s;
  const host = `${name}.${namespace}.svc.cluster.local`;
  const podLabels = (v: string): Record<string, string> => ({ app: name, version: v });
  const deployment = (v: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `${name}-${v}`, namespace },
    spec: {
      minReadySeconds: 0,
      progressDeadlineSeconds: 600,
      replicas: 2,
      selector: { matchLabels: {} as Record<string, string> }, // the address label, filled in by buildBaselineApp
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: podLabels(v) }, // + the address label, filled in by buildBaselineApp
        spec: {
          automountServiceAccountToken: false,
          containers: [{
            image: `registry.example.com/${name}:${v}`,
            imagePullPolicy: 'Always',
            name: 'main',
            ports: [{ containerPort: PORT }],
            resources: { limits: { cpu: '1500m', memory: '2048Mi' }, requests: { cpu: '1000m', memory: '512Mi' } },
            securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: false },
            startupProbe: { failureThreshold: 3, tcpSocket: { port: PORT } },
          }],
          dnsPolicy: 'ClusterFirst',
          hostNetwork: false,
          restartPolicy: 'Always',
          securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: true },
          serviceAccountName: name,
          setHostnameAsFQDN: false,
          terminationGracePeriodSeconds: 30,
        },
      },
    },
  });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, automountServiceAccountToken: false },
    deployment('v1'),
    deployment('v2'),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { labels: { app: name }, name, namespace },
      spec: { ports: [{ appProtocol: 'http', name: 'http', port: PORT, protocol: 'TCP', targetPort: PORT }], selector: { app: name } },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name, namespace },
      spec: {
        host,
        subsets: VERSIONS.map((v) => ({ labels: { version: v }, name: v })),
        trafficPolicy: {
          connectionPool: { http: { http1MaxPendingRequests: 10 }, tcp: { maxConnections: 100 } },
          outlierDetection: { baseEjectionTime: '30s', consecutive5xxErrors: 5, interval: '10s', maxEjectionPercent: 50 },
        },
      },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace },
      spec: {
        hosts: [host],
        http: [
          {
            match: [{ headers: { 'x-canary': { exact: 'always' } } }],
            route: [{ destination: { host, subset: 'v2' } }],
          },
          {
            name: 'default',
            retries: { attempts: 3, perTryTimeout: '1s', retryOn: '5xx,connect-failure,reset' },
            route: [
              { destination: { host, subset: 'v1' }, weight: 90 },
              { destination: { host, subset: 'v2' }, weight: 10 },
            ],
            timeout: '5s',
          },
        ],
      },
    },
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: `${name}-mtls`, namespace },
      spec: { mtls: { mode: 'STRICT' }, selector: { matchLabels: { app: name } } },
    },
    {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: `${name}-allow`, namespace },
      spec: {
        action: 'ALLOW',
        rules: [{ from: [{ source: { principals: [`cluster.local/ns/${s.caller.namespace}/sa/${s.caller.name}`] } }] }],
        selector: { matchLabels: { app: name } },
      },
    },
  ];
}

/**
 * The manifests of one service for the lint-at-scale corpus: those of `serviceManifests`, with
 * each Deployment cut down to what the rules read (selector, pod labels, service account,
 * container ports), so that a million objects make about 250 MB of YAML rather than 600.
 */
export function lintCorpusManifests(s: ServiceSlot): any[] {
  return serviceManifests(s).map((m) => {
    if (m.kind !== 'Deployment') return m;
    const labels = m.spec.template.metadata.labels;
    const container = m.spec.template.spec.containers[0];
    return {
      apiVersion: m.apiVersion,
      kind: m.kind,
      metadata: m.metadata,
      spec: {
        replicas: 2,
        // Copies: an object written twice would come out as a YAML anchor and alias.
        selector: { matchLabels: { ...labels } },
        template: {
          metadata: { labels: { ...labels } },
          spec: {
            serviceAccountName: m.spec.template.spec.serviceAccountName,
            containers: [{ name: container.name, image: container.image, ports: container.ports }],
          },
        },
      },
    };
  });
}
