import { tempTree } from './helpers';
import { main } from '../../src/cli/main';

// A mesh-wide STRICT PeerAuthentication lives in Istio's root namespace; a DestinationRule that
// turns TLS off toward a workload under it is a conflict. Which namespace is the root is an option.

const FILES = {
  'mesh.yaml': `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-config}
spec:
  mtls: {mode: STRICT}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{name: http, port: 8080}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api.shop.svc.cluster.local
  trafficPolicy: {tls: {mode: DISABLE}}
`,
};

async function ruleIds(argv: string[]): Promise<string[]> {
  const dir = tempTree(FILES);
  let stdout = '';
  await main(['lint', '--format', 'json', ...argv, 'mesh.yaml'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => undefined },
    stdin: '',
    cwd: dir,
  });
  return JSON.parse(stdout).diagnostics.map((d: any) => d.ruleId);
}

describe('lint --root-namespace', () => {
  test('a policy in the given root namespace applies mesh-wide', async () => {
    expect(await ruleIds(['--root-namespace', 'istio-config'])).toContain('destinationrule-mtls-conflict');
  });

  test('without it, istio-system is the root and the policy only covers its own namespace', async () => {
    expect(await ruleIds([])).not.toContain('destinationrule-mtls-conflict');
  });
});
