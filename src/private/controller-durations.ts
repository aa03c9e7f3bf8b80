/**
 * Durations as the progressive-delivery controllers read them. Internal.
 *
 * Argo Rollouts and Flagger take whole seconds or minutes (`30s`, `5m`): Flagger's CRD only
 * accepts `^[0-9]+(m|s)`, and both controllers' loops run no finer. A Duration that is not a whole
 * number of seconds is refused here, naming the prop, instead of being rounded behind the user's back.
 */
import { Duration } from 'cdk8s';
import { RenderContext } from './render-context';

/** `90s`, `5m`: the largest of minutes or seconds that holds the duration exactly. */
export function controllerDuration(ctx: RenderContext, duration: Duration): string {
  if (!(duration instanceof Duration)) {
    return ctx.fail(`is ${String(duration)}, not a Duration`, 'write e.g. Duration.minutes(1).');
  }
  const millis = duration.toMilliseconds({ integral: false });
  if (!Number.isFinite(millis) || millis < 1000 || millis % 1000 !== 0) {
    return ctx.fail(`is ${millis} ms`, 'the controller counts whole seconds of at least 1; write e.g. Duration.seconds(30).');
  }
  const seconds = millis / 1000;
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

/** Checks a whole number in [min, max] (percentages, counts) and returns it. */
export function wholeNumber(ctx: RenderContext, value: number, min: number, max: number, example: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return ctx.fail(`is ${value}`, `write a whole number from ${min} to ${max}, e.g. ${example}.`);
  }
  return value;
}
