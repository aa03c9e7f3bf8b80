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
