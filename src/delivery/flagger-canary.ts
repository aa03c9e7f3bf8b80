import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { FlaggerTarget } from './flagger-target';
import { FlaggerWebhook } from './flagger-webhook';
import { isDns1123Subdomain } from '../analysis/validators/names';
import type { MeshService } from '../mesh/mesh-service';
import { handedOffService } from '../private/canary-hand-off';
import { controllerDuration, wholeNumber } from '../private/controller-durations';
import { RenderContext } from '../private/render-context';
import { Canary } from '../traffic/canary';

const CONTROLLER = 'Flagger';

/** Labels Flagger reads the workload's name from (its default `-selector-labels`). */
const FLAGGER_SELECTOR_LABELS = ['app', 'name', 'app.kubernetes.io/name'];

/** Route fields Flagger's `service` carries over into the VirtualService it writes. */
const CARRIED_ROUTE_FIELDS = ['match', 'timeout', 'retries', 'rewrite', 'headers', 'corsPolicy'];
/** Retry fields Flagger's `service.retries` has. */
const CARRIED_RETRY_FIELDS = ['attempts', 'perTryTimeout', 'retryOn'];

/** Properties of a `FlaggerCanary`. */
export interface FlaggerCanaryProps {
  /**
   * The canary to hand over. Flagger runs its own copies of the workload (`<name>-primary` for the
   * stable traffic) and writes the Services, VirtualService and DestinationRules of the host itself.
   */
  readonly canary: Canary;

  /**
   * The workload Flagger takes over.
   * @default - the candidate version's Deployment
   */
  readonly target?: FlaggerTarget;

  /**
   * Name of the Canary (and of the VirtualService Flagger writes).
   * @default - the service name
   */
  readonly name?: string;

  /**
   * Time between two analysis iterations (each moves the weight one step).
   * @default Duration.minutes(1)
   */
  readonly interval?: Duration;

  /**
   * Number of failed checks after which Flagger rolls the canary back.
   * @default 5
   */
  readonly threshold?: number;

  /**
   * Highest percentage of traffic the canary receives before promotion (with `stepWeight`).
   * @default 50
   */
  readonly maxWeight?: number;

  /**
   * Percentage added to the canary's weight at each iteration, up to `maxWeight`. Give
   * `stepWeights` instead for uneven steps.
   * @default 10
   */
  readonly stepWeight?: number;

  /**
   * The canary's weight at each iteration, increasing (e.g. [1, 5, 10, 25, 50]); replaces
   * `maxWeight` and `stepWeight`.
   * @default - even steps of `stepWeight` up to `maxWeight`
   */
  readonly stepWeights?: number[];

  /**
   * Lowest share of non-5xx requests (percent) in a check (Flagger's `request-success-rate`).
   * @default 99
   */
  readonly minSuccessRatePercent?: number;

  /**
   * Highest p99 request duration in a check (Flagger's `request-duration`).
   * @default Duration.millis(500)
   */
  readonly maxRequestDuration?: Duration;

  /**
   * Window of each metric check.
   * @default Duration.minutes(1)
   */
  readonly metricInterval?: Duration;

  /**
   * Webhooks Flagger calls during the analysis (load tests, gates).
   * @default - none
   */
  readonly webhooks?: FlaggerWebhook[];

  /**
   * Time the canary may take to make progress before Flagger rolls it back.
   * @default - Flagger's default (10 minutes)
   */
  readonly progressDeadline?: Duration;
}

