export { run } from '../fixtures';
export { authorizationPolicy, destinationRule, requestAuthentication, runWith, service, workload } from '../security/fixtures';

function meta(name: string, namespace?: string, extra: Record<string, any> = {}) {
  return { name, ...(namespace ? { namespace } : {}), ...extra };
}

export function virtualService(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta(name, namespace), spec };
}

export function gateway(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta(name, namespace), spec };
}

export function serviceEntry(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: meta(name, namespace), spec };
}

export function sidecar(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: meta(name, namespace), spec };
}

export function telemetry(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: meta(name, namespace), spec };
}

export function namespaceObject(name: string, labels: Record<string, string> = {}, annotations?: Record<string, string>): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, ...(annotations ? { annotations } : {}) } };
}

/** A Deployment whose pod template has these labels, annotations, pod spec additions and containers. */
export function deployment(name: string, ns: string, options: {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  podSpec?: Record<string, any>;
  containers?: any[];
  ownLabels?: Record<string, string>;
} = {}): any {
  const labels = options.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: ns,
      ...(options.ownLabels ? { labels: options.ownLabels } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, ...(options.podAnnotations ? { annotations: options.podAnnotations } : {}) },
        spec: { containers: options.containers ?? [{ name: 'app', image: 'app:1' }], ...(options.podSpec ?? {}) },
      },
    },
  };
}
