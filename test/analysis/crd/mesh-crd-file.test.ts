import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ISTIO_CRD_FILE } from './helpers';
import { Mesh, MeshProps, MeshService, RetryPolicy } from '../../../src';
import { expectValidIstioObjects } from '../../conformance/istio-crd-validator';
import { synth } from '../../fixtures/app';

let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

/** An app with a canary of reviews, retries and a timeout: objects the library emits. */
function app(props: MeshProps = {}) {
  const a = Testing.app();
  const mesh = new Mesh(a, 'mesh', props);
  const chart = new Chart(a, 'shop', { namespace: 'shop' });
  const reviews = new MeshService(chart, 'reviews', { port: 9080 });
  const v1 = reviews.addVersion('v1', new kplus.Deployment(chart, 'reviews-v1', { containers: [{ image: 'r:1', portNumber: 9080 }] }));
  const v2 = reviews.addVersion('v2', new kplus.Deployment(chart, 'reviews-v2', { containers: [{ image: 'r:2', portNumber: 9080 }] }));
  reviews.addRoute({
    destinations: [{ version: v1, weight: 90 }, { version: v2, weight: 10 }],
    timeout: Duration.seconds(3),
    retries: RetryPolicy.of({ attempts: 2, perTryTimeout: Duration.seconds(1) }),
  });
  return { mesh, chart };
}

/** A ServiceEntry the schema accepts and Istio's CEL rules refuse: endpoints with resolution NONE. */
function addServiceEntryWithEndpoints(chart: Chart) {
  return new ApiObject(chart, 'payments', {
    apiVersion: 'networking.istio.io/v1',
    kind: 'ServiceEntry',
    metadata: { name: 'payments' },
    spec: { hosts: ['payments.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], endpoints: [{ address: '10.0.0.1' }] },
  });
}

describe('Mesh crdFile', () => {
  test('a missing file fails at construction, naming the construct, the prop, the file and what to pass', () => {
    expect(() => app({ crdFile: 'no/such/istio-crds.yaml' })).toThrow(
      /^mesh: crdFile cannot be used: no\/such\/istio-crds\.yaml: no such file\. Pass the CustomResourceDefinitions of the Istio version you run: /);
  });

  test('a file cut short fails at construction, naming the construct, the file and the CRD (as lint --crds does)', () => {
    const full = fs.readFileSync(ISTIO_CRD_FILE);
    const half = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-crd-')), 'half.yaml');
    fs.writeFileSync(half, full.subarray(0, Math.floor(full.length / 2)));
    expect(() => app({ crdFile: half })).toThrow(
      /^mesh: crdFile cannot be used: .*half\.yaml: CustomResourceDefinition \S+ has no spec\.versions\[\d\]\.served, .*looks cut short/);
  });

  test('the objects the library emits pass the CRDs\' schemas and CEL rules', () => {
    const { chart, mesh } = app({ crdFile: ISTIO_CRD_FILE });
    expect(mesh.crdFile).toBe(ISTIO_CRD_FILE);
    const manifests = synth(chart);
    expectValidIstioObjects(manifests);
    expect(mesh.analyze().filter((d) => d.ruleId.startsWith('schema-'))).toEqual([]);
  });

  test('a CEL violation fails the synth, with the rule, the field and the construct path', () => {
    const { chart } = app({ crdFile: ISTIO_CRD_FILE });
    addServiceEntryWithEndpoints(chart);
    expect(() => synth(chart)).toThrow(/schema-cel-validation: ServiceEntry shop\/payments at spec \(construct shop\/payments\): .*NONE mode cannot set endpoints/);
  });

  test('without crdFile the CEL rules do not run', () => {
    const { chart, mesh } = app();
    addServiceEntryWithEndpoints(chart);
    expect(mesh.crdFile).toBeUndefined();
    expect(mesh.analyze().map((d) => d.ruleId)).not.toContain('schema-cel-validation');
  });

  test('ignoreRules switches the CEL rule off like any other rule', () => {
    const { chart, mesh } = app({ crdFile: ISTIO_CRD_FILE, ignoreRules: ['schema-cel-validation'] });
    addServiceEntryWithEndpoints(chart);
    expect(mesh.analyze().map((d) => d.ruleId)).not.toContain('schema-cel-validation');
  });
});
