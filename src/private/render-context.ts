/**
 * Where a value is being checked or rendered: the construct path, the prop path inside the
 * construct, and the settings of the mesh the object is written for. Every value class renders
 * through `_render(ctx: RenderContext)`, and every early check throws through `ctx.fail()`, so
 * errors read the same everywhere:
 *
 *   `<construct path>: <prop path> <problem>; <fix>`
 *
 * e.g. `shop/reviews: trafficPolicy.outlierDetection.maxEjectionPercent is 200; a percentage is a
 * whole number from 0 to 100.` The prop path comes straight before the problem, with no colon,
 * because problems are written as the rest of a sentence about the prop ("is 200", "sets both …").
 * Items a construct holds several of (routes) put a subject before the prop path:
 * `shop/reviews: route 'api' retries.perTryTimeout is …`.
 *
 * Internal: not exported from the package.
 */
import { IstioApiVersion } from '../mesh/istio-api-version';

/** The mesh settings a rendering may depend on. */
export interface MeshSettings {
  /** Trust domain of workload identities (SPIFFE principals). */
  readonly trustDomain: string;
  /** Version of Istio's APIs emitted. */
  readonly apiVersion: IstioApiVersion;
  /** Host of the service a route belongs to, for destinations that name no other. */
  readonly defaultHost?: string;
}

const DEFAULT_SETTINGS: MeshSettings = { trustDomain: 'cluster.local', apiVersion: IstioApiVersion.V1 };

export class RenderContext {
  /**
   * The context of a construct (or of a value rendered on its own, e.g. `TrafficPolicy.toJson()`).
   * @param path construct path, or the name of what is rendered
   * @param mesh mesh settings; Istio's defaults when left out
   */
  public static of(path: string, mesh: Partial<MeshSettings> = {}): RenderContext {
    return new RenderContext(path, '', undefined, { ...DEFAULT_SETTINGS, ...mesh });
  }

  private constructor(
    /** Construct path. */
    public readonly path: string,
    /** Prop path inside the construct, e.g. `trafficPolicy.tls.mode` (empty: the construct itself). */
    public readonly prop: string,
    /** What in the construct the prop belongs to, e.g. `route 'api'`. */
    public readonly subject: string | undefined,
    /** Mesh settings. */
    public readonly mesh: MeshSettings,
  ) {}

  /** The context of a field below this one: `child('tls')`, `child('[2]')`, `child("set['Host']")`. */
  public child(field: string): RenderContext {
    const joined = this.prop === '' ? field : field.startsWith('[') ? `${this.prop}${field}` : `${this.prop}.${field}`;
    return new RenderContext(this.path, joined, this.subject, this.mesh);
  }

  /** The context of an item of the construct (a route), whose props are paths below it. */
  public about(subject: string): RenderContext {
    return new RenderContext(this.path, '', subject, this.mesh);
  }

  /** The same place, with some mesh settings replaced. */
  public withMesh(settings: Partial<MeshSettings>): RenderContext {
    return new RenderContext(this.path, this.prop, this.subject, { ...this.mesh, ...settings });
  }

  /** `<construct path>: <subject> <prop path>`: the start of every message about this place. */
  public get where(): string {
    const what = [this.subject, this.prop].filter((s) => s !== undefined && s !== '').join(' ');
    return what === '' ? this.path : `${this.path}: ${what}`;
  }

  /**
   * Throws `<where> <problem>; <fix>`.
   * @param problem the rest of a sentence about the prop, naming the bad value: `is 200`
   * @param fix what to write instead, as a sentence: `a percentage is a whole number from 0 to 100.`
   */
  public fail(problem: string, fix?: string): never {
    const where = this.where;
    const sep = this.prop === '' && this.subject === undefined ? ': ' : ' ';
    throw new Error(`${where}${sep}${problem}${fix === undefined ? '' : `; ${fix}`}`);
  }
}
