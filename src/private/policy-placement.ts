import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { RenderContext } from './render-context';
import { isDns1123Label, isDns1123Subdomain, toDns1123Label } from '../analysis/validators/names';
import { Mesh } from '../mesh/mesh';
import { PolicyTargetReference } from '../security/policy-target';
import { WorkloadSelector } from '../security/workload-selector';

/** Where a policy goes and what it applies to (internal). */
export interface PlacementInput {
  readonly name?: string;
  readonly namespace?: string;
  readonly meshWide?: boolean;
  readonly selector?: WorkloadSelector;
  readonly targetRefs?: PolicyTargetReference[];
}

const KNOWN_GROUPS: Record<string, string> = {
  Gateway: 'gateway.networking.k8s.io',
  GatewayClass: 'gateway.networking.k8s.io',
  ServiceEntry: 'networking.istio.io',
};

/** Resolves and checks the name of a policy: `name`, or the construct id as a DNS name. */
export function policyName(c: Construct, name: string | undefined): string {
  const resolved = name ?? toDns1123Label(c.node.id);
  if (!isDns1123Subdomain(resolved)) {
    throw new Error(`${c.node.path}: name '${resolved}' is not a valid Kubernetes name; use lower-case letters, digits, '-' and '.', e.g. name: '${toDns1123Label(resolved)}'.`);
  }
  return resolved;
}

/**
 * The namespace a policy is written to:
 * - `meshWide`: the mesh's root namespace;
 * - otherwise `namespace`, else the namespace of the selected workload, else the chart's, else `default`.
 * Throws when these disagree, since a policy only applies to workloads of its own namespace
 * (or, in the root namespace, of every namespace).
 */
export function policyNamespace(c: Construct, mesh: Mesh, input: PlacementInput, options: { selectorInRoot: boolean }): string {
  const where = c.node.path;
  const root = mesh.rootNamespace;
  if (input.selector !== undefined && !(input.selector instanceof WorkloadSelector)) {
    throw new Error(`${where}: selector must be a WorkloadSelector, e.g. WorkloadSelector.fromWorkload(deployment).`);
  }
  if (input.selector && input.targetRefs && input.targetRefs.length > 0) {
    throw new Error(`${where}: set either selector or targetRefs, not both; Istio accepts one way to pick what a policy applies to.`);
  }
  if (input.namespace !== undefined && !isDns1123Label(input.namespace)) {
    throw new Error(`${where}: namespace '${input.namespace}' is not a valid Kubernetes namespace name; use lower-case letters, digits and '-'.`);
  }
  if (input.meshWide) {
    if (input.namespace !== undefined && input.namespace !== root) {
      throw new Error(`${where}: meshWide puts the policy in the mesh's root namespace '${root}', but namespace is '${input.namespace}'; remove one of them.`);
    }
    if (input.selector && !options.selectorInRoot) {
      throw new Error(`${where}: a mesh-wide policy applies to every workload and has no selector; remove meshWide to scope it to ${input.selector._description}.`);
    }
    return root;
  }
  const selected = input.selector?.namespace;
  if (input.namespace !== undefined && selected !== undefined && input.namespace !== selected && input.namespace !== root) {
    throw new Error(
      `${where}: namespace is '${input.namespace}' but the selector picks ${input.selector!._description} in namespace '${selected}'; ` +
      `a policy only applies to workloads of its own namespace. Remove namespace (the policy then goes to '${selected}').`,
    );
  }
  return input.namespace ?? selected ?? Chart.of(c).namespace ?? 'default';
}

/** The `targetRefs` of a policy, with groups filled in; checks names. */
export function renderTargetRefs(ctx: RenderContext, refs: PolicyTargetReference[] | undefined): any[] | undefined {
  if (refs === undefined || refs.length === 0) return undefined;
  return refs.map((r, i) => {
    if (typeof r?.kind !== 'string' || !/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(r.kind)) {
      ctx.child(`[${i}].kind`).fail(`is ${JSON.stringify(r?.kind)}`, "write a resource kind such as 'Gateway' or 'Service'.");
    }
    if (typeof r.name !== 'string' || r.name.trim() === '') {
      ctx.child(`[${i}].name`).fail(`is ${JSON.stringify(r.name)}`, `write the name of the ${r.kind}.`);
    }
    return { group: r.group ?? KNOWN_GROUPS[r.kind] ?? '', kind: r.kind, name: r.name };
  });
}
