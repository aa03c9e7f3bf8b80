import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

describe('the cdk8s-istio/testing entry point', () => {
  test('testing.js and testing.d.ts at the package root re-export lib/testing', () => {
    expect(fs.readFileSync(path.join(root, 'testing.js'), 'utf8')).toContain("module.exports = require('./lib/testing');");
    expect(fs.readFileSync(path.join(root, 'testing.d.ts'), 'utf8')).toContain("export * from './lib/testing';");
    expect(fs.existsSync(path.join(root, 'src/testing/index.ts'))).toBe(true);
  });

  test('the npm package does not leave them out', () => {
    const ignored = fs.readFileSync(path.join(root, '.npmignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const pattern of ['/testing.js', '/testing.d.ts', 'testing.js', 'testing.d.ts', '*.js', '*.d.ts']) {
      expect(ignored).not.toContain(pattern);
    }
  });
});
