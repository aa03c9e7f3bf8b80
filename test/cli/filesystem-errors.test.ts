import * as fs from 'fs';
import * as path from 'path';
import { runCli, SERVICE_YAML, TEST_RULE_INFO, tempTree } from './helpers';
import { Severity } from '../../src/analysis/diagnostic';
import { Rule } from '../../src/analysis/rule';

// A filesystem problem is the user's to fix: a message naming the path and exit 2, never
// "internal error … please report it", never a stack trace.

// chmod 000 does not stop root (tests may run as root), so an unreadable folder is simulated
// by a readdirSync that refuses it; fs's own properties cannot be spied on.
jest.mock('fs', () => {
  const real = jest.requireActual('fs');
  return { ...real, readdirSync: jest.fn(real.readdirSync) };
});
const realReaddir: typeof fs.readdirSync = jest.requireActual('fs').readdirSync;

afterEach(() => (fs.readdirSync as unknown as jest.Mock).mockImplementation(realReaddir));

const noCrash = (stderr: string) => {
  expect(stderr).not.toMatch(/internal error/);
  expect(stderr).not.toMatch(/^\s+at /m);
};

test('an unreadable subfolder stops the run with a message naming it', async () => {
  const dir = tempTree({ 'app/a.yaml': SERVICE_YAML, 'app/locked/b.yaml': SERVICE_YAML });
  const locked = path.join(dir, 'app', 'locked');
  (fs.readdirSync as unknown as jest.Mock).mockImplementation((p: fs.PathLike, o?: any) => {
    if (path.resolve(String(p)) === locked) {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${locked}'`), { code: 'EACCES', syscall: 'scandir', path: locked });
    }
    return realReaddir(p, o);
  });
  const r = await runCli(['lint', 'app'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`^${path.join('app', 'locked').replace(/[/\\]/g, '.')}: error: cannot read folder: permission denied$`, 'm'));
  expect(r.stderr).toMatch(/nothing was checked/);
  expect(r.stdout).toBe('');
  noCrash(r.stderr);
});

test('a symlink loop given as a path is named with what is wrong', async () => {
  const dir = tempTree({});
  fs.symlinkSync('b.yaml', path.join(dir, 'a.yaml'));
  fs.symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
  const r = await runCli(['lint', 'a.yaml'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^a\.yaml: error: cannot read: too many levels of symbolic links/);
  noCrash(r.stderr);
});

test('a path through a file is named with what is wrong', async () => {
  const dir = tempTree({ 'svc.yaml': SERVICE_YAML });
  const r = await runCli(['lint', 'svc.yaml/more.yaml'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^svc\.yaml\/more\.yaml: error: cannot read: a part of the path is not a folder/);
  noCrash(r.stderr);
});

test('a filesystem error nothing else caught is reported with its path, not as an internal error', async () => {
  const failing: Rule = {
    ...TEST_RULE_INFO,
    id: 'test-reads-a-file',
    severity: Severity.ERROR,
    summary: 'Test rule: fails the way a filesystem call fails.',
    check() {
      throw Object.assign(new Error("ENOENT: no such file or directory, open '/nowhere/x'"), { code: 'ENOENT', syscall: 'open', path: '/nowhere/x' });
    },
  };
  const dir = tempTree({ 'svc.yaml': SERVICE_YAML });
  const r = await runCli(['lint', 'svc.yaml'], { cwd: dir, rules: [failing] });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/: no such file or folder\n$/);
  expect(r.stderr).toMatch(/nowhere\/x/);
  noCrash(r.stderr);
});

test('an unexpected failure prints one line and no stack trace', async () => {
  const failing: Rule = {
    ...TEST_RULE_INFO,
    id: 'test-throws',
    severity: Severity.ERROR,
    summary: 'Test rule: throws.',
    check() {
      throw new Error('boom');
    },
  };
  const dir = tempTree({ 'svc.yaml': SERVICE_YAML });
  const debug = process.env.CDK8S_ISTIO_DEBUG;
  delete process.env.CDK8S_ISTIO_DEBUG;
  try {
    const r = await runCli(['lint', 'svc.yaml'], { cwd: dir, rules: [failing] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/internal error: boom/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  } finally {
    if (debug !== undefined) process.env.CDK8S_ISTIO_DEBUG = debug;
  }
});
