import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { CrdSchemas } from '../../../src/analysis/crd';
import { toRecord } from '../../../src/analysis/manifest';

export { ISTIO_CRD_FILE } from '../../conformance/istio-crd-validator';

/** The group test CRDs use: an Istio group, so that the engine's Istio-only rules look at them. */
export const TEST_GROUP = 'networking.istio.io';

/** CRD YAML for a kind `Probe` of {@link TEST_GROUP} whose `spec` has the given schema. */
export function probeCrd(spec: object, root: object = {}): string {
  return stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `probes.${TEST_GROUP}` },
    spec: {
      group: TEST_GROUP,
      names: { kind: 'Probe', plural: 'probes' },
      scope: 'Namespaced',
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec }, ...root } },
      }],
    },
  });
}

/** CRDs of a `Probe` whose spec has the given schema. */
export function probeSchemas(spec: object, root: object = {}): CrdSchemas {
  return CrdSchemas.fromYaml(probeCrd(spec, root), 'probe-crd.yaml');
}

/** A Probe object with the given spec. */
export function probe(spec: unknown, name = 'p'): any {
  return { apiVersion: `${TEST_GROUP}/v1`, kind: 'Probe', metadata: { name, namespace: 'default' }, spec };
}

/** Runs the CEL rules of `crds` on one manifest. */
export function celIssues(crds: CrdSchemas, manifest: any) {
  return crds.cel.validate(toRecord({ manifest })!);
}

/** Writes `content` to a new temp file and returns its path. */
export function tempFile(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-crds-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
