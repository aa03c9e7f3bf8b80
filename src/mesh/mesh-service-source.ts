import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type { Mesh } from './mesh';
import { toDns1123Label } from '../analysis/validators/names';
import { labelWorkload, labelWorkloadObject } from '../private/pod-templates';

/**
 * What a mesh service stands for: a Kubernetes Service it creates or adopts, a workload it
 * creates a Service for, or a host defined elsewhere.
 *
 * Each kind of source knows how the service is named and whether the service creates the
 * Kubernetes Service; `MeshService` asks it without looking at which kind it is.
 */
export abstract class MeshServiceSource {
  /**
   * Create a new Kubernetes Service selecting the pods of the versions added later
   * (by an `app` label the versions' pod templates receive).
   */
  public static newService(): MeshServiceSource {
    return new NewServiceSource();
  }

  /**
   * Adopt an existing cdk8s-plus Service: routes and subsets are written for it, and it is left
   * as it is (its selector must also select the versions' pods).
   */
  public static fromService(service: kplus.Service): MeshServiceSource {
    return new AdoptedServiceSource(
      service.name, () => service.metadata.namespace ?? Chart.of(service).namespace, () => ApiObject.of(service).toJson().spec?.selector,
    );
  }

  /** Adopt a Service written as a plain cdk8s `ApiObject` (kind `Service`). */
  public static fromServiceObject(service: ApiObject): MeshServiceSource {
    if (service.kind !== 'Service') {
      throw new Error(`MeshServiceSource.fromServiceObject: ${service.node.path} is a ${service.kind}, not a Service; use fromWorkloadObject for workloads.`);
    }
    return new AdoptedServiceSource(
      service.name, () => service.metadata.namespace ?? Chart.of(service).namespace, () => service.toJson().spec?.selector,
    );
  }

  /**
   * Create a Service for one cdk8s-plus workload (its container ports become the service's
   * ports). More versions can be added to it later.
   */
  public static fromWorkload(workload: kplus.Workload): MeshServiceSource {
    return new WorkloadSource(workload);
  }

  /** Create a Service for a workload written as a plain cdk8s `ApiObject` (Deployment, StatefulSet, …). */
  public static fromWorkloadObject(workload: ApiObject): MeshServiceSource {
    return new WorkloadObjectSource(workload);
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
    return new HostSource(host);
  }

  /**
   * Whether the mesh service creates the Kubernetes Service (and so owns its selector and ports).
   * @internal
   */
  public abstract readonly _createsService: boolean;

  /** Sources are made by the static factories only. */
  protected constructor() {}

  /**
   * Reads the pod labels the adopted Service selects, at synth; undefined when the source is not
   * an adopted Service (a created Service selects by its app label, a host has no known pods).
   * @internal
   */
  public _adoptedSelector(): (() => Record<string, string>) | undefined {
    return undefined;
  }

  /**
   * Name, namespace and host of the mesh service.
   * @param id construct id of the mesh service
   * @param name the `name` prop, when given
   * @param namespace the namespace the mesh service's objects are written to
   * @internal
   */
  public abstract _identity(mesh: Mesh, id: string, name: string | undefined, namespace: string): { name: string; namespace: string; host: string };

  /**
   * Gives the source's own workload (if any) the pod labels of the service, and returns it as the
   * first place to read container ports from.
   * @param where start of an error message
   * @param labels labels the service's pods need
   * @param advice what to do about a conflicting label
   * @internal
   */
  public _attachPods(
    _where: string, _labels: Record<string, string>, _advice: (key: string, existing: string) => string,
  ): kplus.Workload | ApiObject | undefined {
    return undefined;
  }
}

/** The identity of a Service the mesh service creates: named after the construct. */
function createdIdentity(mesh: Mesh, id: string, name: string | undefined, namespace: string) {
  const resolved = name ?? toDns1123Label(id);
  return { name: resolved, namespace, host: mesh.serviceHost(resolved, namespace) };
}

class NewServiceSource extends MeshServiceSource {
  public readonly _createsService = true;

  constructor() {
    super();
  }

  public _identity(mesh: Mesh, id: string, name: string | undefined, namespace: string) {
    return createdIdentity(mesh, id, name, namespace);
  }
}

class AdoptedServiceSource extends MeshServiceSource {
  public readonly _createsService = false;

  /**
   * @param serviceNamespace read when the mesh service is created, as the Service may get one later
   * @param serviceSelector read at synth, so that labels the Service selects later count
   */
  constructor(
    private readonly serviceName: string,
    private readonly serviceNamespace: () => string | undefined,
    private readonly serviceSelector: () => unknown,
  ) {
    super();
  }

  public _adoptedSelector(): () => Record<string, string> {
    return () => {
      const selector = this.serviceSelector();
      if (selector === null || typeof selector !== 'object' || Array.isArray(selector)) return {};
      return Object.fromEntries(Object.entries(selector).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    };
  }

  public _identity(mesh: Mesh, _id: string, name: string | undefined) {
    const namespace = this.serviceNamespace() ?? 'default';
    return { name: name ?? this.serviceName, namespace, host: mesh.serviceHost(this.serviceName, namespace) };
  }
}

class WorkloadSource extends MeshServiceSource {
  public readonly _createsService = true;

  constructor(private readonly workload: kplus.Workload) {
    super();
  }

  public _identity(mesh: Mesh, id: string, name: string | undefined, namespace: string) {
    return createdIdentity(mesh, id, name, namespace);
  }

  public _attachPods(where: string, labels: Record<string, string>, advice: (key: string, existing: string) => string): kplus.Workload {
    labelWorkload(where, this.workload, labels, advice);
    return this.workload;
  }
}

class WorkloadObjectSource extends MeshServiceSource {
  public readonly _createsService = true;

  constructor(private readonly workload: ApiObject) {
    super();
  }

  public _identity(mesh: Mesh, id: string, name: string | undefined, namespace: string) {
    return createdIdentity(mesh, id, name, namespace);
  }

  public _attachPods(where: string, labels: Record<string, string>): ApiObject {
    labelWorkloadObject(where, this.workload, labels);
    return this.workload;
  }
}

class HostSource extends MeshServiceSource {
  public readonly _createsService = false;

  constructor(private readonly host: string) {
    super();
  }

  public _identity(_mesh: Mesh, _id: string, name: string | undefined, namespace: string) {
    return { name: name ?? toDns1123Label(this.host.split('.')[0]), namespace, host: this.host };
  }
}
