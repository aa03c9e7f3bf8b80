import { ApiObject } from 'cdk8s';
import { IGNORE_ANNOTATION } from '../analysis/engine';
import { Gateway, IGateway } from '../edge/gateway';
import { GatewayExposureOptions } from '../edge/gateway-exposure-options';
import { unique, virtualServiceHostProblem } from '../edge/hosts';

/**
 * The rules a VirtualService bound to a Gateway defined elsewhere switches off for itself: both
 * look the Gateway up among the analysed objects (istioctl reports a missing one as IST0101 and
 * IST0132).
 */
export const GATEWAY_NOT_FOUND_RULES: readonly string[] = ['virtualservice-gateway-not-found', 'virtualservice-host-not-in-gateway'];

/** The reserved gateway name for every sidecar of the mesh. */
export const MESH = 'mesh';

interface Exposure {
  readonly gateway: IGateway;
  readonly hosts?: string[];
  readonly alsoInMesh: boolean;
}

/**
 * The gateways a mesh service's VirtualService is bound to, and the extra hosts that brings.
 * Rendered lazily, so servers added to a Gateway after the exposure count. Internal: not
 * exported from the package.
 */
export class GatewayExposures {
  private readonly exposures: Exposure[] = [];

  /** Records an exposure, checking what is unambiguously wrong. */
  public add(where: string, gateway: IGateway, options: GatewayExposureOptions = {}): void {
    const call = 'exposeThroughGateway()';
    if (gateway === undefined || gateway === null || typeof (gateway as IGateway).reference !== 'string') {
      throw new Error(`${where}: ${call} needs a Gateway (new Gateway(...) or Gateway.fromName(scope, id, 'istio-system/shared-gateway')).`);
    }
    const alsoInMesh = options.alsoInMesh ?? true;
    const hosts = options.hosts === undefined ? undefined : [...options.hosts];
    if (hosts !== undefined) {
      if (hosts.length === 0) {
        throw new Error(`${where}: ${call} hosts is empty; list the host names clients use, e.g. hosts: ['bookinfo.example.com'], or leave hosts out to take the gateway's.`);
      }
      hosts.forEach((h, i) => {
        const problem = virtualServiceHostProblem(h);
        if (problem) throw new Error(`${where}: ${call} hosts[${i}] '${h}' ${problem}.`);
      });
    } else if (gateway.definedElsewhere) {
      throw new Error(
        `${where}: ${call} through ${gateway.reference}, a Gateway defined outside this app: its hosts are unknown here, ` +
        "so give the host names clients use, e.g. exposeThroughGateway(gateway, { hosts: ['bookinfo.example.com'] }).",
      );
    }
    this.exposures.push({ gateway, hosts, alsoInMesh });
    this.checkWildcardInMesh(where, this.exposures.flatMap((e) => e.hosts ?? []));
  }

  /** Whether the service is exposed through at least one gateway. */
  public get bound(): boolean {
    return this.exposures.length > 0;
  }

  /** Whether one of the gateways is defined outside the app. */
  public get hasExternalGateway(): boolean {
    return this.exposures.some((e) => e.gateway.definedElsewhere);
  }

  /** Whether the VirtualService still applies to sidecars. */
  public get inMesh(): boolean {
    return this.exposures.some((e) => e.alsoInMesh);
  }

  /** The VirtualService's `gateways` (gateway references, then `mesh` when it stays in the mesh). */
  public gateways(): string[] {
    const refs = unique(this.exposures.map((e) => e.gateway.reference));
    return this.inMesh ? [...refs, MESH] : refs;
  }

  /** The hosts the exposures add to a VirtualService in `namespace`. */
  public hosts(where: string, namespace: string): string[] {
    const out: string[] = [];
    for (const e of this.exposures) {
      if (e.hosts !== undefined) {
        out.push(...e.hosts);
        continue;
      }
      const offered = e.gateway instanceof Gateway ? e.gateway.hostsFor(namespace).filter((h) => h !== '*') : [];
      if (offered.length === 0) {
        throw new Error(
          `${where}: exposeThroughGateway(${e.gateway.reference}) without hosts, and the gateway offers no host name to namespace '${namespace}' ` +
          "(only '*' or hosts of other namespaces). Give the host names clients use, e.g. { hosts: ['bookinfo.example.com'] }" +
          (this.inMesh ? '.' : ", or hosts: ['*']."),
        );
      }
      out.push(...offered);
    }
    const hosts = unique(out);
    this.checkWildcardInMesh(where, hosts);
    return hosts;
  }

  private checkWildcardInMesh(where: string, hosts: string[]): void {
    if (this.inMesh && hosts.includes('*')) {
      throw new Error(
        `${where}: exposeThroughGateway() hosts include '*' while the routes also apply to sidecars (mesh); Istio rejects a '*' host ` +
        'on a VirtualService bound to the mesh. Name the hosts (e.g. bookinfo.example.com), or pass alsoInMesh: false to every exposure of this service.',
      );
    }
  }
}

/**
 * Annotates a VirtualService so the analysis skips the rules of GATEWAY_NOT_FOUND_RULES for it:
 * it names a Gateway defined outside the app, which the analysis cannot see. Keeps rule ids
 * already listed in the annotation.
 */
export function ignoreGatewayNotFound(virtualService: ApiObject): void {
  const current = virtualService.metadata.toJson().annotations?.[IGNORE_ANNOTATION] as string | undefined;
  const ids = (current ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const missing = GATEWAY_NOT_FOUND_RULES.filter((id) => !ids.includes(id));
  if (missing.length === 0) return;
  virtualService.metadata.addAnnotation(IGNORE_ANNOTATION, [...ids, ...missing].join(','));
}
