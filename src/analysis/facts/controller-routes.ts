import { isPlainObject, ObjectRecord, stringMap } from '../manifest';
import { MeshModel, NETWORKING_GROUP } from '../model';

/**
 * Annotation a VirtualService carries when a progressive-delivery controller moves the weights of
 * some of its routes: `<controller>:<route>[,<route>…]`, e.g. `argo-rollouts:default`. The library
 * writes it when a canary is handed off; the analysis then leaves those weights alone, as they are
 * the controller's to change at any time.
 */
export const CONTROLLER_ROUTES_ANNOTATION = 'cdk8s-istio.io/controller-routes';

/** Argo Rollouts' API group. */
export const ARGO_GROUP = 'argoproj.io';
/** Flagger's API group. */
export const FLAGGER_GROUP = 'flagger.app';

/** Writes the annotation value. */
export function formatControllerRoutes(controller: string, routes: readonly string[]): string {
  return `${controller}:${routes.join(',')}`;
}

/** One VirtualService a Rollout's Istio traffic routing names, with where it is named. */
export interface RolloutVirtualServiceRef {
  readonly name: string;
  /** The route names it lists (empty: the VirtualService's only HTTP route). */
  readonly routes: string[];
  readonly path: Array<string | number>;
}

/** The `trafficRouting.istio` block of a Rollout's canary strategy, if it has one. */
export function istioRoutingOf(rollout: ObjectRecord): Record<string, any> | undefined {
  const istio = rollout.spec?.strategy?.canary?.trafficRouting?.istio;
  return isPlainObject(istio) ? istio : undefined;
}

/** The VirtualServices a Rollout's Istio traffic routing names (`virtualService` and `virtualServices`). */
export function rolloutVirtualServices(rollout: ObjectRecord): RolloutVirtualServiceRef[] {
  const istio = istioRoutingOf(rollout);
  if (!istio) return [];
  const base = ['spec', 'strategy', 'canary', 'trafficRouting', 'istio'];
  const refs: RolloutVirtualServiceRef[] = [];
  const read = (v: unknown, path: Array<string | number>) => {
    if (!isPlainObject(v) || typeof v.name !== 'string' || v.name === '') return;
    const routes = Array.isArray(v.routes) ? v.routes.filter((r: unknown): r is string => typeof r === 'string') : [];
    refs.push({ name: v.name, routes, path });
  };
  read(istio.virtualService, [...base, 'virtualService']);
  if (Array.isArray(istio.virtualServices)) istio.virtualServices.forEach((v: unknown, i: number) => read(v, [...base, 'virtualServices', i]));
  return refs;
}

/**
 * A name as Argo Rollouts reads a VirtualService or DestinationRule reference: `name` in the
 * Rollout's namespace, or `name.namespace`.
 */
export function splitRef(ref: string, namespace: string): { name: string; namespace: string } {
  const dot = ref.indexOf('.');
  return dot < 0 ? { name: ref, namespace } : { name: ref.slice(0, dot), namespace: ref.slice(dot + 1) };
}

/**
 * Names of the HTTP routes of `vs` whose weights a controller moves, with the controller: from
 * the annotation, and from the Rollouts of the analysed set that name the VirtualService.
 */
export function controllerRoutesOf(model: MeshModel, vs: ObjectRecord): Map<string, string> {
  const byVs = model.memo('controllerRoutesOf', (m) => {
    const index = new Map<ObjectRecord, Map<string, string>>();
    const add = (target: ObjectRecord, route: string, controller: string) => {
      let routes = index.get(target);
      if (!routes) index.set(target, (routes = new Map()));
      routes.set(route, controller);
    };
    for (const v of m.virtualServices()) {
      const value = v.annotations[CONTROLLER_ROUTES_ANNOTATION];
      if (value === undefined) continue;
      const colon = value.indexOf(':');
      const controller = colon < 0 ? 'a controller' : value.slice(0, colon).trim();
      for (const route of value.slice(colon + 1).split(',').map((r) => r.trim()).filter((r) => r !== '')) add(v, route, controller);
    }
    for (const rollout of m.ofKind(ARGO_GROUP, 'Rollout')) {
      for (const ref of rolloutVirtualServices(rollout)) {
        const { name, namespace } = splitRef(ref.name, rollout.namespace);
        const target = m.find(NETWORKING_GROUP, 'VirtualService', namespace, name);
        if (!target) continue;
        const routes = ref.routes.length > 0 ? ref.routes : httpRouteNames(target).slice(0, 1);
        for (const route of routes) add(target, route, 'argo-rollouts');
      }
    }
    return index;
  });
  return byVs.get(vs) ?? new Map();
}

