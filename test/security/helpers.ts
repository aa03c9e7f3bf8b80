import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';

/** Synthesizes a chart and checks every Istio object against Istio's CRD schema. */
export function synthValid(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  expectValidIstioObjects(manifests);
  return manifests;
}

/** The only object of `kind` named `name` (or the only one of the kind). */
export function find(manifests: any[], kind: string, name?: string): any {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}

/** A Deployment with one container on `port`, optionally with a service account. */
export function deployment(chart: Chart, id: string, options: { port?: number; serviceAccount?: kplus.IServiceAccount } = {}): kplus.Deployment {
  return new kplus.Deployment(chart, id, {
    serviceAccount: options.serviceAccount,
    containers: [{ image: `${id}:1`, portNumber: options.port ?? 8080 }],
  });
}
