import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/** @internal */
export enum SourceKind {
  NEW_SERVICE = 'new-service',
  SERVICE = 'service',
  SERVICE_OBJECT = 'service-object',
  WORKLOAD = 'workload',
  WORKLOAD_OBJECT = 'workload-object',
  HOST = 'host',
}

/**
 * What a mesh service stands for: a Kubernetes Service it creates or adopts, a workload it
 * creates a Service for, or a host defined elsewhere.
 */
export class MeshServiceSource {
  /**
   * Create a new Kubernetes Service selecting the pods of the versions added later
   * (by an `app` label the versions' pod templates receive).
   */
  public static newService(): MeshServiceSource {
    return new MeshServiceSource(SourceKind.NEW_SERVICE);
  }

  /**
   * Adopt an existing cdk8s-plus Service: routes and subsets are written for it, and it is left
   * as it is (its selector must also select the versions' pods).
   */
  public static fromService(service: kplus.Service): MeshServiceSource {
    return new MeshServiceSource(SourceKind.SERVICE, { service });
  }

  /** Adopt a Service written as a plain cdk8s `ApiObject` (kind `Service`). */
  public static fromServiceObject(service: ApiObject): MeshServiceSource {
    if (service.kind !== 'Service') {
      throw new Error(`MeshServiceSource.fromServiceObject: ${service.node.path} is a ${service.kind}, not a Service; use fromWorkloadObject for workloads.`);
    }
    return new MeshServiceSource(SourceKind.SERVICE_OBJECT, { object: service });
  }

  /**
   * Create a Service for one cdk8s-plus workload (its container ports become the service's
   * ports). More versions can be added to it later.
   */
  public static fromWorkload(workload: kplus.Workload): MeshServiceSource {
    return new MeshServiceSource(SourceKind.WORKLOAD, { workload });
  }

  /** Create a Service for a workload written as a plain cdk8s `ApiObject` (Deployment, StatefulSet, …). */
  public static fromWorkloadObject(workload: ApiObject): MeshServiceSource {
    return new MeshServiceSource(SourceKind.WORKLOAD_OBJECT, { object: workload });
  }

  /**
   * A service defined elsewhere (another chart, app or cluster), known by its host name.
   * Write it fully qualified (`reviews.shop.svc.cluster.local`): a short name is read by Istio
   * relative to the namespace of the routing rule.
   */
  public static fromHost(host: string): MeshServiceSource {
    if (host.trim() === '' || /\s/.test(host)) {
      throw new Error(`MeshServiceSource.fromHost: '${host}' is not a host name; write e.g. 'reviews.shop.svc.cluster.local'.`);
    }
    return new MeshServiceSource(SourceKind.HOST, { host });
  }

  /** @internal */
  public readonly _kind: SourceKind;
  /** @internal */
  public readonly _service?: kplus.Service;
  /** @internal */
  public readonly _object?: ApiObject;
  /** @internal */
  public readonly _workload?: kplus.Workload;
  /** @internal */
  public readonly _host?: string;

  private constructor(kind: SourceKind, parts: { service?: kplus.Service; object?: ApiObject; workload?: kplus.Workload; host?: string } = {}) {
    this._kind = kind;
    this._service = parts.service;
    this._object = parts.object;
    this._workload = parts.workload;
    this._host = parts.host;
  }
}
