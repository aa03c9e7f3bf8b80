import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';

/** Synthesizes a chart (running the mesh analysis) and checks every Istio object against Istio's CRDs. */
export function synthValid(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  expectValidIstioObjects(manifests);
  return manifests;
}

/** The only object of `kind` (optionally named `name`); fails otherwise. */
export function one(manifests: any[], kind: string, name?: string): any {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata?.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}

/** A Deployment with one container on port 8080. */
export function deployment(chart: Chart, id: string): kplus.Deployment {
  return new kplus.Deployment(chart, id, { containers: [{ image: `${id}:1`, portNumber: 8080 }] });
}

/** A fresh app (with its Mesh created by the first construct) and a chart in namespace `shop`. */
export function shop(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}
