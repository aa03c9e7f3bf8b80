import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { isDns1123Subdomain, namespaceNameFix, namespaceNameProblem } from '../analysis/validators/names';
import { controllerDuration, wholeNumber } from '../private/controller-durations';
import { RenderContext } from '../private/render-context';

const SERVICE_HOST_ARG = 'service-host';

/** Properties of an `IstioAnalysisTemplate`. */
export interface IstioAnalysisTemplateProps {
  /**
   * Name of the AnalysisTemplate.
   * @default - the construct id in lower case
   */
  readonly name?: string;

  /**
   * Namespace of the AnalysisTemplate: the Rollouts that use it must be in the same one.
   * @default - the chart's namespace, else `default`
   */
  readonly namespace?: string;

  /**
   * Address of the Prometheus that scrapes Istio's metrics.
   * @default 'http://prometheus.istio-system:9090' (Istio's Prometheus addon)
   */
  readonly prometheusAddress?: string;

  /**
   * Lowest share of requests (in percent) that must not fail with a 5xx status, measured over
   * `interval` from `istio_requests_total`.
   * @default 99
   */
  readonly minSuccessRatePercent?: number;

  /**
   * Percentile of the request duration that `maxLatency` bounds (e.g. 99 for p99), read from
   * `istio_request_duration_milliseconds`.
   * @default 99
   */
  readonly latencyPercentile?: number;

  /**
   * Highest request duration allowed at `latencyPercentile`.
   * @default Duration.millis(500)
   */
  readonly maxLatency?: Duration;

  /**
   * Time between two measurements, and the window each measurement reads.
   * @default Duration.minutes(1)
   */
  readonly interval?: Duration;

  /**
   * Number of measurements of each metric in one analysis run.
   * @default 5
   */
  readonly count?: number;

  /**
   * Number of failed measurements of a metric after which the analysis fails (and Argo Rollouts
   * aborts the rollout).
   * @default 1
   */
  readonly failureLimit?: number;
}

/**
 * An Argo Rollouts `AnalysisTemplate` that reads Istio's standard metrics from Prometheus: the
 * success rate of requests to the service (`istio_requests_total`, non-5xx over all) and a
 * latency percentile (`istio_request_duration_milliseconds`). Metrics are those reported by the
 * callers' proxies (`reporter="source"`) for the service host, which a Rollout step passes as the
 * `service-host` argument.
 */
export class IstioAnalysisTemplate extends Construct {
  /** The argument the template reads the service host from. */
  public static readonly SERVICE_HOST_ARG = SERVICE_HOST_ARG;

  /** Name of the AnalysisTemplate. */
  public readonly name: string;
  /** Namespace of the AnalysisTemplate. */
  public readonly namespace: string;
  /** The AnalysisTemplate object (escape hatch for `addJsonPatch`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: IstioAnalysisTemplateProps = {}) {
    super(scope, id);
    const ctx = RenderContext.of(this.node.path);
    this.name = props.name ?? id.toLowerCase();
    if (!isDns1123Subdomain(this.name)) {
      ctx.child('name').fail(`is '${props.name ?? id}', not a valid Kubernetes name`, "use lower-case letters, digits, '-' and '.', e.g. 'istio-success-rate'.");
    }
    const nsProblem = props.namespace !== undefined ? namespaceNameProblem(props.namespace) : undefined;
    if (nsProblem) ctx.child('namespace').fail(nsProblem, `${namespaceNameFix(props.namespace)}.`);
    const chartNamespace = Chart.of(this).namespace;
    this.namespace = props.namespace ?? chartNamespace ?? 'default';
    const address = props.prometheusAddress ?? 'http://prometheus.istio-system:9090';
    if (!/^https?:\/\/[^\s]+$/.test(address)) {
      ctx.child('prometheusAddress').fail(`is '${address}'`, "write the URL of Prometheus, e.g. 'http://prometheus.istio-system:9090'.");
    }
    const successRate = wholeOrFraction(ctx.child('minSuccessRatePercent'), props.minSuccessRatePercent ?? 99);
    const percentile = wholeOrFraction(ctx.child('latencyPercentile'), props.latencyPercentile ?? 99);
    if (percentile === 0 || percentile === 100) {
      ctx.child('latencyPercentile').fail(`is ${percentile}`, 'a percentile is above 0 and below 100, e.g. 99 for p99.');
    }
    const maxLatency = props.maxLatency ?? Duration.millis(500);
    const maxLatencyMs = maxLatency.toMilliseconds({ integral: false });
    if (!Number.isFinite(maxLatencyMs) || maxLatencyMs <= 0) {
      ctx.child('maxLatency').fail(`is ${maxLatencyMs} ms`, 'write a positive duration, e.g. Duration.millis(500).');
    }
    const interval = controllerDuration(ctx.child('interval'), props.interval ?? Duration.minutes(1));
    const count = wholeNumber(ctx.child('count'), props.count ?? 5, 1, 1000, '5');
    const failureLimit = wholeNumber(ctx.child('failureLimit'), props.failureLimit ?? 1, 0, count, '1');

    const selector = `reporter="source",destination_service="{{args.${SERVICE_HOST_ARG}}}"`;
    const prometheus = (query: string) => ({ prometheus: { address, query } });
    const spec = {
      args: [{ name: SERVICE_HOST_ARG }],
      metrics: [
        {
          name: 'success-rate',
          interval,
          count,
          failureLimit,
          // A measurement is a one-element vector; below the bound the canary fails it.
          successCondition: `result[0] >= ${trimNumber(successRate / 100)}`,
          provider: prometheus(
            `sum(irate(istio_requests_total{${selector},response_code!~"5.*"}[${interval}])) / ` +
            `sum(irate(istio_requests_total{${selector}}[${interval}]))`,
          ),
        },
        {
          name: `latency-p${trimNumber(percentile)}`.replace('.', '-'),
          interval,
          count,
          failureLimit,
          successCondition: `result[0] <= ${trimNumber(maxLatencyMs)}`,
          provider: prometheus(
            `histogram_quantile(${trimNumber(percentile / 100)}, sum(irate(istio_request_duration_milliseconds_bucket{${selector}}[${interval}])) by (le))`,
          ),
        },
      ],
    };
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({ produce: () => spec }),
    });
  }
}

function wholeOrFraction(ctx: RenderContext, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    return ctx.fail(`is ${value}`, 'write a percentage from 0 to 100, e.g. 99 or 99.5.');
  }
  return value;
}

/** A number as Prometheus and Argo's expressions read it, without float noise (0.99, not 0.9900000001). */
function trimNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}
