import { Chart, Testing } from 'cdk8s';
import { Mesh, MeshProps, Severity } from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';

/** A fresh app with a Mesh, and a chart in namespace `shop`. */
export function edgeApp(props: MeshProps = {}): { mesh: Mesh; chart: Chart } {
  const app = Testing.app();
  const mesh = new Mesh(app, 'mesh', props);
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  return { mesh, chart };
}

/**
 * Synthesizes a chart (running the synth-time analysis, which fails on errors) and checks every
 * Istio object against Istio's CRD schema.
 */
export function synthValid(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  expectValidIstioObjects(manifests);
  return manifests;
}

/** The only object of `kind` (named `name`, when given). */
export function find(manifests: any[], kind: string, name?: string): any {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}

/** The analysis findings of an app at error or warning level, as `ruleId: message` lines. */
export function problems(mesh: Mesh): string[] {
  return mesh.analyze()
    .filter((d) => d.severity === Severity.ERROR || d.severity === Severity.WARNING)
    .map((d) => `${d.ruleId}: ${d.message}`);
}
