import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type { MeshService } from './mesh-service';
import { RenderContext } from '../private/render-context';
import { TrafficPolicy } from '../traffic/traffic-policy';

/** Options of a new version (addVersion, addVersionFromObject, addVersionWithLabels). */
export interface VersionOptions {
  /**
   * Traffic policy of this version's subset. It replaces the service's policy field by field
   * (a version's `connectionPool` replaces the service's `connectionPool`; fields it leaves
   * unset keep the service's). Like any subset policy it applies only to traffic that a route
   * sends to this version.
   * @default - the service's traffic policy
   */
  readonly trafficPolicy?: TrafficPolicy;
}

/**
 * A version of a mesh service: a set of its pods told apart by labels. It becomes a subset of
 * the service's DestinationRule, which routes send traffic to.
 *
 * A version is part of its MeshService, not a construct of its own (no one addresses it by
 * path, and every construct costs synth time): find it with `meshService.version(name)`.
 * Errors about it name the service's construct path and the version, e.g.
 * `shop/api: version 'v2' trafficPolicy.tls ...`.
 */
export class ServiceVersion {
  /** Subset name, e.g. `v1`. */
  public readonly name: string;
  /** The service this is a version of. */
  public readonly meshService: MeshService;
  /**
   * The workload whose pods this version labelled (addVersion, addVersionFromObject), for a
   * hand-off to a progressive-delivery controller that takes the workload over.
   * @internal
   */
  public readonly _workload?: kplus.Workload | ApiObject;
  private _labels: { [key: string]: string };
  private _trafficPolicy?: TrafficPolicy;

  /** @internal */
  constructor(
    meshService: MeshService, name: string, labels: { [key: string]: string }, options: VersionOptions = {}, workload?: kplus.Workload | ApiObject,
  ) {
    this.meshService = meshService;
    this.name = name;
    this._labels = { ...labels };
    this._workload = workload;
    if (options.trafficPolicy !== undefined) this.applyTrafficPolicy(options.trafficPolicy);
  }

  /** Labels that select this version's pods (the subset's labels). */
  public get labels(): { [key: string]: string } {
    return { ...this._labels };
  }

  /** The traffic policy of this version's subset, if any. */
  public get trafficPolicy(): TrafficPolicy | undefined {
    return this._trafficPolicy;
  }

  /**
   * Sets the traffic policy of this version's subset, replacing one set before. It is checked
   * now; the manifests show the last policy applied.
   */
  public applyTrafficPolicy(policy: TrafficPolicy): void {
    if (!(policy instanceof TrafficPolicy)) {
      throw new Error(`${this._context().where} applyTrafficPolicy() needs a TrafficPolicy, e.g. new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin() }).`);
    }
    policy._render(this._context().child('trafficPolicy'));
    this._trafficPolicy = policy;
    this.meshService._versionPolicyChanged();
  }

  /**
   * Replaces the labels the subset selects by: a progressive-delivery controller (Argo Rollouts)
   * tells its stable and canary pods apart itself, so both subsets select all its pods.
   * @internal
   */
  public _selectBy(labels: { [key: string]: string }): void {
    this._labels = { ...labels };
  }

  /** @internal */
  public _toSubset(): any {
    const subset: Record<string, any> = { name: this.name, labels: { ...this._labels } };
    if (this._trafficPolicy) subset.trafficPolicy = this._trafficPolicy._render(this._context().child('trafficPolicy'));
    return subset;
  }

  /**
   * Where errors about this version point: its service's construct path, about `version '<name>'`
   * (`shop/api: version 'v2' trafficPolicy.tls ...`), with the mesh's settings. Built on demand
   * from the service's path, which is fixed once the service exists.
   * @internal
   */
  public _context(): RenderContext {
    const mesh = this.meshService.mesh;
    return RenderContext.of(this.meshService.node.path, { trustDomain: mesh.trustDomain, apiVersion: mesh.apiVersion }).about(`version '${this.name}'`);
  }

  /**
   * How other messages name this version: `version 'v2' of shop/api`.
   * @internal
   */
  public get _reference(): string {
    return `version '${this.name}' of ${this.meshService.node.path}`;
  }
}
