/**
 * The independent ajv validator over Istio's CRD file (see `crd-validator.ts`).
 */
import * as path from 'path';
import { CrdFileValidator } from './crd-validator';

export const ISTIO_CRD_FILE = path.resolve(__dirname, '../../../shared/istio-crds/istio-1.30.3.yaml');

const ISTIO = new CrdFileValidator(ISTIO_CRD_FILE, 'Istio');

/**
 * Validates one object against Istio's CRD schema of its apiVersion and kind.
 * @returns the errors (empty when valid); always empty for objects outside Istio's API groups
 */
export function validateIstioObject(obj: any): string[] {
  return ISTIO.validate(obj);
}

/** Fails (throws) listing every schema error of every object, with kind, name and path. */
export function expectValidIstioObjects(objects: any[]): void {
  ISTIO.expectValid(objects);
}
