import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runCli, SERVICE_YAML, tempTree } from './helpers';
import { parseByteSize } from '../../src/cli/load-manifests';

// Hostile or unusual input ends in a clear message and exit 2 (or is read correctly), never in a
// crash, a hang, or a silent "no problems".

describe('a large number of objects', () => {
  test('a file of 200,000 documents is read without overflowing the call stack', async () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\n';
    const dir = tempTree({ 'many.yaml': `${doc}---\n`.repeat(200_000) });
    const r = await runCli(['lint', 'many.yaml'], { cwd: dir, rules: [] });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('No problems found in 1 file (200000 objects).\n');
    expect(r.code).toBe(0);
  }, 180_000);
});

describe('--max-bytes', () => {
  test('a file larger than --max-bytes is refused with its name and the option to raise the limit', async () => {
    const dir = tempTree({ 'big.yaml': SERVICE_YAML + `# ${'x'.repeat(2000)}\n` });
    const r = await runCli(['lint', '--max-bytes', '1KiB', 'big.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^big\.yaml: error: larger than the limit of 1 KiB a file; raise it with --max-bytes/);
    expect(r.stdout).toBe('');
  });

  test('by default a file over 64 MiB is refused without being read', async () => {
    const dir = tempTree({});
    const file = path.join(dir, 'huge.yaml');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 64 * 1024 * 1024 + 1); // sparse: no time spent writing it
    const r = await runCli(['lint', 'huge.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^huge\.yaml: error: larger than the limit of 64 MiB a file/);
  });

  test('a file within --max-bytes is read', async () => {
    const dir = tempTree({ 'svc.yaml': SERVICE_YAML });
    const r = await runCli(['lint', '--max-bytes=1024', 'svc.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
  });

  test('the inputs together may not exceed --max-total-bytes', async () => {
    const dir = tempTree({ 'a.yaml': SERVICE_YAML, 'b.yaml': SERVICE_YAML });
    const r = await runCli(['lint', '--max-total-bytes', String(SERVICE_YAML.length + 10), 'a.yaml', 'b.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^b\.yaml: error: the inputs together are larger than the limit of .*--max-total-bytes/);
  });

  test('/dev/zero is read up to the limit and refused', async () => {
    const r = await runCli(['lint', '--max-bytes', '1MiB', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\/dev\/zero: error: larger than the limit of 1 MiB a file/);
  });

  test('a FIFO that never ends is read up to the limit and refused', async () => {
    const dir = tempTree({});
    const fifo = path.join(dir, 'endless');
    await new Promise<void>((resolve, reject) => spawn('mkfifo', [fifo]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error('mkfifo')))));
    const writer = spawn('sh', ['-c', `yes 'a: b' > '${fifo}'`], { stdio: 'ignore' });
    try {
      const r = await runCli(['lint', '--max-bytes', '256KiB', 'endless'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^endless: error: larger than the limit of 256 KiB a file/);
    } finally {
      writer.kill();
    }
  });

  test('standard input is read up to the limit and refused', async () => {
    const r = await runCli(['lint', '--max-bytes', '100', '-'], { stdin: SERVICE_YAML });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^<stdin>: error: larger than the limit of 100 bytes a file/);
  });

  test('a size that is not one is a usage error', async () => {
    const r = await runCli(['lint', '--max-bytes', '64 parsecs', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-bytes 64 parsecs: not a size; write bytes, or a number with KiB, MiB or GiB/);
  });

  test.each([
    ['1048576', 1048576],
    ['64MiB', 64 * 1024 ** 2],
    ['1GiB', 1024 ** 3],
    ['1.5 KiB', 1536],
    ['2M', 2 * 1024 ** 2],
    ['1MB', 1_000_000],
  ])('size %s is %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  test.each(['', '0', '-1', 'MiB', '1 TiB', '1e3'])('size %p is refused', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});

describe('text encodings', () => {
  const encode = (bom: number[], text: string, unit: 2 | 4, littleEndian: boolean): Buffer => {
    const body = Buffer.alloc([...text].length * unit);
    [...text].forEach((ch, i) => {
      const cp = ch.codePointAt(0)!;
      if (unit === 4) {
        if (littleEndian) body.writeUInt32LE(cp, i * 4);
        else body.writeUInt32BE(cp, i * 4);
      } else if (littleEndian) {body.writeUInt16LE(cp, i * 2);} else {body.writeUInt16BE(cp, i * 2);}
    });
    return Buffer.concat([Buffer.from(bom), body]);
  };

  test.each([
    ['UTF-16LE', [0xff, 0xfe], 2, true],
    ['UTF-16BE', [0xfe, 0xff], 2, false],
    ['UTF-32LE', [0xff, 0xfe, 0, 0], 4, true],
    ['UTF-32BE', [0, 0, 0xfe, 0xff], 4, false],
  ] as const)('a %s file with a byte-order mark is read', async (_name, bom, unit, le) => {
    const dir = tempTree({});
    fs.writeFileSync(path.join(dir, 'svc.yaml'), encode([...bom], SERVICE_YAML, unit, le));
    const r = await runCli(['lint', 'svc.yaml'], { cwd: dir });
    expect(r.stdout).toBe('No problems found in 1 file (1 object).\n');
    expect(r.code).toBe(0);
  });

  test('a UTF-8 file with a byte-order mark is read', async () => {
    const dir = tempTree({});
    fs.writeFileSync(path.join(dir, 'svc.yaml'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SERVICE_YAML)]));
    const r = await runCli(['lint', 'svc.yaml'], { cwd: dir });
    expect(r.stdout).toBe('No problems found in 1 file (1 object).\n');
  });

  test('UTF-16 without a byte-order mark is refused as binary, not read as no objects', async () => {
    const dir = tempTree({});
    fs.writeFileSync(path.join(dir, 'svc.yaml'), encode([], SERVICE_YAML, 2, true));
    const r = await runCli(['lint', 'svc.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^svc\.yaml: error: not a text file: it holds a NUL byte \(at byte 1\)\. If it is UTF-16 or UTF-32 text, save it with a byte-order mark/);
    expect(r.stdout).toBe('');
  });

  test('a binary file is refused', async () => {
    const dir = tempTree({});
    fs.writeFileSync(path.join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const r = await runCli(['lint', 'image.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^image\.yaml: error: not a text file/);
  });

  test('invalid UTF-8 is refused rather than read with replacement characters', async () => {
    const dir = tempTree({});
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\xe9}\n', 'latin1'));
    const r = await runCli(['lint', 'latin1.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^latin1\.yaml: error: not valid UTF-8 text; save it as UTF-8/);
  });
});

test('--help documents the size limits and the encodings read', async () => {
  const r = await runCli(['lint', '--help']);
  expect(r.stdout).toMatch(/--max-bytes SIZE +refuse a file larger than SIZE \(default 64MiB\)/);
  expect(r.stdout).toMatch(/--max-total-bytes SIZE/);
  expect(r.stdout).toMatch(/UTF-16 or UTF-32 with a\s+byte-order mark/);
});
