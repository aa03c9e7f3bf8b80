import { Chart, Testing } from 'cdk8s';

/** Synthesizes a chart (running the app's validations, as `cdk8s synth` does). */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The objects of one kind, in output order. */
export function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter((m) => m.kind === kind);
}

/** The only object of a kind; fails when there is not exactly one. */
export function only(manifests: any[], kind: string): any {
  const found = ofKind(manifests, kind);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${kind}, found ${found.length}`);
  }
  return found[0];
}

/** A fresh app and a chart in namespace `shop`. */
export function shopChart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}
