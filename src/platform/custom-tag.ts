import { headerLineBreakProblem } from '../analysis/validators/http';
import { RenderContext } from '../private/render-context';

/**
 * A tag Istio adds to every trace span, with its value from a literal, an environment variable of
 * the proxy, or a request header. Custom tags given in a Telemetry replace, as a whole, those of
 * the levels above it (mesh → namespace → workload).
 */
export class CustomTag {
  /**
   * The same value on every span.
   * @param value the tag value, not empty
   */
  public static literal(value: string): CustomTag {
    if (typeof value !== 'string' || value === '') {
      throw new Error(`CustomTag.literal(): value is ${JSON.stringify(value)}; write a non-empty tag value.`);
    }
    return new CustomTag('literal', { value });
  }

  /**
   * The value of an environment variable of the proxy container, e.g. `POD_NAME` or
   * `ISTIO_META_CLUSTER_ID`.
   * @param name the variable's name
   * @param defaultValue used when the variable is not set
   * @default defaultValue - the tag is left empty
   */
  public static environment(name: string, defaultValue?: string): CustomTag {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new Error(`CustomTag.environment(): name is ${JSON.stringify(name)}; write the environment variable's name.`);
    }
    return new CustomTag('environment', defaultValue === undefined ? { name } : { name, defaultValue });
  }

  /**
   * The value of a request header.
   * @param name the header's name
   * @param defaultValue used when the request has no such header
   * @default defaultValue - the tag is left empty
   */
  public static header(name: string, defaultValue?: string): CustomTag {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new Error(`CustomTag.header(): name is ${JSON.stringify(name)}; write the header's name, e.g. 'x-request-source'.`);
    }
    const problem = headerLineBreakProblem(name) ?? (defaultValue !== undefined ? headerLineBreakProblem(defaultValue) : undefined);
    if (problem) {
      const field = headerLineBreakProblem(name) ? 'name' : 'defaultValue';
      throw new Error(`CustomTag.header(): ${field} is ${JSON.stringify(field === 'name' ? name : defaultValue)}: ${problem}; write it on one line.`);
    }
    return new CustomTag('header', defaultValue === undefined ? { name } : { name, defaultValue });
  }

  /** Where the value comes from: `literal`, `environment` or `header`. */
  public readonly source: string;
  private readonly body: Record<string, string>;

  private constructor(source: string, body: Record<string, string>) {
    this.source = source;
    this.body = body;
  }

  /**
   * The Istio JSON of this tag.
   * @internal
   */
  public _render(_ctx: RenderContext): any {
    return { [this.source]: { ...this.body } };
  }
}
