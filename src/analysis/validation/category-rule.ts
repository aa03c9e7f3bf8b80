import { PathSegments } from '../json-path';
import { ObjectRecord } from '../manifest';
import { MeshModel } from '../model';
import { Report, Rule, RuleInfo } from '../rule';

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

/** A rule that reports one category of a kind's webhook problems: its metadata plus where the problems come from. */
export interface CategoryRuleProps<C extends string> extends RuleInfo {
  /** The category of problems this rule reports. */
  readonly category: C;
  /** The objects of the kind. */
  readonly objects: (model: MeshModel) => ObjectRecord[];
  /** The kind's validator: every problem of one object, each tagged with its category. */
  readonly problems: (o: ObjectRecord) => ReadonlyArray<Problem<C>>;
}

/** A webhook rule = one category of its kind's validator. */
export function categoryRule<C extends string>(props: CategoryRuleProps<C>): Rule {
  const { category, objects, problems, ...info } = props;
  return {
    ...info,
    check(model: MeshModel, report: Report): void {
      for (const o of objects(model)) {
        for (const p of problems(o)) {
          if (p.category === category) report({ object: o, path: p.path, message: p.message, fix: p.fix });
        }
      }
    },
  };
}

