import { Diagnostic } from '../../../../src/analysis/diagnostic';
import { analyzeSources } from '../../../../src/analysis/engine';
import { Rule } from '../../../../src/analysis/rule';
import { expectValidIstioObjects } from '../../../conformance/istio-crd-validator';

/** Runs one rule over plain manifests. */
export function run(rule: Rule, manifests: any[], options: { rootNamespace?: string } = {}): Diagnostic[] {
  return analyzeSources(manifests.map((manifest) => ({ manifest })), { rules: [rule], ...options });
}

/** Runs a rule over manifests that must be accepted: the Istio objects pass Istio's CRD schema, and the rule says nothing. */
export function expectClean(rule: Rule, manifests: any[]): void {
  expectValidIstioObjects(manifests.filter((m) => typeof m.apiVersion === 'string' && m.apiVersion.includes('istio.io')));
  expect(run(rule, manifests).map((d) => `${d.ruleId} ${d.path}: ${d.message}`)).toEqual([]);
}

function meta(name: string, namespace?: string, extra: Record<string, any> = {}) {
  return { name, ...(namespace ? { namespace } : {}), ...extra };
}

export function gateway(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: meta(name, namespace), spec };
}

/** A Gateway with one server. */
export function gatewayWith(name: string, namespace: string, server: any, selector: Record<string, string> = { istio: 'ingressgateway' }): any {
  return gateway(name, namespace, { selector, servers: [server] });
}

export const httpServer = (hosts: string[], extra: any = {}) => ({ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts, ...extra });
export const httpsServer = (hosts: string[], tls: any, extra: any = {}) => ({ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts, tls, ...extra });

export function serviceEntry(name: string, namespace: string | undefined, spec: any, extra: Record<string, any> = {}): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: meta(name, namespace, extra), spec };
}

export function sidecar(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: meta(name, namespace), spec };
}

export function virtualService(name: string, namespace: string | undefined, spec: any): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta(name, namespace), spec };
}

export function service(name: string, namespace: string | undefined, spec: any, labels?: Record<string, string>): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: meta(name, namespace, labels ? { labels } : {}), spec };
}

export function namespaceObject(name: string, labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(Object.keys(labels).length > 0 ? { labels } : {}) } };
}

export function secret(name: string, namespace: string): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } };
}

/** A Deployment whose pod template carries `labels` (plus `podLabels`). */
export function deployment(
  name: string,
  namespace: string | undefined,
  labels: Record<string, string>,
  podLabels: Record<string, string> = {},
  annotations?: Record<string, string>,
): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace),
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels, ...podLabels }, ...(annotations ? { annotations } : {}) },
        spec: { containers: [{ name: 'app', image: `${name}:1` }] },
      },
    },
  };
}

/** The `istio` ConfigMap of the root namespace, with MeshConfig YAML. */
export function meshConfigMap(mesh: string, namespace = 'istio-system'): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace }, data: { mesh } };
}
