import * as path from 'path';
import { main } from '../../src/cli/main';

// The foundation issue's acceptance check: lint over a file with each listed mistake reports
// every one with its JSON path and exits 1; over the corrected file it exits 0.

const FIXTURES = path.resolve(__dirname, '../fixtures/lint');

async function lintJson(file: string): Promise<{ code: number; diagnostics: any[] }> {
  let stdout = '';
  const code = await main(['lint', '--format', 'json', path.join(FIXTURES, file)], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => undefined },
    stdin: '',
    cwd: FIXTURES,
  });
  return { code, diagnostics: JSON.parse(stdout).diagnostics };
}

describe('lint over the foundation issue\'s mistakes', () => {
  let result: { code: number; diagnostics: any[] };
  beforeAll(async () => {
    result = await lintJson('mistakes.yaml');
  });

  const found = (ruleId: string, name: string, p: string) =>
    result.diagnostics.find((d) => d.ruleId === ruleId && d.resource.name === name && d.path === p);

  test('exits 1', () => {
    expect(result.code).toBe(1);
  });

  test.each([
    ['retry: instead of retries:', 'schema-unknown-field', 'reviews', 'spec.http[0].retry', /retries/],
    ['per_try_timeout', 'schema-unknown-field', 'reviews', 'spec.http[1].retries.per_try_timeout', /perTryTimeout/],
    ['timeout inside retries', 'schema-unknown-field', 'reviews', 'spec.http[1].retries.timeout', /spec\.http\[1\]\.timeout/],
    ['loadBalancer in a VirtualService route', 'schema-unknown-field', 'reviews', 'spec.http[1].loadBalancer', /DestinationRule/],
    ['a subset no DestinationRule defines', 'virtualservice-subset-not-found', 'reviews', 'spec.http[1].route[0].destination.subset', /v3/],
    ['a route after a catch-all', 'virtualservice-unreachable-route', 'reviews', 'spec.http[1]', /never be reached/],
    ['a negative weight', 'virtualservice-invalid-weight', 'reviews', 'spec.http[3].route[0].weight', /-10/],
    ['percentages that do not total 100', 'virtualservice-weights-not-100', 'reviews', 'spec.http[2].route', /90/],
    ['a gateway that does not exist', 'virtualservice-gateway-not-found', 'reviews', 'spec.gateways[0]', /shop-gateway/],
    ['two mesh VirtualServices for one host', 'virtualservice-conflicting-mesh-hosts', 'reviews-too', 'spec.hosts[0]', /reviews/],
    ['a subset whose labels match no pod', 'destinationrule-subset-no-pods', 'reviews', 'spec.subsets[1].labels', /v2/],
  ])('reports %s', (_what, ruleId, name, p, message) => {
    const d = found(ruleId, name, p);
    expect(d).toBeDefined();
    expect(`${d.message} ${d.fix ?? ''}`).toMatch(message);
  });

  test('the corrected file passes with no finding and exits 0', async () => {
    const ok = await lintJson('correct.yaml');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.code).toBe(0);
  });
});
