import { Severity } from '../../diagnostic';
import { capitalize, roundDownToMs } from '../../facts/retry-budget';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { durationNanos, formatDuration, NANOS_PER_MILLISECOND } from '../../validators/duration';

export const virtualServiceRetriesExceedTimeout: Rule = {
  id: 'virtualservice-retries-exceed-timeout',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  summary: 'A VirtualService route\'s attempts × perTryTimeout exceed its timeout, so the last retries are cut off by the route timeout.',
  origin: 'envoy',
  docs: 'An HTTP route whose retries cannot all happen within its timeout.\n' +
    '\n' +
    'Istio hands `retries.attempts` to Envoy as `num_retries`: retries *after* the first try, each\n' +
    'try (the first included) limited by `perTryTimeout`. The route `timeout` bounds the whole\n' +
    'request, every retry and the backoff between them (25 ms and up by default) included. When\n' +
    '`attempts × perTryTimeout` alone exceeds the timeout, then if the tries keep timing out, the\n' +
    'route timeout expires before the last configured retries can even start: the retry budget is\n' +
    'not what it looks like. (With the first try counted, up to `(attempts + 1) × perTryTimeout` is\n' +
    'needed; a timeout between the two only shortens the last retry, which is not reported, but the\n' +
    'suggested fixes make every try fit.)\n' +
    '\n' +
    'Only judged when `timeout`, `retries.attempts` and `retries.perTryTimeout` are all written:\n' +
    'without a `retries` block Istio\'s default applies (2 retries, no per-try timeout), and without\n' +
    '`perTryTimeout` each try may use whatever remains of the route timeout, which is by design.\n' +
    'A warning: Istio and Envoy accept it and requests still finish, but the configured retries do\n' +
    'not all happen.',
  fields: 'spec.http[].retries, timeout',
  fix: 'Raise the timeout to attempts × perTryTimeout, or lower attempts or perTryTimeout.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const timeout = durationNanos(r.route.timeout);
        const retries = r.route.retries;
        if (timeout === undefined || timeout < NANOS_PER_MILLISECOND || !isPlainObject(retries)) continue;
        const attempts = retries.attempts;
        const perTry = durationNanos(retries.perTryTimeout);
        if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts <= 0) continue;
        if (perTry === undefined || perTry < NANOS_PER_MILLISECOND) continue;
        const retryTime = BigInt(attempts) * perTry;
        if (retryTime <= timeout) continue;

        const tries = BigInt(attempts) + 1n;
        const fullTries = timeout / perTry; // tries that fit whole in the timeout
        const started = (timeout + perTry - 1n) / perTry; // tries that can at least start
        const remainder = timeout - fullTries * perTry;
        const neverStart = tries - started;
        const t = formatDuration(timeout);
        const p = formatDuration(perTry);
        const partial = remainder > 0n ? ` (the last of them cut to ${formatDuration(remainder)})` : '';
        const maxAttempts = fullTries - 1n;
        const options = [
          maxAttempts >= 1n ? `lower attempts to ${maxAttempts} (${fullTries} tries × ${p} = ${formatDuration(fullTries * perTry)})` : undefined,
          `raise timeout to at least ${formatDuration(tries * perTry)}`,
          `shorten perTryTimeout to at most ${formatDuration(roundDownToMs(timeout / tries))}`,
        ].filter((x): x is string => x !== undefined);
        report({
          object: vs,
          path: [...r.path, 'retries', 'perTryTimeout'],
          message:
            `${r.label}: attempts ${attempts} × perTryTimeout ${p} = ${formatDuration(retryTime)} > timeout ${t}. ` +
            `Counting the first try, ${tries} tries of up to ${p} need ${formatDuration(tries * perTry)}; when tries time out, only ` +
            `${started} can start before the route timeout${partial}, so ${neverStart} configured ${neverStart === 1n ? 'retry never happens' : 'retries never happen'}.`,
          fix: `${capitalize(options.join(', or '))}.`,
        });
      }
    }
  },
};
