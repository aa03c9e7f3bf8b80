import * as fs from 'fs';
import * as path from 'path';
import { rulesTable, START, END } from '../../scripts/rules-doc';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

describe('README', () => {
  test('its rules table lists exactly the rules the engine runs (regenerate: npx projen rules-doc)', () => {
    const block = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
    expect(block).toBe(rulesTable());
  });

  test('shows the install command and the two commands for a fresh clone', () => {
    expect(readme).toContain('npm ci && npx projen examples bookinfo');
    expect(readme).toContain('npx projen build');
  });

  test('documents protocol inference, object identity and the lint input limits', () => {
    expect(readme).toContain('#### Protocol inference');
    expect(readme).toContain('#### Object identity');
    expect(readme).toContain('**Input limits and encodings.**');
    expect(readme).toContain('also applies to `--crds`, `--mesh-config` and the kustomizations next to the inputs');
    expect(readme).toContain('UTF-16 or UTF-32');
  });
});
