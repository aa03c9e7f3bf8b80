import { ApiObject, App } from 'cdk8s';
import { SimulatedRequestProps } from './request';
import { simulate } from './resolve';
import { RequestTrace } from './trace';
import { ManifestSource } from '../analysis/manifest';
import { MeshModel, ModelOptions } from '../analysis/model';
import { Mesh } from '../mesh/mesh';

/** Options of {@link MeshSimulator.fromManifests}. */
export interface MeshSimulatorOptions {
  /**
   * Kubernetes cluster DNS domain.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * Istio's root namespace (mesh-wide policies).
   * @default 'istio-system'
   */
  readonly rootNamespace?: string;
  /**
   * Trust domain of workload identities (principals `<trustDomain>/ns/<ns>/sa/<sa>`).
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;
  /**
   * Namespace of objects that declare none (as `kubectl apply -n`).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/**
 * Answers "what happens to this request?" offline, from the manifests alone: which host the
 * client sees, the VirtualService and route that match (first match wins, as in Envoy), the
 * destinations and their weights, the DestinationRule policy and client TLS (auto mTLS
 * included), and the server's mTLS mode, RequestAuthentication and AuthorizationPolicy decision.
 * Requests may enter through an ingress gateway: an Istio Gateway with its VirtualServices, or a
 * Gateway API Gateway with the listener and the HTTPRoutes/GRPCRoutes attached to it.
 * It reads the same indexed model as the analysis rules.
 */
export class MeshSimulator {
  /**
   * A simulator over every ApiObject of a cdk8s app, rendered as `cdk8s synth` would render
   * them. The app's `Mesh` (if any) gives the root namespace, trust domain and cluster domain.
   */
  public static fromApp(app: App): MeshSimulator {
    const sources: ManifestSource[] = [];
    let mesh: Mesh | undefined;
    for (const c of app.node.findAll()) {
      if (c instanceof ApiObject) sources.push({ manifest: c.toJson(), constructPath: c.node.path });
      else if (!mesh && c instanceof Mesh) mesh = c;
    }
    const options: ModelOptions = mesh
      ? { rootNamespace: mesh.rootNamespace, trustDomain: mesh.trustDomain, clusterDomain: mesh.clusterDomain }
      : {};
    return new MeshSimulator(new MeshModel(sources, options));
  }

  /**
   * A simulator over plain Kubernetes and Istio objects (parsed YAML, Helm output).
   * @param manifests plain JSON objects (apiVersion, kind, metadata, spec)
   */
  public static fromManifests(manifests: any[], options: MeshSimulatorOptions = {}): MeshSimulator {
    return new MeshSimulator(new MeshModel(manifests.map((manifest) => ({ manifest })), options));
  }

  /**
   * A simulator over a model that is already built (the `simulate` command reuses lint's reading).
   * @internal
   */
  public static _fromModel(model: MeshModel): MeshSimulator {
    return new MeshSimulator(model);
  }

  private constructor(private readonly model: MeshModel) {}

  /**
   * Resolves one request through the configuration and returns the trace. Throws when the
   * request names what the input does not hold (a workload, a Gateway).
   */
  public request(props: SimulatedRequestProps): RequestTrace {
    return simulate(this.model, props);
  }
}
