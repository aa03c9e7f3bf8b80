import { tempTree } from './helpers';
import { main } from '../../src/cli/main';

// Runs the real rules (ALL_RULES), not test rules: lint finds what synth would find.

const DESTINATION_RULE = (subsets: string[]) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
spec:
  host: reviews.shop.svc.cluster.local
  subsets:
${subsets.map((s) => `  - name: ${s}\n    labels:\n      version: ${s}\n`).join('')}`;

const VIRTUAL_SERVICE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews.shop.svc.cluster.local
  http:
  - route:
    - destination:
        host: reviews.shop.svc.cluster.local
        subset: v3
`;
const SUBSET_LINE = 13;

async function lint(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: '',
    cwd,
  });
  return { code, stdout, stderr };
}

test('a subset missing from the DestinationRule in another file fails lint with IST0101 at the subset line', async () => {
  const root = tempTree({ 'dr.yaml': DESTINATION_RULE(['v1', 'v2']), 'vs.yaml': VIRTUAL_SERVICE });
  const r = await lint(['lint', '.'], root);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(new RegExp(
    `^vs\\.yaml:${SUBSET_LINE}  error    virtualservice-subset-not-found \\[IST0101\\]  VirtualService shop/reviews  ` +
    'spec\\.http\\[0\\]\\.route\\[0\\]\\.destination\\.subset  .*Fix: ', 'm'));
});

test('the same VirtualService passes once the DestinationRule in the other file defines the subset', async () => {
  const root = tempTree({ 'dr.yaml': DESTINATION_RULE(['v1', 'v2', 'v3']), 'vs.yaml': VIRTUAL_SERVICE });
  const r = await lint(['lint', '--format', 'json', '.'], root);
  const ids = JSON.parse(r.stdout).diagnostics.map((d: any) => d.ruleId);
  expect(ids).not.toContain('virtualservice-subset-not-found');
});

test('--ignore switches a real rule off', async () => {
  const root = tempTree({ 'dr.yaml': DESTINATION_RULE(['v1']), 'vs.yaml': VIRTUAL_SERVICE });
  const r = await lint(['lint', '--format', 'json', '--ignore', 'virtualservice-subset-not-found', '.'], root);
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout).diagnostics.map((d: any) => d.ruleId)).not.toContain('virtualservice-subset-not-found');
});
