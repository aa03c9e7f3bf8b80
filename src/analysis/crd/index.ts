/**
 * Version-exact schema checks: the CRDs of the Istio version a cluster runs, read from a file
 * (`lint --crds FILE`, Mesh `crdFile`), with their OpenAPI schemas and CEL rules.
 */
export { CrdFileError, CrdSchemas, CRD_FILE_HINT } from './crd-schemas';
export { CelValidator, parseFieldPath } from './cel-validation';
export { incompleteCrds } from './crd-completeness';
export type { CelIssue } from './cel-validation';
export { CrdParseError, deriveFieldTable, serializeNode } from './derive-field-table';
export type { DeriveOptions } from './derive-field-table';

