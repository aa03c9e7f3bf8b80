import { MeshService, TrafficPolicy, TrafficPolicyProps } from '../../src';
import { expectValidIstioObjects } from '../conformance/istio-crd-validator';
import { only, shopChart, synth } from '../fixtures/app';

/**
 * Synthesizes a service `api` (namespace `shop`) with a service-wide traffic policy, checks every
 * emitted object against Istio's CRD schema and returns the DestinationRule.
 */
export function destinationRuleWith(policy: TrafficPolicy | TrafficPolicyProps): any {
  const chart = shopChart();
  const trafficPolicy = policy instanceof TrafficPolicy ? policy : new TrafficPolicy(policy);
  new MeshService(chart, 'api', { port: 8080, trafficPolicy });
  const manifests = synth(chart);
  expectValidIstioObjects(manifests);
  return only(manifests, 'DestinationRule');
}

/** The rendered `spec.trafficPolicy` of {@link destinationRuleWith}. */
export function renderedPolicy(policy: TrafficPolicy | TrafficPolicyProps): any {
  return destinationRuleWith(policy).spec.trafficPolicy;
}

/** Attaches a policy to a fresh service `shop/api`, for tests of early errors. */
export function attach(policy: TrafficPolicyProps): () => void {
  return () => new MeshService(shopChart(), 'api', { port: 8080, trafficPolicy: new TrafficPolicy(policy) });
}