/**
 * Hands a MeshService canary to Flagger: a Flagger `Canary` (flagger.app/v1beta1) takes over the
 * workload (`targetRef`) and writes the Services (`<name>`, `<name>-primary`, `<name>-canary`), the
 * VirtualService and the DestinationRules of the host itself, so the mesh service no longer emits
 * them (a Service it adopted rather than created is left as it is). The service's port, gateways and hosts, the
 * canary route's match, timeout, retries, rewrite, headers and CORS policy, and the service's
 * traffic policy are carried over into the Canary's `service`.
 *
 * What Flagger cannot carry over is refused here: other routes of the service (a header route:
 * Flagger's VirtualService has only the canary's route), versions other than the canary's two,
 * per-version traffic policies, and route faults, mirrors, redirects or direct responses.
 *
 * The stable version's workload is left out of the manifests (Flagger's `<name>-primary` copy
 * serves the stable traffic), and the target's selector gets the `app` label Flagger names its
 * copies after.
 *
 * Flagger analyses each change of the target: applied over a Canary whose primary runs the stable
 * version, the candidate is rolled out step by step; a first install copies it to the primary at
 * once.
 *
 * @example
 * const canary = reviews.canary({ stable: v1, candidate: v2 });
 * new FlaggerCanary(chart, 'reviews-canary', {
 *   canary,
 *   webhooks: [FlaggerWebhook.loadTest({ command: 'hey -z 1m -q 10 -c 2 http://reviews-canary.shop:9080/' })],
 * });
 */
