import { Severity } from '../../diagnostic';
import { unreadableTarget } from '../../facts/decodable';
import { INTERNAL_GATEWAY_MARKERS } from '../../facts/virtualservice-destinations';
import { isPlainObject, ObjectRecord } from '../../manifest';
import { MeshModel, NETWORKING_GROUP } from '../../model';
import { GATEWAY_API_GROUP, push, resolveGatewayRef } from '../../resources/gateway-refs';
import { arrayOf, MESH_GATEWAY, ROUTE_LIST_KINDS, routeList } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const virtualServiceGatewayNotFound: Rule = {
  id: 'virtualservice-gateway-not-found',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  summary: 'A VirtualService is bound to a Gateway that does not exist in the analysed manifests.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ReferencedResourceNotFound (IST0101)',
  docs: 'A VirtualService names a Gateway (in `spec.gateways` or in a route match\'s `gateways`) that is\n' +
    'not in the analysed set. The reserved name `mesh` (every sidecar) is always valid. Like\n' +
    '`istioctl analyze`, a missing Gateway is reported wherever it would live: a VirtualService can\n' +
    'only bind to `networking.istio.io` Gateways, so a Gateway API Gateway of that name does not count.\n' +
    'A Gateway Istio cannot decode (a field of the wrong JSON type, an integer its protobuf type cannot\n' +
    'hold, an unknown enum name) counts as missing too, since istioctl and the API server drop it; the\n' +
    'message then says the Gateway is present but unreadable.\n' +
    'A missing Gateway named only in a match\'s `gateways` is a warning: istioctl checks `spec.gateways`\n' +
    'alone, and such a match is dead (it never applies) rather than broken.\n' +
    'A Gateway that only appears as a kustomize patch document (which istioctl reads as the Gateway) is a\n' +
    'warning: it comes from a kustomize base that is not among the analysed files.',
  fields: 'spec.gateways, match[].gateways',
  fix: 'Create the Gateway, fix its namespace/name, or remove it from gateways.',
  check(model: MeshModel, report: Report): void {
    // Gateway names by namespace and namespaces by name, for "did you mean" hints.
    const namesByNamespace = new Map<string, string[]>();
    const namespacesByName = new Map<string, string[]>();
    for (const gw of model.gateways()) {
      push(namesByNamespace, gw.namespace, gw.name);
      push(namespacesByName, gw.name, gw.namespace);
    }

    const checkRef = (vs: ObjectRecord, ref: unknown, path: Array<string | number>, inMatch = false) => {
      // Gateways Istio generates for Gateway API gateways are virtualservice-internal-gateway-reference's (IST0165).
      if (typeof ref !== 'string' || ref === MESH_GATEWAY || INTERNAL_GATEWAY_MARKERS.some((m) => ref.includes(m))) return;
      if (ref === '') {
        // istioctl looks an empty entry up like any other name, and finds no Gateway.
        report({
          object: vs,
          path,
          // In a match, istioctl does not look the name up: the match is dead, not the route.
          ...(inMatch ? { severity: Severity.WARNING } : {}),
          message: 'An empty gateway name names no Gateway, so the routes bound to it are never served.',
          fix: 'Name a Gateway ("<namespace>/<name>" or a name in this namespace), use "mesh" for sidecars, or remove the empty entry.',
        });
        return;
      }
      const { namespace, name } = resolveGatewayRef(ref, vs.namespace);
      const resolved = ref === `${namespace}/${name}` ? '' : ` (resolved to ${namespace}/${name})`;
      const gateway = model.find(NETWORKING_GROUP, 'Gateway', namespace, name);
      if (gateway) {
        // istioctl drops a Gateway it cannot decode, so the reference finds nothing, as in a cluster
        // (where the API server refuses that Gateway).
        const unreadable = unreadableTarget(model, gateway);
        if (unreadable === undefined) return;
        report({
          object: vs,
          path,
          ...(inMatch ? { severity: Severity.WARNING } : {}),
          message: `Gateway "${ref}"${resolved}: ${unreadable}, so ${inMatch ? 'this match never applies' : 'the routes bound to it are never served'}.`,
          fix: `Fix Gateway ${namespace}/${name} (its own schema errors say how); the reference is right.`,
        });
        return;
      }

      if (model.find(GATEWAY_API_GROUP, 'Gateway', namespace, name)) {
        report({
          object: vs,
          path,
          message:
            `Gateway "${ref}"${resolved} is a Gateway API (${GATEWAY_API_GROUP}) Gateway, but a VirtualService can only bind to ` +
            'an Istio networking.istio.io Gateway, so these routes are not applied to it.',
          fix: `Route through that Gateway with an HTTPRoute whose parentRefs name ${namespace}/${name}, or bind the VirtualService to an Istio Gateway.`,
        });
        return;
      }

      // A kustomize patch of this Gateway means a base defines it outside the analysed files;
      // istioctl counts the patch document as the Gateway, so this is no certain failure.
      const patch = model.skippedPatches.find((p) => p.record.group === NETWORKING_GROUP && p.record.kind === 'Gateway' &&
        p.record.namespace === namespace && p.record.name === name);
      if (patch) {
        report({
          object: vs,
          path,
          severity: Severity.WARNING,
          message:
            `Gateway "${ref}"${resolved} only appears as a kustomize patch (${patch.record.source.file ?? 'a patch document'}, ${patch.reason}), ` +
            'so whether it exists depends on the kustomize base, which is not among the analysed manifests.',
          fix: `Lint the output of \`kustomize build\` so the Gateway ${namespace}/${name} is analysed, or define it.`,
        });
        return;
      }

      const elsewhere = (namespacesByName.get(name) ?? []).filter((ns) => ns !== namespace);
      const here = namesByNamespace.get(namespace) ?? [];
      let fix: string;
      if (elsewhere.length > 0) {
        fix = `A Gateway named "${name}" exists in ${elsewhere.map((ns) => `namespace ${ns}`).join(', ')}: reference it as ` +
          `${elsewhere.map((ns) => `"${ns}/${name}"`).join(' or ')}.`;
      } else if (here.length > 0) {
        fix = `Use one of the Gateways of namespace ${namespace} (${here.map((n) => `"${n}"`).join(', ')}), or define Gateway ${namespace}/${name}.`;
      } else {
        fix =
          `Define a Gateway ${namespace}/${name}, reference an existing one as "<namespace>/<name>", or use "mesh" for sidecars. ` +
          `If the Gateway is managed outside this app, annotate the VirtualService with cdk8s-istio.io/ignore-rules: ${virtualServiceGatewayNotFound.id}.`;
      }
      report({
        object: vs,
        path,
        // istioctl only checks spec.gateways; a match naming a missing Gateway is dead, not broken.
        ...(inMatch ? { severity: Severity.WARNING } : {}),
        message: inMatch
          ? `Gateway "${ref}"${resolved} is not among the analysed manifests, so this match never applies.`
          : `Gateway "${ref}"${resolved} is not among the analysed manifests, so the routes bound to it are never served.`,
        fix,
      });
    };

    for (const vs of model.virtualServices()) {
      if (!isPlainObject(vs.spec)) continue;
      arrayOf(vs.spec.gateways).forEach((g, i) => checkRef(vs, g, ['spec', 'gateways', i]));
      for (const kind of ROUTE_LIST_KINDS) {
        routeList(vs, kind).forEach((route, i) => {
          if (!isPlainObject(route)) return;
          arrayOf(route.match).forEach((m, j) => {
            if (!isPlainObject(m)) return;
            arrayOf(m.gateways).forEach((g, k) => checkRef(vs, g, ['spec', kind, i, 'match', j, 'gateways', k], true));
          });
        });
      }
    }
  },
};
