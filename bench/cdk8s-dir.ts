/**
 * Preloaded (`node -r`) into a measurement child when the bench runs with `--cdk8s-dir DIR`: every
 * `require('cdk8s')` then loads the cdk8s installed under DIR (DIR/node_modules/cdk8s), so that
 * one build of the library and the generator is measured against several cdk8s releases, e.g.
 *
 *   npm install --prefix /tmp/cdk8s-versions/2.70.98 --legacy-peer-deps cdk8s@2.70.98
 *
 * `constructs` stays the project's copy for everyone, cdk8s under DIR included: with two copies,
 * constructs made by one would not be constructs to the other.
 */
import * as path from 'path';

const dir = process.env.BENCH_CDK8S_DIR;
if (dir) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module');
  const cdk8sEntry = require.resolve('cdk8s', { paths: [path.join(dir, 'node_modules')] });
  const constructsEntry = require.resolve('constructs');
  if (!cdk8sEntry.startsWith(path.resolve(dir))) {
    throw new Error(`--cdk8s-dir ${dir}: no cdk8s installed under it (found ${cdk8sEntry})`);
  }
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request: string, ...rest: unknown[]): string {
    if (request === 'cdk8s') return cdk8sEntry;
    if (request === 'constructs') return constructsEntry;
    return original.call(this, request, ...rest);
  };
}
