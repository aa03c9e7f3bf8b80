import { RenderContext } from '../private/render-context';

/**
 * What a metrics override does to one tag (dimension, or Prometheus label) of the selected
 * metrics: set it from an expression, or remove it.
 */
export class TagOverride {
  /**
   * Adds the tag, or replaces its value, with a CEL expression over Envoy's attributes, e.g.
   * `request.host` or `string(destination.port)`.
   * @param value the CEL expression, not empty
   */
  public static upsert(value: string): TagOverride {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(`TagOverride.upsert(): value is ${JSON.stringify(value)}; Istio needs an expression for an UPSERT, e.g. 'request.host'. To drop the tag use TagOverride.remove().`);
    }
    return new TagOverride('UPSERT', value);
  }

  /** Removes the tag from the metrics. */
  public static remove(): TagOverride {
    return new TagOverride('REMOVE', undefined);
  }

  /** `UPSERT` or `REMOVE`. */
  public readonly operation: string;
  /** The expression, for `UPSERT`. */
  public readonly value?: string;

  private constructor(operation: string, value: string | undefined) {
    this.operation = operation;
    this.value = value;
  }

  /**
   * The Istio JSON of this override.
   * @internal
   */
  public _render(_ctx: RenderContext): any {
    return this.value === undefined ? { operation: this.operation } : { operation: this.operation, value: this.value };
  }
}
