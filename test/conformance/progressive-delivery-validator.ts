/**
 * The independent schema validator of the istio CRD tests (see `crd-validator.ts`), over the
 * progressive-delivery CRDs (Argo Rollouts v1.9.1, Flagger v1.44.0 in
 * ../shared/progressive-delivery-crds): ajv with the API server's strictness (unknown fields
 * rejected, in metadata too), sharing no code with the library.
 */
import * as path from 'path';
import { CrdFileValidator } from './crd-validator';

const CRD_DIR = path.resolve(__dirname, '../../../shared/progressive-delivery-crds');
export const PROGRESSIVE_DELIVERY_CRD_FILES = ['argo-rollouts-v1.9.1.yaml', 'flagger-v1.44.0.yaml'].map((f) => path.join(CRD_DIR, f));

const PROGRESSIVE_DELIVERY = new CrdFileValidator(PROGRESSIVE_DELIVERY_CRD_FILES, 'progressive-delivery', { strictMetadata: true });

/** Errors of one object against its CRD; an object of no known CRD is an error itself. */
export function validateProgressiveDeliveryObject(obj: any): string[] {
  if (!PROGRESSIVE_DELIVERY.serves(String(obj?.apiVersion), String(obj?.kind))) return [`no CRD serves ${obj?.apiVersion}/${obj?.kind}`];
  return PROGRESSIVE_DELIVERY.validate(obj);
}

/** Throws listing every schema error of the objects of the progressive-delivery groups among `objects`. */
export function expectValidProgressiveDeliveryObjects(objects: any[]): void {
  PROGRESSIVE_DELIVERY.expectValid(objects);
}
