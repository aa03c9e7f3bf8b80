import { CRD_RULES } from '../crd';
import { Rule } from '../rule';
import { destinationRuleSubsetNoPods } from './cross/destinationrule-subset-no-pods';
import { virtualServiceConflictingMeshHosts } from './cross/virtualservice-conflicting-mesh-hosts';
import { virtualServiceGatewayNotFound } from './cross/virtualservice-gateway-not-found';
import { virtualServiceSubsetNotFound } from './cross/virtualservice-subset-not-found';
import { EDGE_RULES } from './edge';
import { manifestDuplicateObject } from './manifest/manifest-duplicate-object';
import { manifestPatchSkipped } from './manifest/manifest-patch-skipped';
import { PARITY_RULES } from './parity';
import { RESILIENCE_RULES } from './resilience';
import { SCHEMA_RULES } from './schema';
import { SECURITY_RULES } from './security';
import { virtualServiceIneffectiveMatch } from './virtualservice-ineffective-match';
import { virtualServiceInvalidWeight } from './virtualservice-invalid-weight';
import { virtualServiceUnreachableRoute } from './virtualservice-unreachable-route';
import { virtualServiceWeightsNot100 } from './virtualservice-weights-not-100';

/**
 * Every rule the engine runs, in the order they run. Add a rule here and it runs in synth,
 * in `cdk8s-istio lint` and in the cdk8s validation plugin alike.
 */
export const ALL_RULES: readonly Rule[] = [
  ...SCHEMA_RULES,
  ...CRD_RULES,
  virtualServiceInvalidWeight,
  virtualServiceWeightsNot100,
  virtualServiceUnreachableRoute,
  virtualServiceIneffectiveMatch,
  virtualServiceSubsetNotFound,
  virtualServiceGatewayNotFound,
  virtualServiceConflictingMeshHosts,
  destinationRuleSubsetNoPods,
  ...RESILIENCE_RULES,
  ...SECURITY_RULES,
  ...PARITY_RULES,
  ...EDGE_RULES,
  manifestDuplicateObject,
  manifestPatchSkipped,
];
