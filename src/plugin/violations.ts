import { Violation, ViolatingResource, ValidationContextLike } from './cdk8s-validation-api';
import { IGNORE_ANNOTATION } from '../analysis/analysis-run';
import { Diagnostic } from '../analysis/diagnostic';
import { isPlainObject, ManifestSource } from '../analysis/manifest';

/** Location written for a finding about the whole object (its JSON path is empty). */
export const WHOLE_OBJECT = '(whole object)';

/** The synthesized objects, and how many objects carry each name. */
export interface SynthesizedObjects {
  readonly sources: ManifestSource[];
  /**
   * How many objects carry each `metadata.name`. cdk8s records construct paths by name only
   * (`construct-metadata.json`), so a name shared by several objects (a Service, VirtualService and
   * DestinationRule all called `reviews`) does not say which construct made each of them.
   */
  readonly nameCount: ReadonlyMap<string, number>;
}

/**
 * Reads every synthesized manifest through the CLI's own parser. Each object knows its file and,
 * when the construct metadata identifies it, the path of the construct that made it:
 *
 * - a name unique in the app: the path recorded for that name;
 * - a shared name: cdk8s recorded the path of one of the objects. It is given to the object whose
 *   kind is the last id of that path (`shop/reviews/VirtualService` → the VirtualService, as
 *   MeshService names its objects after their kind) when only one object of that kind has the
 *   name; the others get no construct path rather than a wrong one.
 */
export function readSynthesizedObjects(context: ValidationContextLike): SynthesizedObjects {
  const found: Array<{ manifest: Record<string, any>; file: string }> = [];
  for (const file of context.manifests) {
    for (const doc of context.parseManifest(file)) {
      if (isPlainObject(doc) && typeof doc.apiVersion === 'string' && typeof doc.kind === 'string') {
        found.push({ manifest: doc, file });
      }
    }
  }
  const nameCount = new Map<string, number>();
  const kindCount = new Map<string, number>();
  for (const { manifest } of found) {
    const name = nameOf(manifest);
    nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
    const key = JSON.stringify([name, manifest.kind]);
    kindCount.set(key, (kindCount.get(key) ?? 0) + 1);
  }
  const metadata = context.metadata ?? {};
  const sources = found.map(({ manifest, file }): ManifestSource => {
    const name = nameOf(manifest);
    const recorded = metadata[name]?.path;
    let constructPath: string | undefined;
    if (recorded && nameCount.get(name) === 1) {
      constructPath = recorded;
    } else if (recorded && lastId(recorded) === manifest.kind && kindCount.get(JSON.stringify([name, manifest.kind])) === 1) {
      constructPath = recorded;
    }
    return { manifest, file, ...(constructPath ? { constructPath } : {}) };
  });
  return { sources, nameCount };
}

/**
 * The `resourceName` of a violating object. The CLI turns it into a construct path by looking it
 * up in the construct metadata, keyed by `metadata.name`. The plain name is written when that
 * lookup finds this object's construct (or finds nothing); otherwise, for a name shared with
 * other objects, the name is qualified with kind and namespace (`DestinationRule shop/reviews`),
 * so that the report says which object it is instead of showing another object's construct path.
 */
export function resourceName(d: Diagnostic, nameCount: ReadonlyMap<string, number>): string {
  if (d.constructPath !== undefined || (nameCount.get(d.resource.name) ?? 0) <= 1) return d.resource.name;
  const ns = d.resource.namespace ? `${d.resource.namespace}/` : '';
  return `${d.resource.kind} ${ns}${d.resource.name}`;
}

/**
 * Turns diagnostics into cdk8s violations: one violation per rule and message (so the report
 * counts the occurrences of the same mistake), listing each object once with the JSON paths of
 * the fields at fault as its locations. Order follows the diagnostics (errors first).
 */
export function toViolations(diagnostics: readonly Diagnostic[], nameCount: ReadonlyMap<string, number>): Violation[] {
  const violations = new Map<string, { violation: Violation; resources: Map<string, ViolatingResource> }>();
  for (const d of diagnostics) {
    const key = JSON.stringify([d.ruleId, d.severity, d.message, d.fix ?? null]);
    let entry = violations.get(key);
    if (!entry) {
      entry = {
        violation: { ruleName: d.ruleId, recommendation: recommendation(d), fix: fixText(d), violatingResources: [] },
        resources: new Map(),
      };
      violations.set(key, entry);
    }
    const name = resourceName(d, nameCount);
    const manifestPath = d.file ?? '';
    const resourceKey = JSON.stringify([name, manifestPath]);
    let resource = entry.resources.get(resourceKey);
    if (!resource) {
      resource = { resourceName: name, manifestPath, locations: [] };
      entry.resources.set(resourceKey, resource);
      entry.violation.violatingResources.push(resource);
    }
    const location = d.path === '' ? WHOLE_OBJECT : d.path;
    if (!resource.locations.includes(location)) resource.locations.push(location);
  }
  return [...violations.values()].map((e) => e.violation);
}

/** `error [IST0101]: <what is wrong>` — the severity comes first, as only some findings fail. */
function recommendation(d: Diagnostic): string {
  const code = d.istioCode ? ` [${d.istioCode}]` : '';
  return `${d.severity}${code}: ${d.message}`;
}

function fixText(d: Diagnostic): string {
  if (d.fix) return d.fix;
  return `Run 'cdk8s-istio lint --explain ${d.ruleId}' for what the rule checks. ` +
    `If the configuration is intended, list ${d.ruleId} in the plugin's ignoreRules, or annotate the object with ${IGNORE_ANNOTATION}: "${d.ruleId}".`;
}

function lastId(constructPath: string): string {
  return constructPath.slice(constructPath.lastIndexOf('/') + 1);
}

function nameOf(manifest: Record<string, any>): string {
  const meta = manifest.metadata;
  return isPlainObject(meta) && typeof meta.name === 'string' ? meta.name : '';
}
