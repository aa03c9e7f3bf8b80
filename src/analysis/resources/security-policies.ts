import { ObjectRecord } from '../manifest';
import { MeshModel } from '../model';

/** PeerAuthentication, AuthorizationPolicy and RequestAuthentication objects, in input order. */
export function securityPolicies(model: MeshModel): ObjectRecord[] {
  return [...model.peerAuthentications(), ...model.authorizationPolicies(), ...model.requestAuthentications()];
}

export const ALLOWED_TARGETS: Array<{ group: string; kind: string }> = [
  { group: '', kind: 'Service' },
  { group: 'networking.istio.io', kind: 'ServiceEntry' },
  { group: 'gateway.networking.k8s.io', kind: 'Gateway' },
  { group: 'gateway.networking.k8s.io', kind: 'GatewayClass' },
];
