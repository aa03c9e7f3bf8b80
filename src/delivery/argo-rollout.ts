import { ApiObject, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { RolloutStep } from './rollout-step';
import { RolloutWorkload } from './rollout-workload';
import { CONTROLLER_ROUTES_ANNOTATION, formatControllerRoutes } from '../analysis/facts/controller-routes';
import { isDns1123Subdomain } from '../analysis/validators/names';
import { handedOffService } from '../private/canary-hand-off';
import { RenderContext } from '../private/render-context';
import { Canary } from '../traffic/canary';

const CONTROLLER = 'argo-rollouts';

/** Properties of an `ArgoRollout`. */
export interface ArgoRolloutProps {
  /**
   * The canary to hand over: its route keeps both versions, and Argo Rollouts moves the weights.
   * Its stable and candidate versions become the Rollout's stable and canary subsets.
   */
  readonly canary: Canary;

  /**
   * The pods the Rollout runs.
   * @default - the candidate version's Deployment, moved into the Rollout (`RolloutWorkload.fromDeployment`)
   */
  readonly workload?: RolloutWorkload;

  /**
   * The steps Argo Rollouts runs for each new pod template.
   * @default - 10% for 1 minute, then 50% for 1 minute, then promotion
   */
  readonly steps?: RolloutStep[];

  /**
   * Name of the Rollout.
   * @default - the service name
   */
  readonly name?: string;
}

/**
 * Hands a MeshService canary to Argo Rollouts: an Argo `Rollout` (argoproj.io/v1alpha1) runs the
 * service's pods, and its canary strategy moves the weights of the canary's route step by step
 * (subset-level traffic splitting: `trafficRouting.istio` names the VirtualService, the route,
 * the DestinationRule and the stable and canary subsets).
 *
 * What changes in the mesh service's objects:
 * - the stable and candidate subsets both select all the Rollout's pods (by the service's `app`
 *   label, else by the Rollout's selector); Argo Rollouts tells them apart by adding the
 *   `rollouts-pod-template-hash` label at run time;
 * - the canary's route sends all traffic to the stable subset until a rollout starts, and the
 *   VirtualService is annotated `cdk8s-istio.io/controller-routes` so that the analysis leaves its
 *   weights to the controller; the canary's own weight methods then throw;
 * - the versions' Deployments are left out of the manifests (a Deployment the Rollout references
 *   with `RolloutWorkload.referenceDeployment` stays, for Argo Rollouts to scale down).
 *
 * Routes added before the canary (header routes) stay ahead of it.
 *
 * Argo Rollouts runs the steps when the pod template changes: the Rollout's template is the
 * candidate's, so applied over a Rollout running the stable version it is rolled out step by step,
 * while a first install deploys it at once.
 *
 * @example
 * const canary = reviews.canary({ stable: v1, candidate: v2 });
 * new ArgoRollout(chart, 'reviews-rollout', {
 *   canary,
 *   steps: [RolloutStep.weight(20), RolloutStep.pause(Duration.minutes(5)), RolloutStep.weight(50)],
 * });
 */
export class ArgoRollout extends Construct {
  /** Name of the Rollout. */
  public readonly name: string;
  /** Namespace of the Rollout (the mesh service's). */
  public readonly namespace: string;
  /** The Rollout object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;
  private readonly steps: RolloutStep[];

  constructor(scope: Construct, id: string, props: ArgoRolloutProps) {
    super(scope, id);
    const ctx = RenderContext.of(this.node.path);
    const canary = props.canary;
    const service = handedOffService(ctx, canary, 'Argo Rollouts');
    const routeName = canary.route.name;
    if (routeName === undefined || routeName === '') {
      ctx.child('canary').fail('splits an unnamed route', "Argo Rollouts names the route it edits; use the canary on the service's default route.");
    }
    this.name = props.name ?? service.name;
    if (!isDns1123Subdomain(this.name)) {
      ctx.child('name').fail(`is '${this.name}', not a valid Kubernetes name`, "use lower-case letters, digits, '-' and '.', e.g. 'reviews'.");
    }
    this.namespace = service.namespace;

    const workload = props.workload ?? defaultWorkload(ctx, canary);
    const workloadNamespace = workload._namespace() ?? 'default';
    if (workloadNamespace !== this.namespace) {
      ctx.child('workload').fail(
        `is a Deployment in namespace '${workloadNamespace}', but the service ${service.name} is in '${this.namespace}'`,
        'a Rollout runs its pods in its own namespace, which is the service\'s: move the Deployment there.',
      );
    }
    const minute = Duration.minutes(1);
    this.steps = [...(props.steps ?? [RolloutStep.weight(10), RolloutStep.pause(minute), RolloutStep.weight(50), RolloutStep.pause(minute)])];
    if (this.steps.length === 0) {
      ctx.child('steps').fail('is empty', 'give at least one step, e.g. [RolloutStep.weight(20), RolloutStep.pause(Duration.minutes(5))], or leave steps out for the default.');
    }
    for (const [i, step] of this.steps.entries()) {
      if (!(step instanceof RolloutStep)) ctx.child(`steps[${i}]`).fail('is not a RolloutStep', 'make steps with RolloutStep.weight(), pause() or analysis().');
      const template = step._template;
      if (template && template.namespace !== this.namespace) {
        ctx.child(`steps[${i}]`).fail(
          `runs AnalysisTemplate ${template.name} of namespace '${template.namespace}', but the Rollout is in '${this.namespace}'`,
          'a Rollout reads AnalysisTemplates of its own namespace: create the template there (its namespace prop).',
        );
      }
    }

    // Both subsets select every pod of the Rollout; Argo adds the pod-template hash to each. The
    // service's app label does when the workload is a version's (the service labelled its pods);
    // otherwise the Rollout's selector.
    const selector = workload._selector(ctx.child('workload'));
    const labelled = service.appLabel !== undefined && [canary.stable._workload, canary.candidate._workload].includes(workload._construct as any);
    const subsetLabels = labelled ? { app: service.appLabel! } : selector;
    canary._handOff(CONTROLLER);
    canary.stable._selectBy(subsetLabels);
    canary.candidate._selectBy(subsetLabels);

    // The Rollout replaces the versions' Deployments (a referenced one stays for Argo to scale down).
    const kept: IConstruct | undefined = workload._keepsDeployment ? workload._construct : undefined;
    for (const c of new Set([canary.stable._workload, canary.candidate._workload, workload._construct])) {
      if (c !== undefined && c !== kept) removeFromTree(c);
    }

    const virtualService = service.virtualService!;
    const destinationRule = service.destinationRule!;
    virtualService.metadata.addAnnotation(CONTROLLER_ROUTES_ANNOTATION, formatControllerRoutes(CONTROLLER, [routeName!]));

    const versionLabel = 'version';
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({
        produce: () => ({
          ...workload._renderSpec(ctx.child('workload'), [versionLabel]),
          strategy: {
            canary: {
              trafficRouting: {
                istio: {
                  virtualService: { name: virtualService.name, routes: [routeName] },
                  destinationRule: { name: destinationRule.name, canarySubsetName: canary.candidate.name, stableSubsetName: canary.stable.name },
                },
              },
              steps: this.steps.map((s) => s._render(service.host)),
            },
          },
        }),
      }),
    });
    // The subsets and the route exist before the Rollout names them.
    this.apiObject.addDependency(destinationRule, virtualService);
    for (const step of this.steps) if (step._template) this.apiObject.addDependency(step._template.apiObject);
  }
}

function defaultWorkload(ctx: RenderContext, canary: Canary): RolloutWorkload {
  const w = canary.candidate._workload;
  if (w instanceof kplus.Deployment) return RolloutWorkload.fromDeployment(w);
  if (w instanceof ApiObject && w.kind === 'Deployment') return RolloutWorkload.fromDeploymentObject(w);
  return ctx.child('workload').fail(
    `is not set, and the candidate version '${canary.candidate.name}' has ${w === undefined ? 'no workload' : `a ${w instanceof ApiObject ? w.kind : w.constructor.name}, not a Deployment`}`,
    'pass workload: RolloutWorkload.fromDeployment(deployment) (or referenceDeployment) for the pods the Rollout runs.',
  );
}

/** Leaves a construct out of the manifests. */
function removeFromTree(c: IConstruct): void {
  c.node.scope?.node.tryRemoveChild(c.node.id);
}
