import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { expectValidGatewayApiObjects } from './gateway-api-crd-validator';
import { expectValidIstioObjects, validateIstioObject } from './istio-crd-validator';
import { IstioApiVersion, Mesh, MeshService, MeshServiceSource, StringMatch } from '../../src';

const EXAMPLES = path.resolve(__dirname, '../../examples');

/** An app that uses every routing feature of the foundation, for one API version. */
function featureApp(apiVersion: IstioApiVersion): Chart {
  const app = Testing.app();
  new Mesh(app, 'mesh', { apiVersion });
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const reviews = new MeshService(chart, 'reviews', { port: 9080 });
  const v1 = reviews.addVersion('v1', new kplus.Deployment(chart, 'reviews-v1', { containers: [{ image: 'r:1', portNumber: 9080 }] }));
  const v2 = reviews.addVersion('v2', new kplus.Deployment(chart, 'reviews-v2', { containers: [{ image: 'r:2', portNumber: 9080 }] }));
  reviews.routeByHeader('end-user', 'jason', v2);
  reviews.addRoute({
    name: 'api',
    matches: [{
      name: 'm',
      uri: StringMatch.regex('^/api/v[0-9]+'),
      scheme: StringMatch.exact('http'),
      method: StringMatch.exact('GET'),
      authority: StringMatch.prefix('reviews'),
      headers: { 'x-test': StringMatch.prefix('a') },
      withoutHeaders: { 'x-skip': StringMatch.exact('1') },
      queryParams: { q: StringMatch.exact('1') },
      ignoreUriCase: true,
      sourceLabels: { app: 'productpage' },
      sourceNamespace: 'shop',
      port: 9080,
    }],
    destinations: [{ version: v1, port: 9080, weight: 70 }, { host: 'reviews.legacy.svc.cluster.local', weight: 30 }],
  });
  reviews.canary({ stable: v1, candidate: v2, weight: 10 });
  const ext = new MeshService(chart, 'ext', { source: MeshServiceSource.fromHost('api.example.com') });
  ext.addVersionWithLabels('blue', { track: 'blue' });
  ext.addRoute();
  return chart;
}

describe('every Istio object the library emits validates against Istio\'s CRD schema', () => {
  test.each([IstioApiVersion.V1, IstioApiVersion.V1BETA1])('all routing features, API %s', (apiVersion) => {
    const manifests = Testing.synth(featureApp(apiVersion));
    const istio = manifests.filter((m) => m.apiVersion.includes('istio.io'));
    expect(istio.map((m) => m.kind).sort()).toEqual(['DestinationRule', 'DestinationRule', 'VirtualService', 'VirtualService']);
    expectValidIstioObjects(manifests);
  });

  const examples = fs.readdirSync(EXAMPLES).filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'app.ts'))).sort();
  test.each(examples)('example %s', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app: App = require(path.join(EXAMPLES, name, 'app.ts')).build(fs.mkdtempSync('/tmp/cdk8s-istio-example-'));
    const manifests = app.charts.flatMap((c) => c.toJson());
    expect(manifests.some((m) => m.apiVersion.includes('istio.io'))).toBe(true);
    expectValidIstioObjects(manifests);
    // Waypoints and the gateway-api example emit Gateway API objects: checked against the experimental CRDs (schema and CEL).
    expectValidGatewayApiObjects(manifests, 'experimental');
  });

  test('the validator itself rejects a misspelled field (so the checks above can fail)', () => {
    const manifests = Testing.synth(featureApp(IstioApiVersion.V1));
    const vs = manifests.find((m) => m.kind === 'VirtualService');
    vs.spec.http[0].retry = { attempts: 3 };
    expect(validateIstioObject(vs).join('\n')).toMatch(/retry/);
  });
});
