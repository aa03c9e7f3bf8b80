import { Diagnostic } from '../../../src/analysis/diagnostic';
import { analyzeSources } from '../../../src/analysis/engine';
import { Rule } from '../../../src/analysis/rule';

/** Runs one rule over plain manifests. */
export function run(rule: Rule, manifests: any[]): Diagnostic[] {
  return analyzeSources(manifests.map((manifest) => ({ manifest })), { rules: [rule] });
}

function meta(name: string, namespace?: string, extra: Record<string, any> = {}) {
  return { name, ...(namespace ? { namespace } : {}), ...extra };
}

export function virtualService(name: string, spec: any, namespace?: string): any {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta(name, namespace), spec };
}

export function destinationRule(name: string, host: string, subsets: any[] = [], namespace?: string): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: meta(name, namespace),
    spec: { host, ...(subsets.length > 0 ? { subsets } : {}) },
  };
}

export function subset(name: string, labels: Record<string, string> = { version: name }): any {
  return { name, labels };
}

export function gateway(name: string, namespace?: string, hosts: string[] = ['*']): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: meta(name, namespace),
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }] },
  };
}

export function service(name: string, selector: Record<string, string> | undefined, namespace?: string): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, namespace),
    spec: { ...(selector ? { selector } : {}), ports: [{ name: 'http', port: 80 }] },
  };
}

export function deployment(name: string, labels: Record<string, string>, namespace?: string): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, namespace),
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'app:1' }] } },
    },
  };
}

/** An http route to one destination. */
export function to(host: string, subsetName?: string, weight?: number): any {
  return { destination: { host, ...(subsetName ? { subset: subsetName } : {}) }, ...(weight !== undefined ? { weight } : {}) };
}