/** Names of the HTTP routes of a VirtualService, in order ('' for an unnamed route). */
export function httpRouteNames(vs: ObjectRecord): string[] {
  const http = isPlainObject(vs.spec) && Array.isArray(vs.spec.http) ? vs.spec.http : [];
  return http.map((r: unknown) => (isPlainObject(r) && typeof r.name === 'string' ? r.name : ''));
}

/** The DestinationRule a Rollout's Istio traffic routing names, with its two subsets. */
export interface RolloutDestinationRuleRef {
  readonly name: string;
  readonly stableSubsetName?: string;
  readonly canarySubsetName?: string;
  readonly path: Array<string | number>;
}

/** `trafficRouting.istio.destinationRule` of a Rollout, if written. */
export function rolloutDestinationRule(rollout: ObjectRecord): RolloutDestinationRuleRef | undefined {
  const dr = istioRoutingOf(rollout)?.destinationRule;
  if (!isPlainObject(dr) || typeof dr.name !== 'string' || dr.name === '') return undefined;
  return {
    name: dr.name,
    stableSubsetName: typeof dr.stableSubsetName === 'string' ? dr.stableSubsetName : undefined,
    canarySubsetName: typeof dr.canarySubsetName === 'string' ? dr.canarySubsetName : undefined,
    path: ['spec', 'strategy', 'canary', 'trafficRouting', 'istio', 'destinationRule'],
  };
}

/**
 * Labels of a Rollout's pods: those of its pod template, else of the Deployment it references
 * (`workloadRef`); undefined when neither is in the analysed set. Argo Rollouts adds
 * `rollouts-pod-template-hash` to the pods and to the subsets itself, so it is not among them.
 */
export function rolloutPodLabels(model: MeshModel, rollout: ObjectRecord): { labels: Record<string, string>; from: string } | undefined {
  const template = rollout.spec?.template;
  if (isPlainObject(template)) {
    return { labels: stringMap(template.metadata?.labels), from: `the pod template of Rollout ${rollout.name}` };
  }
  const ref = rollout.spec?.workloadRef;
  if (!isPlainObject(ref) || typeof ref.name !== 'string' || typeof ref.kind !== 'string') return undefined;
  const group = typeof ref.apiVersion === 'string' && ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  const target = model.find(group, ref.kind, rollout.namespace, ref.name);
  const labels = target?.source.manifest?.spec?.template?.metadata?.labels;
  if (!target || !isPlainObject(labels)) return undefined;
  return { labels: stringMap(labels), from: `the pod template of ${ref.kind} ${ref.name}, which Rollout ${rollout.name} references` };
}

/** An analysis template a Rollout runs, with where it is named. */
export interface RolloutTemplateRef {
  readonly templateName: string;
  readonly clusterScope: boolean;
  readonly path: Array<string | number>;
}

/** The templates of a Rollout's analysis steps and background analysis. */
export function rolloutAnalysisTemplates(rollout: ObjectRecord): RolloutTemplateRef[] {
  const refs: RolloutTemplateRef[] = [];
  const read = (analysis: unknown, path: Array<string | number>) => {
    if (!isPlainObject(analysis) || !Array.isArray(analysis.templates)) return;
    analysis.templates.forEach((t: unknown, i: number) => {
      if (isPlainObject(t) && typeof t.templateName === 'string' && t.templateName !== '') {
        refs.push({ templateName: t.templateName, clusterScope: t.clusterScope === true, path: [...path, 'templates', i, 'templateName'] });
      }
    });
  };
  const canary = rollout.spec?.strategy?.canary;
  if (!isPlainObject(canary)) return refs;
  if (Array.isArray(canary.steps)) {
    canary.steps.forEach((s: unknown, i: number) => {
      if (isPlainObject(s)) read(s.analysis, ['spec', 'strategy', 'canary', 'steps', i, 'analysis']);
    });
  }
  read(canary.analysis, ['spec', 'strategy', 'canary', 'analysis']);
  return refs;
}

/**
 * The host whose VirtualService and DestinationRules a Flagger Canary writes: `service.name`,
 * else the target's name, in the Canary's namespace (Flagger's apex service).
 */
export function flaggerApexName(canary: ObjectRecord): string | undefined {
  const name = canary.spec?.service?.name ?? canary.spec?.targetRef?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
