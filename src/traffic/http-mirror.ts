import type { MeshService } from '../mesh/mesh-service';
import type { ServiceVersion } from '../mesh/service-version';

/**
 * A copy of a route's traffic sent to another destination ("shadowing"). The client's Envoy
 * fires the copy and forgets it: responses of the mirror are dropped and never slow down or fail
 * the real request. Envoy appends `-shadow` to the Host/Authority header of the copies.
 *
 * Give exactly one of `version`, `service` and `host`.
 */
export interface HttpMirror {
  /**
   * A version (subset) of a mesh service, e.g. the candidate of a release.
   * @default - none: set `service` or `host`
   */
  readonly version?: ServiceVersion;

  /**
   * Another mesh service, any version.
   * @default - none: set `version` or `host`
   */
  readonly service?: MeshService;

  /**
   * A host defined elsewhere (another cluster's service, a ServiceEntry host).
   * @default - none: set `version` or `service`
   */
  readonly host?: string;

  /**
   * Port on the mirror's host. Needed only when the host has several ports.
   * @default - the port the request arrived on
   */
  readonly port?: number;

  /**
   * Percentage of the route's requests copied to this mirror, from 0 to 100 (fractions allowed).
   * @default 100
   */
  readonly percentage?: number;
}
