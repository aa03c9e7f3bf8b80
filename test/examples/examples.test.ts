import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Mesh } from '../../src';

const EXAMPLES = path.resolve(__dirname, '../../examples');

describe('examples', () => {
  const examples = fs.readdirSync(EXAMPLES).filter((d) => fs.existsSync(path.join(EXAMPLES, d, 'app.ts'))).sort();
  test.each(examples)('%s synthesizes with no analysis error', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app: App = require(path.join(EXAMPLES, name, 'app.ts')).build(fs.mkdtempSync('/tmp/cdk8s-istio-example-'));
    const errors = Mesh.of(app).analyze().filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
  });
});

describe('examples/resilience', () => {
  test('warns that 3 retries of 2s cannot fit in the 5s route timeout', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app: App = require(path.join(EXAMPLES, 'resilience', 'app.ts')).build(fs.mkdtempSync('/tmp/cdk8s-istio-example-'));
    const warning = Mesh.of(app).analyze().find((d) => d.ruleId === 'virtualservice-retries-exceed-timeout');
    expect(warning).toMatchObject({ severity: 'warning', resource: { kind: 'VirtualService', name: 'api' } });
    expect(warning!.message).toMatch(/3 × perTryTimeout 2s = 6s > timeout 5s/);
  });
});
