import { ROOT_POLICY_CONFLICT_YAML, runCli, tempTree } from './helpers';
import { ALL_RULES } from '../../src/analysis/rules';

// A mesh-wide STRICT PeerAuthentication lives in Istio's root namespace; a DestinationRule that
// turns TLS off toward a workload under it is a conflict. Which namespace is the root is an option.

async function ruleIds(argv: string[]): Promise<string[]> {
  const dir = tempTree({ 'mesh.yaml': ROOT_POLICY_CONFLICT_YAML });
  const r = await runCli(['lint', '--format', 'json', ...argv, 'mesh.yaml'], { cwd: dir, rules: ALL_RULES });
  return JSON.parse(r.stdout).diagnostics.map((d: any) => d.ruleId);
}

describe('lint --root-namespace', () => {
  test('a policy in the given root namespace applies mesh-wide', async () => {
    expect(await ruleIds(['--root-namespace', 'istio-config'])).toContain('destinationrule-mtls-conflict');
  });

  test('without it, istio-system is the root and the policy only covers its own namespace', async () => {
    expect(await ruleIds([])).not.toContain('destinationrule-mtls-conflict');
  });
});
