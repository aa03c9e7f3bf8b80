import { NANOS_PER_MILLISECOND } from '../validators/duration';

export function roundDownToMs(nanos: bigint): bigint {
  const ms = nanos / NANOS_PER_MILLISECOND;
  return (ms < 1n ? 1n : ms) * NANOS_PER_MILLISECOND;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
