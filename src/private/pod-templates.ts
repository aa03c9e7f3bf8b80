/**
 * Pod templates of workloads: where each workload kind keeps its pod template, and the labelling
 * and port reading that mesh services and platform enrollment do on them. Internal.
 *
 * The table of template paths is the engine's (`analysis/resources/pod-template-paths.ts`), so the
 * model and the constructs read one table.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { POD_TEMPLATE_PATHS } from '../analysis/resources/pod-template-paths';

export { POD_TEMPLATE_PATHS };

/** The workload kinds of the table, for messages: `Deployment, StatefulSet, … or Pod`. */
export function workloadKindList(): string {
  const kinds = Object.keys(POD_TEMPLATE_PATHS);
  return `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pod template of a rendered workload manifest, or undefined when it has none there. */
export function podTemplateOf(kind: string, manifest: any): any {
  const path = POD_TEMPLATE_PATHS[kind];
  if (path === undefined) return undefined;
  let node: any = manifest;
  for (const seg of path) node = node?.[seg];
  return node !== null && typeof node === 'object' ? node : undefined;
}

/**
 * Adds `labels` to the pod template of a cdk8s-plus workload, after checking that none of them
 * is already there with another value.
 * @param where start of an error message (construct path and call)
 * @param advice what to do about a conflict on a given key (appended to the error)
 */
export function labelWorkload(
  where: string, workload: kplus.Workload, labels: Record<string, string>, advice: (key: string, existing: string) => string,
): void {
  for (const [k, v] of Object.entries(labels)) {
    const existing = workload.podMetadata.getLabel(k);
    if (existing !== undefined && existing !== v) {
      throw new Error(
        `${where}: the pod template of ${workload.node.path} already has label ${k}=${existing}, ` +
        `but this service needs ${k}=${v}. ${advice(k, existing)}`,
      );
    }
  }
  for (const [k, v] of Object.entries(labels)) workload.podMetadata.addLabel(k, v);
}

/**
 * Adds `labels` to the pod template of a workload written as a plain ApiObject (with JSON patches,
 * since the object's own metadata is not its pods'), or to a bare Pod's metadata.
 * @param where start of an error message (construct path and call)
 */
export function labelWorkloadObject(where: string, obj: ApiObject, labels: Record<string, string>): void {
  if (Object.keys(labels).length === 0) return;
  const path = POD_TEMPLATE_PATHS[obj.kind];
  if (path === undefined) {
    throw new Error(`${where}: ${obj.node.path} is a ${obj.kind}; pass a ${workloadKindList()}.`);
  }
  if (path.length === 0) {
    for (const [k, v] of Object.entries(labels)) obj.metadata.addLabel(k, v);
    return;
  }
  const template = podTemplateOf(obj.kind, obj.toJson());
  if (template === undefined) {
    throw new Error(`${where}: ${obj.node.path} has no pod template at ${path.join('.')}.`);
  }
  const pointer = '/' + path.join('/');
  if (!template.metadata) {
    obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata`, { labels }));
    return;
  }
  if (!template.metadata.labels) {
    obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata/labels`, labels));
    return;
  }
  for (const [k, v] of Object.entries(labels)) {
    const existing = template.metadata.labels[k];
    if (existing !== undefined && existing !== v) {
      throw new Error(`${where}: the pod template of ${obj.node.path} already has label ${k}=${existing}, but this service needs ${k}=${v}.`);
    }
    obj.addJsonPatch(JsonPatch.add(`${pointer}/metadata/labels/${escapePointer(k)}`, v));
  }
}

/** A container port a created Service exposes when it is given no ports. */
export interface ContainerPortInfo {
  readonly number: number;
  /** The container port's name, when it has one. */
  readonly name?: string;
  /** Transport protocol of the container port. */
  readonly transport: 'TCP' | 'UDP' | 'SCTP';
}

/**
 * The container ports of the first workload that declares any: a Service created for these
 * workloads gets them when it is given no ports. Names and transports are kept, as the port
 * name is what tells Istio the protocol.
 */
export function inferPorts(workloads: ReadonlyArray<kplus.Workload | ApiObject>): ContainerPortInfo[] {
  for (const source of workloads) {
    const ports = new Map<number, ContainerPortInfo>();
    const add = (number: unknown, name: unknown, transport: unknown) => {
      if (typeof number !== 'number' || ports.has(number)) return;
      ports.set(number, {
        number,
        ...(typeof name === 'string' && name !== '' ? { name } : {}),
        transport: transport === 'UDP' || transport === 'SCTP' ? transport : 'TCP',
      });
    };
    if (source instanceof ApiObject) {
      const template = podTemplateOf(source.kind, source.toJson());
      for (const c of template?.spec?.containers ?? []) {
        for (const p of c.ports ?? []) add(p.containerPort, p.name, p.protocol);
      }
    } else {
      for (const c of source.containers) {
        for (const p of c.ports) add(p.number, p.name, p.protocol);
        add(c.portNumber, undefined, 'TCP');
      }
    }
    if (ports.size > 0) return [...ports.values()];
  }
  return [];
}
