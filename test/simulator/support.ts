import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { MeshSimulator } from '../../src';

const FIXTURES = path.join(__dirname, 'fixtures');

/** The documents of YAML texts, as plain objects. */
export function documents(...texts: string[]): any[] {
  return texts.flatMap((t) => parseAllDocuments(t).map((d) => d.toJSON())).filter((d) => d !== null);
}

/** A fixture file's text. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Bookinfo (services, workloads, destination rules, gateway) plus the YAML given. */
export function bookinfo(...extra: string[]): MeshSimulator {
  return MeshSimulator.fromManifests(documents(fixture('bookinfo.yaml'), fixture('bookinfo-destination-rules.yaml'), fixture('bookinfo-gateway.yaml'), ...extra));
}

/** One VirtualService per Bookinfo service, every one sent to subset v1 (the request-routing task's start). */
export const ALL_V1 = ['productpage', 'reviews', 'ratings', 'details'].map((app) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${app}
spec:
  hosts: [${app}]
  http:
  - route:
    - destination: {host: ${app}, subset: v1}
`).join('---\n');

/**
 * The mTLS and JWT tasks' layout: namespaces foo and bar with sidecar injection, legacy without,
 * each running httpbin (port 8000 → 80) and a curl client.
 */
export function httpbinNamespaces(...extra: string[]): MeshSimulator {
  const docs: string[] = [];
  for (const ns of ['foo', 'bar', 'legacy']) {
    docs.push(`apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels: ${ns === 'legacy' ? '{}' : '{istio-injection: enabled}'}
---
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: ${ns}}
spec:
  selector: {app: httpbin}
  ports:
  - {name: http, port: 8000, targetPort: 8080}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: httpbin, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: httpbin}}
  template:
    metadata: {labels: {app: httpbin, version: v1}}
    spec:
      serviceAccountName: httpbin
      containers: [{name: httpbin, image: example.invalid/httpbin, ports: [{containerPort: 8080}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: curl, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: curl}}
  template:
    metadata: {labels: {app: curl}}
    spec:
      serviceAccountName: curl
      containers: [{name: curl, image: example.invalid/curl}]`);
  }
  return MeshSimulator.fromManifests(documents(docs.join('\n---\n'), ...extra));
}

/** Namespace shop: Service api (port 80 → 8080) with versions v1 and v2 and their subsets, and a client web. */
export const SHOP = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api-v1, namespace: shop}
spec:
  selector: {matchLabels: {app: api, version: v1}}
  template:
    metadata: {labels: {app: api, version: v1}}
    spec: {serviceAccountName: api, containers: [{name: api, image: example.invalid/api, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api-v2, namespace: shop}
spec:
  selector: {matchLabels: {app: api, version: v2}}
  template:
    metadata: {labels: {app: api, version: v2}}
    spec: {serviceAccountName: api, containers: [{name: api, image: example.invalid/api, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {serviceAccountName: web, containers: [{name: web, image: example.invalid/web}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
`;

/** The shop plus the YAML given. */
export function shop(...extra: string[]): MeshSimulator {
  return MeshSimulator.fromManifests(documents(SHOP, ...extra));
}

/** A VirtualService for api in shop with the given http routes (YAML, indented for `http:`). */
export function apiRoutes(routes: string, extraSpec = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: shop}
spec:
  hosts: [api]
${extraSpec}  http:
${routes}`;
}
