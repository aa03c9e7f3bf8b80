import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { IstioValidation, IstioValidationProps } from '../../src';

/** What a run of the plugin left in the cdk8s CLI's own report. */
export interface PluginRun {
  /** The report as `cdk8s synth --validation-reports-output-file` writes it. */
  readonly report: any;
  readonly success: boolean;
  /** Lines the plugin logged through the context's logger. */
  readonly logs: string[];
  /** Absolute paths of the manifest files, by the name given in `files`. */
  readonly paths: Record<string, string>;
}

/**
 * Writes `files` (name → YAML) to a temp folder, as `cdk8s synth` would, and runs the plugin with
 * the cdk8s CLI's real `ValidationContext`, whose report maps resource names to construct paths
 * through `metadata` (name → construct path, as in `construct-metadata.json`).
 */
export async function runPlugin(
  files: Record<string, string>,
  options: { props?: IstioValidationProps; metadata?: Record<string, string> } = {},
): Promise<PluginRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-istio-plugin-'));
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = path.join(dir, name);
    fs.writeFileSync(paths[name], content);
  }
  const metadata = Object.fromEntries(Object.entries(options.metadata ?? {}).map(([name, p]) => [name, { path: p }]));
  const context = new ValidationContext(Object.values(paths), 'cdk8s-istio', '0.0.0', metadata, false);
  const logs: string[] = [];
  jest.spyOn(context.logger, 'log').mockImplementation((m: string) => {
    logs.push(m);
  });
  await new IstioValidation(options.props).validate(context);
  return { report: context.report.toJson(), success: context.report.success, logs, paths };
}

/** The violations of a run, by rule id. */
export function violationsOf(run: PluginRun, ruleId: string): any[] {
  return run.report.violations.filter((v: any) => v.ruleName === ruleId);
}

export const REVIEWS_SERVICE = `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
`;

export const REVIEWS_V1 = `apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, namespace: shop}
spec:
  selector: {matchLabels: {app: reviews, version: v1}}
  template:
    metadata: {labels: {app: reviews, version: v1}}
    spec: {containers: [{name: reviews, image: reviews:v1, ports: [{containerPort: 9080}]}]}
`;

export const REVIEWS_RULE = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews.shop.svc.cluster.local
  subsets:
  - name: v1
    labels: {version: v1}
`;

/** Routes to subset `subset` of reviews; `spec.http[0].route[0].destination.subset` is at fault when it is undefined. */
export function reviewsRoute(subset: string, name = 'reviews'): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: shop}
spec:
  hosts: [reviews.shop.svc.cluster.local]
  http:
  - route:
    - destination: {host: reviews.shop.svc.cluster.local, subset: ${subset}}
`;
}

/** A well-formed mesh: Service, Deployment, DestinationRule with v1, VirtualService to v1. */
export const GOOD_MESH = [REVIEWS_SERVICE, REVIEWS_V1, REVIEWS_RULE, reviewsRoute('v1')].join('---\n');
