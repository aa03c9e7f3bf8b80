/**
 * Changes to the headers of a request (before it is forwarded) or of a response (before it is
 * returned to the caller). Values may use Envoy's `%VARIABLE%` substitutions; write a literal
 * `%` as `%%`.
 */
export interface HeaderOperations {
  /**
   * Headers to write, replacing any value already there.
   * @default - none
   */
  readonly set?: { [name: string]: string };

  /**
   * Headers to append to (a header already present gets the value added to its list).
   * @default - none
   */
  readonly add?: { [name: string]: string };

  /**
   * Names of headers to remove.
   * @default - none
   */
  readonly remove?: string[];
}
