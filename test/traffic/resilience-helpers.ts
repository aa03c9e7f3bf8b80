import { Chart, Testing } from 'cdk8s';
import { HttpRouteOptions, IstioApiVersion, Mesh, MeshService } from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';
import { only } from '../fixtures/app';

export const HOST = 'reviews.shop.svc.cluster.local';

/** An app with a mesh of the given API version, and a `reviews` service with versions v1 and v2. */
export function reviewsApp(apiVersion: IstioApiVersion = IstioApiVersion.V1) {
  const app = Testing.app();
  new Mesh(app, 'mesh', { apiVersion });
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const reviews = new MeshService(chart, 'reviews', { port: 9080 });
  const v1 = reviews.addVersionWithLabels('v1', { version: 'v1' });
  const v2 = reviews.addVersionWithLabels('v2', { version: 'v2' });
  return { app, chart, reviews, v1, v2 };
}

/**
 * Synthesizes the chart, checks every emitted object against Istio's CRD schema, and returns
 * the `spec.http` routes of the only VirtualService.
 */
export function synthRoutes(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  expectValidIstioObjects(manifests);
  return only(manifests, 'VirtualService').spec.http;
}

/** Adds one route with `options` to a fresh `reviews` service and returns it rendered. */
export function renderRoute(options: HttpRouteOptions, apiVersion?: IstioApiVersion): any {
  const { chart, reviews } = reviewsApp(apiVersion);
  reviews.addRoute(options);
  return synthRoutes(chart)[0];
}
