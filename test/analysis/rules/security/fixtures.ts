import { Diagnostic } from '../../../../src/analysis/diagnostic';
import { analyzeSources } from '../../../../src/analysis/engine';
import { Rule } from '../../../../src/analysis/rule';

export { run } from '../fixtures';

/** Runs one rule with engine options (root namespace…). */
export function runWith(rule: Rule, manifests: any[], options: { rootNamespace?: string } = {}): Diagnostic[] {
  return analyzeSources(manifests.map((manifest) => ({ manifest })), { rules: [rule], ...options });
}

function meta(name: string, namespace?: string, extra: Record<string, any> = {}) {
  return { name, ...(namespace ? { namespace } : {}), ...extra };
}

export function peerAuthentication(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta(name, namespace), spec };
}

export function authorizationPolicy(name: string, namespace: string | undefined, spec: any, annotations?: Record<string, string>): any {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: meta(name, namespace, annotations ? { annotations } : {}),
    ...(spec === undefined ? {} : { spec }),
  };
}

export function requestAuthentication(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'security.istio.io/v1', kind: 'RequestAuthentication', metadata: meta(name, namespace), spec };
}

export function destinationRule(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta(name, namespace), spec };
}

export interface WorkloadOptions {
  readonly serviceAccount?: string;
  readonly ports?: Array<{ name?: string; containerPort: number }>;
  readonly podLabels?: Record<string, string>;
  readonly podAnnotations?: Record<string, string>;
}

/** A Deployment whose pods carry `labels`. */
export function workload(name: string, namespace: string | undefined, labels: Record<string, string>, options: WorkloadOptions = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace),
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels: { ...labels, ...(options.podLabels ?? {}) },
          ...(options.podAnnotations ? { annotations: options.podAnnotations } : {}),
        },
        spec: {
          ...(options.serviceAccount ? { serviceAccountName: options.serviceAccount } : {}),
          containers: [{ name: 'app', image: 'app:1', ...(options.ports ? { ports: options.ports } : {}) }],
        },
      },
    },
  };
}

export interface PortSpec {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly appProtocol?: string;
  readonly protocol?: string;
}

export function service(name: string, namespace: string | undefined, selector: Record<string, string>, ports: PortSpec[] = [{ name: 'http', port: 80 }]): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(name, namespace), spec: { selector, ports } };
}

export function namespaceObject(name: string): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}
