import { Duration } from 'cdk8s';
import { IstioAnalysisTemplate } from './istio-analysis-template';
import { isDns1123Subdomain } from '../analysis/validators/names';
import { controllerDuration, wholeNumber } from '../private/controller-durations';
import { RenderContext } from '../private/render-context';

/** Options of an analysis step that runs a template defined elsewhere. */
export interface RolloutAnalysisByNameOptions {
  /**
   * The template is a `ClusterAnalysisTemplate` (cluster-wide) rather than an `AnalysisTemplate`
   * of the Rollout's namespace.
   * @default false
   */
  readonly clusterScope?: boolean;
}

/**
 * One step of an Argo Rollouts canary strategy (`strategy.canary.steps[]`). Argo runs the steps
 * in order each time the pod template changes; the candidate is promoted after the last one.
 */
export class RolloutStep {
  /** Sends `percent` (0-100) of the traffic to the canary pods (a `setWeight` step). */
  public static weight(percent: number): RolloutStep {
    wholeNumber(RenderContext.of('RolloutStep.weight()').child('percent'), percent, 0, 100, '20');
    return new RolloutStep(() => ({ setWeight: percent }));
  }

  /**
   * Waits before the next step (`pause`): for `duration`, or, without one, until someone promotes
   * the rollout (`kubectl argo rollouts promote`).
   * @param duration how long to wait; omit it to wait for a manual promotion
   */
  public static pause(duration?: Duration): RolloutStep {
    const written = duration === undefined ? undefined : controllerDuration(RenderContext.of('RolloutStep.pause()').child('duration'), duration);
    return new RolloutStep(() => ({ pause: written === undefined ? {} : { duration: written } }));
  }

  /**
   * Runs an analysis of Istio's metrics of the service (`analysis`) and waits for its result; a
   * failed analysis aborts the rollout and sends all traffic back to the stable pods.
   */
  public static analysis(template: IstioAnalysisTemplate): RolloutStep {
    if (!(template instanceof IstioAnalysisTemplate)) {
      throw new Error('RolloutStep.analysis(): template is not an IstioAnalysisTemplate; for a template defined elsewhere use RolloutStep.analysisByName().');
    }
    return new RolloutStep(
      (host) => ({
        analysis: {
          templates: [{ templateName: template.name }],
          args: [{ name: IstioAnalysisTemplate.SERVICE_HOST_ARG, value: host }],
        },
      }),
      template,
    );
  }

  /**
   * Runs an analysis template defined elsewhere, by name (`analysis.templates[].templateName`).
   * It receives no arguments.
   */
  public static analysisByName(templateName: string, options: RolloutAnalysisByNameOptions = {}): RolloutStep {
    if (!isDns1123Subdomain(templateName)) {
      RenderContext.of('RolloutStep.analysisByName()').child('templateName').fail(`is '${templateName}', not a valid Kubernetes name`, "write the template's metadata.name, e.g. 'success-rate'.");
    }
    return new RolloutStep(() => ({
      analysis: { templates: [{ templateName, ...(options.clusterScope ? { clusterScope: true } : {}) }] },
    }));
  }

  private constructor(
    private readonly render: (host: string) => Record<string, any>,
    /** The template this step runs, when the library made it. */
    private readonly template?: IstioAnalysisTemplate,
  ) {}

  /**
   * The step as written in the Rollout.
   * @param host the service host, passed to Istio analysis templates
   * @internal
   */
  public _render(host: string): Record<string, any> {
    return this.render(host);
  }

  /**
   * The analysis template the library made for this step, if any.
   * @internal
   */
  public get _template(): IstioAnalysisTemplate | undefined {
    return this.template;
  }
}
