/** What the progressive-delivery construct tests share: a two-version reviews service and a checked synth. */
import { MeshService, TrafficPolicy } from '../../src';
import { expectValidProgressiveDeliveryObjects } from '../conformance/progressive-delivery-validator';
import { deployment, shopChart, synthValid } from '../fixtures/app';

/** The reviews MeshService of the shop chart with versions v1 and v2, each on its own Deployment. */
export function reviewsCanary(options: { trafficPolicy?: TrafficPolicy } = {}) {
  const chart = shopChart();
  const v1Deployment = deployment(chart, 'reviews-v1', { port: 9080 });
  const v2Deployment = deployment(chart, 'reviews-v2', { port: 9080 });
  const reviews = new MeshService(chart, 'reviews', { port: 9080, trafficPolicy: options.trafficPolicy });
  const v1 = reviews.addVersion('v1', v1Deployment);
  const v2 = reviews.addVersion('v2', v2Deployment);
  return { chart, reviews, v1, v2, v1Deployment, v2Deployment };
}

/** Synthesizes, checking Istio objects and Argo Rollouts / Flagger objects against their CRDs. */
export function synthChecked(chart: any): any[] {
  const manifests = synthValid(chart);
  expectValidProgressiveDeliveryObjects(manifests);
  return manifests;
}
