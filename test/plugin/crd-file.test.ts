import * as fs from 'fs';
import * as path from 'path';
import { runPlugin, violationsOf } from './helpers';
import { IstioValidation } from '../../src';

// A JWKS fetch timeout of 0s passes the OpenAPI schema; only the CRD's CEL rule refuses it, so
// the plugin reports it only when given the CRD file.
const CRD_FILE = path.resolve(__dirname, '../../../shared/istio-crds/istio-1.30.3.yaml');
const ZERO_TIMEOUT = fs.readFileSync(path.resolve(__dirname, '../conformance/suite/requestauthentication/invalid/fetch-timeout-zero.yaml'), 'utf8');

describe('IstioValidation crdFile', () => {
  test('checks the CRD file\'s CEL rules when given one', async () => {
    const run = await runPlugin({ 'jwt.k8s.yaml': ZERO_TIMEOUT }, { props: { crdFile: CRD_FILE } });
    expect(violationsOf(run, 'schema-cel-validation')).toHaveLength(1);
    expect(run.success).toBe(false);
  });

  test('without it, the built-in table does not run CEL rules', async () => {
    const run = await runPlugin({ 'jwt.k8s.yaml': ZERO_TIMEOUT });
    expect(violationsOf(run, 'schema-cel-validation')).toHaveLength(0);
  });

  test('a missing file is refused when the plugin is created, naming the property', () => {
    expect(() => new IstioValidation({ crdFile: '/nonexistent/istio-crds.yaml' })).toThrow(/properties\.crdFile: .*istio-crds\.yaml/);
  });
});
