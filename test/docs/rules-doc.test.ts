import * as fs from 'fs';
import { ANALYZER_PARITY, CEL_BUILTIN, WEBHOOK_PARITY } from '../../scripts/parity-table';
import { celEntries, readCrdFile, RULES_DOC_FILE, rulesDoc } from '../../scripts/rules-doc';
import { ALL_RULES } from '../../src/analysis/rules';

const crd = readCrdFile();
const ids = new Set(ALL_RULES.map((r) => r.id));

describe('docs/rules.md', () => {
  test('is what `npx projen rules-doc` generates from the registry, the parity tables and the CRD file', () => {
    expect(fs.readFileSync(RULES_DOC_FILE, 'utf8')).toBe(rulesDoc(crd));
  });

  test('tells the field and what to do for every rule the engine runs (the rule\'s fields and fix)', () => {
    expect(ALL_RULES.filter((r) => r.fields.trim() === '' || r.fix.trim() === '').map((r) => r.id)).toEqual([]);
  });

  test('names only rules that exist in its parity tables', () => {
    const named = [
      ...WEBHOOK_PARITY.flatMap((g) => g.rows.flatMap((r) => r.rules ?? [])),
      ...ANALYZER_PARITY.flatMap((r) => r.rules ?? []),
      ...Object.values(CEL_BUILTIN).flat(),
    ];
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  test('lists every rule that carries an istioctl analyzer code under that code', () => {
    const webhookCodes = new Set(['IST0106', 'IST0133']);
    const missing = ALL_RULES
      .filter((r) => r.istioCode && !webhookCodes.has(r.istioCode))
      .filter((r) => !ANALYZER_PARITY.some((row) => row.code === r.istioCode && (row.rules ?? []).includes(r.id)))
      .map((r) => `${r.id} (${r.istioCode})`);
    expect(missing).toEqual([]);
  });

  test('gives every analyzer message one row, and a reason to every check it does not implement', () => {
    const codes = ANALYZER_PARITY.map((r) => r.code).filter((c) => c !== '—');
    expect(new Set(codes).size).toBe(codes.length);
    const rows = [...WEBHOOK_PARITY.flatMap((g) => g.rows), ...ANALYZER_PARITY];
    expect(rows.filter((r) => r.status !== 'implemented' && !r.note)).toEqual([]);
    expect(rows.filter((r) => r.status === 'implemented' && (r.rules ?? []).length === 0 && !r.note)).toEqual([]);
  });

  test('covers the webhook of the nine kinds and the CEL rules of their CRDs', () => {
    expect(WEBHOOK_PARITY.map((g) => g.kind)).toEqual([
      'VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar',
      'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication', 'Telemetry',
    ]);
    const cel = celEntries(crd);
    expect(cel.length).toBeGreaterThan(40);
    expect(cel.find((e) => e.kind === 'PeerAuthentication' && e.message === 'portLevelMtls requires selector')?.fields).toEqual(['spec']);
    // Every built-in mapping names a CEL rule that exists in the CRD file.
    const keys = new Set(cel.map((e) => `${e.kind}: ${e.message}`));
    expect(Object.keys(CEL_BUILTIN).filter((k) => !keys.has(k))).toEqual([]);
  });
});
