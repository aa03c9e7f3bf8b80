import { Construct } from 'constructs';
import type { MeshService } from './mesh-service';

/**
 * A version of a mesh service: a set of its pods told apart by labels. It becomes a subset of
 * the service's DestinationRule, which routes send traffic to.
 */
export class ServiceVersion extends Construct {
  /** Subset name, e.g. `v1`. */
  public readonly name: string;
  /** The service this is a version of. */
  public readonly meshService: MeshService;
  private readonly _labels: { [key: string]: string };

  /** @internal */
  constructor(meshService: MeshService, name: string, labels: { [key: string]: string }) {
    super(meshService, `Version-${name}`);
    this.meshService = meshService;
    this.name = name;
    this._labels = { ...labels };
  }

  /** Labels that select this version's pods (the subset's labels). */
  public get labels(): { [key: string]: string } {
    return { ...this._labels };
  }

  /** @internal */
  public _toSubset(): any {
    return { name: this.name, labels: { ...this._labels } };
  }
}
