import { isPlainObject } from '../manifest';

export const CONFIGMAP_PREFIX = 'configmap://';

/** Whether `insecureSkipVerify` is true (a BoolValue: plain boolean in JSON, or `{ value }`). */
export function skipsVerify(tls: Record<string, any>): boolean {
  const v = tls.insecureSkipVerify;
  return v === true || (isPlainObject(v) && v.value === true);
}
