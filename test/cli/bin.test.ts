import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempTree, VIRTUAL_SERVICE_YAML } from './helpers';
import * as cliMain from '../../src/cli/main';

const REPO = path.join(__dirname, '..', '..');

test('the command run as a process exits 1 on an error finding and 2 on broken input', () => {
  const root = tempTree({ 'vs.yaml': VIRTUAL_SERVICE_YAML, 'broken.yaml': 'apiVersion: v1\nkind: a: b\n' });
  const run = (entry: string, ...args: string[]) =>
    spawnSync(process.execPath, ['-r', require.resolve('ts-node/register'), entry, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', TS_NODE_PROJECT: path.join(REPO, 'tsconfig.json') },
      timeout: 60_000,
    });

  // The real entry point: broken input exits 2 with the position, whatever the rules.
  const broken = run(path.join(REPO, 'src', 'cli', 'bin-entry.ts'), 'lint', 'broken.yaml');
  expect(broken.stderr).toMatch(/^broken\.yaml:2:\d+: error: YAML syntax error/);
  expect(broken.stderr).not.toMatch(/\n\s+at /);
  expect(broken.status).toBe(2);

  // The same entry with the test rules: an error finding sets the process exit code to 1.
  const failing = run(path.join(__dirname, 'fixtures', 'entry-with-test-rules.ts'), 'lint', 'vs.yaml');
  expect(failing.stdout).toContain('vs.yaml:17  error    test-no-retries');
  expect(failing.status).toBe(1);
});

test('bin/cdk8s-istio is a node script that runs the compiled entry point', () => {
  const bin = path.join(REPO, 'bin', 'cdk8s-istio');
  const text = fs.readFileSync(bin, 'utf8');
  expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(text).toContain("require('../lib/cli/main.js').runCli()");
  expect(() => fs.accessSync(bin, fs.constants.X_OK)).not.toThrow();
  expect(typeof cliMain.runCli).toBe('function');
});
