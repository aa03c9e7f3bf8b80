import { tempTree } from './helpers';
import { main } from '../../src/cli/main';

// lint reads Argo Rollouts and Flagger objects from files, and checks their references.

const ROLLOUT = (virtualService: string) => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: reviews
  namespace: shop
spec:
  selector:
    matchLabels:
      app: reviews
  template:
    metadata:
      labels:
        app: reviews
    spec:
      containers:
      - name: reviews
        image: reviews:2
  strategy:
    canary:
      trafficRouting:
        istio:
          virtualService:
            name: ${virtualService}
            routes:
            - primary
          destinationRule:
            name: reviews
            stableSubsetName: stable
            canarySubsetName: canary
      steps:
      - setWeight: 20
`;

const MESH = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
spec:
  host: reviews
  subsets:
  - name: stable
    labels:
      app: reviews
  - name: canary
    labels:
      app: reviews
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews
  http:
  - name: primary
    route:
    - destination:
        host: reviews
        subset: stable
      weight: 100
    - destination:
        host: reviews
        subset: canary
      weight: 0
`;

const CANARY = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: ratings
  namespace: shop
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ratings
  service:
    port: 9080
  analysis:
    interval: 1m
    threshold: 5
    maxWeight: 50
    stepWeight: 10
`;

async function lint(root: string) {
  let stdout = '';
  const code = await main(['lint', '--format', 'json', '.'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => undefined },
    stdin: '',
    cwd: root,
  });
  return { code, ids: JSON.parse(stdout).diagnostics.filter((d: any) => d.severity === 'error').map((d: any) => `${d.ruleId} ${d.path}`) };
}

test('a Rollout naming a VirtualService that is not there fails lint', async () => {
  const r = await lint(tempTree({ 'rollout.yaml': ROLLOUT('reviews-vs'), 'mesh.yaml': MESH }));
  expect(r.ids).toEqual(['rollout-virtualservice-not-found spec.strategy.canary.trafficRouting.istio.virtualService.name']);
  expect(r.code).toBe(1);
});

test('the same Rollout passes once it names the VirtualService of the other file', async () => {
  const r = await lint(tempTree({ 'rollout.yaml': ROLLOUT('reviews'), 'mesh.yaml': MESH }));
  expect(r.ids).toEqual([]);
  expect(r.code).toBe(0);
});

test('a Flagger Canary whose target is missing fails lint', async () => {
  const r = await lint(tempTree({ 'canary.yaml': CANARY }));
  expect(r.ids).toEqual(['canary-target-not-found spec.targetRef.name']);
  expect(r.code).toBe(1);
});
