/**
 * The independent ajv validator over the Gateway API CRD files (v1.5.1, standard and
 * experimental channels; see `crd-validator.ts`), plus the CEL rules of the same files.
 */
import * as path from 'path';
import { CrdFileValidator } from './crd-validator';
import { CrdSchemas } from '../../src/analysis/crd';
import { toRecord } from '../../src/analysis/manifest';

const DIR = path.resolve(__dirname, '../../../shared/gateway-api-crds');
export const GATEWAY_API_STANDARD_FILE = path.join(DIR, 'gateway-api-v1.5.1-standard.yaml');
export const GATEWAY_API_EXPERIMENTAL_FILE = path.join(DIR, 'gateway-api-v1.5.1-experimental.yaml');

export const GATEWAY_API_STANDARD = new CrdFileValidator(GATEWAY_API_STANDARD_FILE, 'Gateway API (standard)');
export const GATEWAY_API_EXPERIMENTAL = new CrdFileValidator(GATEWAY_API_EXPERIMENTAL_FILE, 'Gateway API (experimental)');

/** Whether an object belongs to the Gateway API. */
export function isGatewayApiObject(obj: any): boolean {
  return typeof obj?.apiVersion === 'string' && obj.apiVersion.startsWith('gateway.networking.k8s.io/');
}

/**
 * The CEL (`x-kubernetes-validations`) failures of the channel's CRDs on an object. The schema
 * check above is independent of the library; CEL is evaluated with the library's evaluator (the
 * only CEL engine here), over the CRD file itself rather than the built-in table.
 */
export function celProblems(obj: any, channel: 'standard' | 'experimental' = 'standard'): string[] {
  const schemas = CrdSchemas.fromFile(channel === 'standard' ? GATEWAY_API_STANDARD_FILE : GATEWAY_API_EXPERIMENTAL_FILE);
  return schemas.cel.validate(toRecord({ manifest: obj })!).map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** Fails unless every Gateway API object passes the channel's schemas (unknown fields rejected) and CEL rules. */
export function expectValidGatewayApiObjects(objects: any[], channel: 'standard' | 'experimental' = 'standard'): void {
  const gw = objects.filter(isGatewayApiObject);
  (channel === 'standard' ? GATEWAY_API_STANDARD : GATEWAY_API_EXPERIMENTAL).expectValid(gw);
  const cel = gw.flatMap((o) => celProblems(o, channel).map((p) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}: ${p}`));
  if (cel.length > 0) throw new Error(`Gateway API CEL violations (${cel.length}):\n  ${cel.join('\n  ')}`);
}
