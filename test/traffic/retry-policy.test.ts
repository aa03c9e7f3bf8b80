import { Duration } from 'cdk8s';
import { renderRoute, reviewsApp, synthRoutes } from './resilience-helpers';
import { RetryOn, RetryPolicy } from '../../src';

describe('RetryPolicy', () => {
  test('renders attempts, perTryTimeout and the retry conditions joined by commas', () => {
    const route = renderRoute({
      retries: RetryPolicy.of({
        attempts: 3,
        perTryTimeout: Duration.seconds(2),
        retryOn: [RetryOn.GATEWAY_ERROR, RetryOn.CONNECT_FAILURE, RetryOn.REFUSED_STREAM],
      }),
    });
    expect(route.retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: 'gateway-error,connect-failure,refused-stream' });
  });

  test('none() renders attempts 0 and nothing else, which turns Istio\'s default retries off', () => {
    expect(renderRoute({ retries: RetryPolicy.none() }).retries).toEqual({ attempts: 0 });
  });

  test('a route without a retry policy writes no retries field, leaving Istio\'s default retries', () => {
    expect(renderRoute({}).retries).toBeUndefined();
  });

  test('renders retryRemoteLocalities, retryIgnorePreviousHosts and backoff', () => {
    const route = renderRoute({
      retries: RetryPolicy.of({ attempts: 2, retryRemoteLocalities: true, retryIgnorePreviousHosts: false, backoff: Duration.millis(50) }),
    });
    expect(route.retries).toEqual({ attempts: 2, retryRemoteLocalities: true, retryIgnorePreviousHosts: false, backoff: '50ms' });
  });

  test('a policy without retryOn writes no retryOn, so Istio keeps its default conditions', () => {
    expect(renderRoute({ retries: RetryPolicy.of({ attempts: 4 }) }).retries).toEqual({ attempts: 4 });
  });

  test('status codes sit in retryOn next to the named conditions', () => {
    const retryOn = [RetryOn.CONNECT_FAILURE, RetryOn.statusCode(503), RetryOn.statusCode(504)];
    const route = renderRoute({ retries: RetryPolicy.of({ attempts: 2, retryOn }) });
    expect(route.retries.retryOn).toBe('connect-failure,503,504');
  });

  test('a condition listed twice is written once', () => {
    const route = renderRoute({ retries: RetryPolicy.of({ attempts: 2, retryOn: [RetryOn.RESET, RetryOn.RESET, RetryOn.of('reset')] }) });
    expect(route.retries.retryOn).toBe('reset');
  });

  test('the policy exposes its settings', () => {
    const policy = RetryPolicy.of({ attempts: 3, perTryTimeout: Duration.seconds(1) });
    expect(policy.attempts).toBe(3);
    expect(policy.perTryTimeout?.toSeconds()).toBe(1);
    expect(RetryPolicy.none().attempts).toBe(0);
  });

  test('negative attempts are rejected with the construct path, the prop, the value and the fix', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'api', retries: RetryPolicy.of({ attempts: -1 }) }))
      .toThrow("shop/reviews: route 'api' retries.attempts is -1; write a whole number of retries of 0 or more (0 turns retries off: RetryPolicy.none()).");
  });

  test('fractional attempts are rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ retries: RetryPolicy.of({ attempts: 1.5 }) })).toThrow(/route \(unnamed\) retries\.attempts is 1\.5/);
  });

  test('attempts 0 together with other settings is rejected, pointing to RetryPolicy.none()', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ retries: RetryPolicy.of({ attempts: 0, perTryTimeout: Duration.seconds(1), retryOn: [RetryOn.RESET] }) }))
      .toThrow(/retries has attempts 0 \(retries off\) but also sets perTryTimeout, retryOn; Istio rejects that\. Use RetryPolicy\.none\(\)/);
  });

  test('an empty retryOn list is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ retries: RetryPolicy.of({ attempts: 1, retryOn: [] }) })).toThrow(/retries\.retryOn is empty; list at least one condition/);
  });

  test('a NaN perTryTimeout is rejected naming the prop', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ retries: RetryPolicy.of({ attempts: 1, perTryTimeout: Duration.millis(NaN) }) }))
      .toThrow(/retries\.perTryTimeout is NaN ms; a duration is a finite amount of 0 or more/);
  });

  test('updateRetries after construction is reflected in the manifest', () => {
    const { chart, reviews } = reviewsApp();
    const route = reviews.addRoute({ retries: RetryPolicy.of({ attempts: 5 }) });
    route.updateRetries(RetryPolicy.none());
    expect(route.retries?.attempts).toBe(0);
    expect(synthRoutes(chart)[0].retries).toEqual({ attempts: 0 });
  });

  test('updateRetries checks the new policy at once', () => {
    const { reviews } = reviewsApp();
    const route = reviews.addRoute({ name: 'r' });
    expect(() => route.updateRetries(RetryPolicy.of({ attempts: -2 }))).toThrow(/route 'r' retries\.attempts is -2/);
    expect(route.retries).toBeUndefined();
  });
});
