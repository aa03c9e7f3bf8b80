import { analyzeSources } from './analysis-run';
import { Diagnostic } from './diagnostic';

/** Options for {@link Analyzer.analyze}. */
export interface AnalyzeOptions {
  /**
   * Rule ids to skip.
   * @default - every rule runs
   */
  readonly ignoreRules?: string[];
  /**
   * Kubernetes cluster DNS domain used to resolve short host names.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * Istio's root namespace: its policies apply to the whole mesh.
   * @default 'istio-system'
   */
  readonly rootNamespace?: string;
}

/**
 * The analysis engine, for manifests that no construct made (Helm output, hand-written YAML
 * already parsed into objects). Synth and `cdk8s-istio lint` run the same engine.
 */
export class Analyzer {
  /**
   * Analyses a set of Kubernetes and Istio objects together and returns what is wrong with them.
   * @param manifests plain JSON objects (apiVersion, kind, metadata, spec)
   */
  public static analyze(manifests: any[], options: AnalyzeOptions = {}): Diagnostic[] {
    return analyzeSources(manifests.map((manifest) => ({ manifest })), options);
  }

  private constructor() {}
}