export class FlaggerCanary extends Construct {
  /** Name of the Canary. */
  public readonly name: string;
  /** Namespace of the Canary (the mesh service's). */
  public readonly namespace: string;
  /** The Canary object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: FlaggerCanaryProps) {
    super(scope, id);
    const ctx = RenderContext.of(this.node.path);
    const canary = props.canary;
    const service = handedOffService(ctx, canary, 'Flagger');
    this.name = props.name ?? service.name;
    if (!isDns1123Subdomain(this.name)) {
      ctx.child('name').fail(`is '${this.name}', not a valid Kubernetes name`, "use lower-case letters, digits, '-' and '.', e.g. 'reviews'.");
    }
    this.namespace = service.namespace;

    checkWhatFlaggerKeeps(ctx, service, canary);
    const target = props.target ?? defaultTarget(ctx, canary);
    const targetNamespace = target._namespace() ?? Chart.of(target._construct).namespace ?? 'default';
    if (targetNamespace !== this.namespace) {
      ctx.child('target').fail(
        `is a ${target._kind} in namespace '${targetNamespace}', but the service ${service.name} is in '${this.namespace}'`,
        'Flagger takes over a workload of the Canary\'s namespace, which is the service\'s: move the workload there.',
      );
    }
    giveSelectorLabel(ctx.child('target'), target, service);

    const port = service._firstServicePort();
    if (port === undefined) {
      ctx.fail(`the service ${service.name} has no port to hand to Flagger`, 'set port on the MeshService (e.g. port: 9080).');
    }
    const analysis = renderAnalysis(ctx, props);
    // What the route holds now is checked now; later changes are checked at synth.
    renderService(ctx, service, canary, port!);

    // Flagger's <name>-primary copy of the target serves the stable traffic.
    const stableWorkload = canary.stable._workload;
    if (stableWorkload !== undefined && stableWorkload !== target._construct) removeFromTree(stableWorkload);
    canary._handOff(CONTROLLER);
    service._leaveRoutingTo();

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({
        produce: () => ({
          provider: 'istio',
          targetRef: { apiVersion: target._kind === 'Deployment' || target._kind === 'DaemonSet' ? 'apps/v1' : 'v1', kind: target._kind, name: target._name() },
          ...(props.progressDeadline !== undefined ? { progressDeadlineSeconds: progressSeconds(ctx.child('progressDeadline'), props.progressDeadline) } : {}),
          service: renderService(ctx, service, canary, port!),
          analysis,
        }),
      }),
    });
  }
}

function defaultTarget(ctx: RenderContext, canary: Canary): FlaggerTarget {
  const w = canary.candidate._workload;
  if (w instanceof kplus.Deployment) return FlaggerTarget.deployment(w);
  if (w instanceof ApiObject && (w.kind === 'Deployment' || w.kind === 'DaemonSet')) return FlaggerTarget.workloadObject(w);
  return ctx.child('target').fail(
    `is not set, and the candidate version '${canary.candidate.name}' has ${w === undefined ? 'no workload' : `a ${w instanceof ApiObject ? w.kind : w.constructor.name}, not a Deployment`}`,
    'pass target: FlaggerTarget.deployment(deployment) for the workload Flagger takes over.',
  );
}

/** Refuses what the VirtualService and DestinationRules Flagger writes cannot hold. */
function checkWhatFlaggerKeeps(ctx: RenderContext, service: MeshService, canary: Canary): void {
  for (const route of service._routesInOrder()) {
    if (route === canary.route) continue;
    ctx.fail(
      `route ${route.name ? `'${route.name}'` : '(unnamed)'} of ${service.name} cannot be kept: Flagger writes the VirtualService of the host with the canary's route only`,
      'remove that route, or hand the canary to Argo Rollouts (ArgoRollout), which keeps the other routes.',
    );
  }
  for (const v of service.versions) {
    if (v !== canary.stable && v !== canary.candidate) {
      ctx.fail(
        `version '${v.name}' of ${service.name} cannot be kept: Flagger writes the DestinationRules of the host with its primary and canary only`,
        'remove that version, or route to it through another MeshService.',
      );
    }
    if (v.trafficPolicy !== undefined) {
      ctx.fail(
        `version '${v.name}' has its own trafficPolicy, which Flagger cannot carry over (its DestinationRules share one policy)`,
        'move the policy to the MeshService (trafficPolicy prop), which Flagger applies to both.',
      );
    }
  }
}

/** Flagger finds the workload's pods by an `app` (or `name`) selector label. */
function giveSelectorLabel(ctx: RenderContext, target: FlaggerTarget, service: MeshService): void {
  const selector = target._selector();
  if (FLAGGER_SELECTOR_LABELS.some((l) => selector[l] !== undefined)) return;
  const app = service.appLabel ?? target._podLabel('app');
  if (app !== undefined && target._select({ app })) return;
  ctx.fail(
    `selects its pods by ${Object.keys(selector).join(', ') || 'no label'}, without an app, name or app.kubernetes.io/name label, which Flagger names its copies after`,
    `add app: <name> to the workload's spec.selector.matchLabels and its pod labels${service.appLabel ? ` (app: ${service.appLabel})` : ''}.`,
  );
}

function renderService(ctx: RenderContext, service: MeshService, canary: Canary, port: number): Record<string, any> {
  const out: Record<string, any> = { name: service.name, port };
  const targetPort = service._firstTargetPort();
  if (targetPort !== undefined) out.targetPort = targetPort;
  const exposure = service._gatewayTargets();
  if (exposure) {
    out.gateways = exposure.gateways;
    const extra = exposure.hosts.filter((h) => h !== service.host);
    if (extra.length > 0) out.hosts = extra;
  }
  const route = canary.route.toJson({ defaultHost: service.host, apiVersion: service.mesh.apiVersion });
  for (const field of Object.keys(route)) {
    if (field === 'name' || field === 'route') continue;
    if (!CARRIED_ROUTE_FIELDS.includes(field)) {
      ctx.fail(
        `the canary's route sets ${field}, which Flagger's Canary cannot carry into the VirtualService it writes`,
        `remove ${field} from the route; Flagger carries ${CARRIED_ROUTE_FIELDS.join(', ')}.`,
      );
    }
    if (field === 'retries') {
      const extra = Object.keys(route.retries).filter((k) => !CARRIED_RETRY_FIELDS.includes(k));
      if (extra.length > 0) {
        ctx.fail(`the canary's route retries set ${extra.join(', ')}, which Flagger's Canary cannot carry`, `keep to ${CARRIED_RETRY_FIELDS.join(', ')}.`);
      }
    }
    out[field] = route[field];
  }
  if (service.trafficPolicy) out.trafficPolicy = service.trafficPolicy._render(ctx.child('trafficPolicy'));
  return out;
}

function renderAnalysis(ctx: RenderContext, props: FlaggerCanaryProps): Record<string, any> {
  const out: Record<string, any> = {
    interval: controllerDuration(ctx.child('interval'), props.interval ?? Duration.minutes(1)),
    threshold: wholeNumber(ctx.child('threshold'), props.threshold ?? 5, 1, 1000, '5'),
  };
  if (props.stepWeights !== undefined) {
    if (props.maxWeight !== undefined || props.stepWeight !== undefined) {
      ctx.child('stepWeights').fail('is set with maxWeight or stepWeight', 'give either stepWeights (the weight at each step) or maxWeight and stepWeight.');
    }
    if (props.stepWeights.length === 0) ctx.child('stepWeights').fail('is empty', 'list the weights, e.g. [5, 10, 25, 50].');
    props.stepWeights.forEach((w, i) => {
      wholeNumber(ctx.child(`stepWeights[${i}]`), w, 1, 100, '10');
      if (i > 0 && w <= props.stepWeights![i - 1]) {
        ctx.child(`stepWeights[${i}]`).fail(`is ${w}, not above the step before (${props.stepWeights![i - 1]})`, 'list increasing weights, e.g. [5, 10, 25, 50].');
      }
    });
    out.stepWeights = [...props.stepWeights];
  } else {
    const maxWeight = wholeNumber(ctx.child('maxWeight'), props.maxWeight ?? 50, 1, 100, '50');
    const stepWeight = wholeNumber(ctx.child('stepWeight'), props.stepWeight ?? 10, 1, 100, '10');
    if (stepWeight > maxWeight) ctx.child('stepWeight').fail(`is ${stepWeight}, above maxWeight ${maxWeight}`, 'use a step no larger than maxWeight.');
    out.maxWeight = maxWeight;
    out.stepWeight = stepWeight;
  }
  const successRate = props.minSuccessRatePercent ?? 99;
  if (typeof successRate !== 'number' || !(successRate >= 0 && successRate <= 100)) {
    ctx.child('minSuccessRatePercent').fail(`is ${successRate}`, 'write a percentage from 0 to 100, e.g. 99.');
  }
  const maxDuration = (props.maxRequestDuration ?? Duration.millis(500)).toMilliseconds({ integral: false });
  if (!Number.isInteger(maxDuration) || maxDuration < 1) {
    ctx.child('maxRequestDuration').fail(`is ${maxDuration} ms`, 'write whole milliseconds of at least 1, e.g. Duration.millis(500).');
  }
  const metricInterval = controllerDuration(ctx.child('metricInterval'), props.metricInterval ?? Duration.minutes(1));
  out.metrics = [
    { name: 'request-success-rate', thresholdRange: { min: successRate }, interval: metricInterval },
    { name: 'request-duration', thresholdRange: { max: maxDuration }, interval: metricInterval },
  ];
  const webhooks = props.webhooks ?? [];
  const names = new Set<string>();
  webhooks.forEach((w, i) => {
    if (!(w instanceof FlaggerWebhook)) ctx.child(`webhooks[${i}]`).fail('is not a FlaggerWebhook', 'make webhooks with FlaggerWebhook.loadTest() or FlaggerWebhook.of().');
    if (names.has(w.name)) ctx.child(`webhooks[${i}]`).fail(`is named '${w.name}', as is an earlier webhook`, 'give each webhook its own name.');
    names.add(w.name);
  });
  if (webhooks.length > 0) out.webhooks = webhooks.map((w) => w._toJson());
  return out;
}

function progressSeconds(ctx: RenderContext, d: Duration): number {
  const millis = d.toMilliseconds({ integral: false });
  if (!Number.isInteger(millis) || millis < 1000 || millis % 1000 !== 0) {
    ctx.fail(`is ${millis} ms`, 'write whole seconds, e.g. Duration.minutes(10).');
  }
  return millis / 1000;
}

/** Leaves a construct out of the manifests. */
function removeFromTree(c: IConstruct): void {
  c.node.scope?.node.tryRemoveChild(c.node.id);
}
