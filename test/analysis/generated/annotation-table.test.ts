import * as fs from 'fs';
import {
  annotationSource, AnnotationRow, DEFAULT_OUT_FILE, deriveAnnotationRows, readAnnotationSource, renderAnnotationModule,
} from '../../../scripts/derive-annotation-table';
import { ISTIO_ANNOTATIONS } from '../../../src/analysis/generated/istio-annotations.generated';

const committed = fs.readFileSync(DEFAULT_OUT_FILE, 'utf8');
const rows: AnnotationRow[] = ISTIO_ANNOTATIONS.map(([name, status, deprecated, resources]) => (
  { name, status, deprecated, resources: [...resources] }
));

describe('the generated annotation table', () => {
  test('names its source and how to regenerate it in the header every generated table carries', () => {
    expect(readAnnotationSource(committed)).toBeDefined();
    expect(committed).toContain('// Regenerate: npx projen derive-annotations');
    expect(committed).toContain('/* eslint-disable */');
  });

  test('is exactly what `npx projen derive-annotations` writes for its rows (no hand edits)', () => {
    expect(renderAnnotationModule(rows, readAnnotationSource(committed)!)).toBe(committed);
  });

  test('lists each annotation once, sorted by name', () => {
    const names = rows.map((r) => r.name);
    expect(names).toEqual([...new Set(names)].sort((a, b) => a.localeCompare(b)));
  });
});

describe('derive-annotations', () => {
  const yaml = [
    'annotations:',
    '  - name: sidecar.istio.io/inject',
    '    featureStatus: Beta',
    '    resources: [Pod]',
    '  - name: alpha.istio.io/old',
    '    deprecated: true',
    '    resources: [Service]',
  ].join('\n');

  test('keeps name, feature status (Alpha when absent), deprecation and resources, sorted by name', () => {
    expect(deriveAnnotationRows(yaml)).toEqual([
      { name: 'alpha.istio.io/old', status: 'Alpha', deprecated: true, resources: ['Service'] },
      { name: 'sidecar.istio.io/inject', status: 'Beta', deprecated: false, resources: ['Pod'] },
    ]);
  });

  test('records the sha256 of the source it read, which the header gives back', () => {
    const source = annotationSource(yaml, 'test annotations.yaml');
    expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readAnnotationSource(renderAnnotationModule(deriveAnnotationRows(yaml), source))).toEqual(source);
  });
});
