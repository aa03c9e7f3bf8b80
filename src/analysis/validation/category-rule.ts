import { Severity } from '../diagnostic';
import { PathSegments } from '../json-path';
import { ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { Report, Rule } from '../rule';

/** One webhook finding on an object, tagged with the rule (category) that reports it. */
export interface Problem<C extends string> {
  readonly category: C;
  readonly path: PathSegments;
  readonly message: string;
  readonly fix: string;
}

/**
 * Reads an object's problems once per object (the rules of one kind share a reading), keyed by
 * the object record, which lives as long as its model.
 */
export function memoize<T>(read: (o: ObjectRecord) => T): (o: ObjectRecord) => T {
  const cache = new WeakMap<ObjectRecord, T>();
  return (o) => {
    let v = cache.get(o);
    if (v === undefined) {
      v = read(o);
      cache.set(o, v);
    }
    return v;
  };
}

/** Definition of a rule that reports one category of a kind's webhook problems. */
export interface CategoryRuleProps<C extends string> {
  readonly id: string;
  readonly severity: Severity;
  readonly istioCode?: string;
  readonly summary: string;
  readonly category: C;
  readonly objects: (model: MeshModel) => ObjectRecord[];
  readonly problems: (o: ObjectRecord) => ReadonlyArray<Problem<C>>;
}

/** A rule reporting every problem of one category. */
export function categoryRule<C extends string>(props: CategoryRuleProps<C>): Rule {
  return {
    id: props.id,
    severity: props.severity,
    ...(props.istioCode ? { istioCode: props.istioCode } : {}),
    summary: props.summary,
    check(model: MeshModel, report: Report): void {
      for (const o of props.objects(model)) {
        for (const p of props.problems(o)) {
          if (p.category === props.category) report({ object: o, path: p.path, message: p.message, fix: p.fix });
        }
      }
    },
  };
}

