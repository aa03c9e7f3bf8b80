import { Duration } from 'cdk8s';
import { renderRoute, reviewsApp } from './resilience-helpers';
import { RetryOn, RetryPolicy } from '../../src';

describe('RetryOn', () => {
  test.each([
    [RetryOn.FIVE_XX, '5xx'],
    [RetryOn.GATEWAY_ERROR, 'gateway-error'],
    [RetryOn.RESET, 'reset'],
    [RetryOn.RESET_BEFORE_REQUEST, 'reset-before-request'],
    [RetryOn.CONNECT_FAILURE, 'connect-failure'],
    [RetryOn.RETRIABLE_4XX, 'retriable-4xx'],
    [RetryOn.REFUSED_STREAM, 'refused-stream'],
    [RetryOn.RETRIABLE_STATUS_CODES, 'retriable-status-codes'],
    [RetryOn.RETRIABLE_HEADERS, 'retriable-headers'],
    [RetryOn.ENVOY_RATELIMITED, 'envoy-ratelimited'],
    [RetryOn.HTTP3_POST_CONNECT_FAILURE, 'http3-post-connect-failure'],
    [RetryOn.CANCELLED, 'cancelled'],
    [RetryOn.DEADLINE_EXCEEDED, 'deadline-exceeded'],
    [RetryOn.INTERNAL, 'internal'],
    [RetryOn.RESOURCE_EXHAUSTED, 'resource-exhausted'],
    [RetryOn.UNAVAILABLE, 'unavailable'],
  ])('the constant for %s renders Envoy\'s name %s in retryOn', (condition, name) => {
    const route = renderRoute({ retries: RetryPolicy.of({ attempts: 1, retryOn: [condition] }) });
    expect(route.retries.retryOn).toBe(name);
  });

  test('statusCode() renders the code as a retryOn entry', () => {
    expect(RetryOn.statusCode(503).value).toBe('503');
  });

  test('of() renders a custom condition as given', () => {
    const route = renderRoute({ retries: RetryPolicy.of({ attempts: 1, retryOn: [RetryOn.of('reset'), RetryOn.statusCode(429)] }) });
    expect(route.retries.retryOn).toBe('reset,429');
  });

  test('a status code outside 100-599 is rejected with the route, the prop and the value', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'api', retries: RetryPolicy.of({ attempts: 1, retryOn: [RetryOn.statusCode(700)] }) }))
      .toThrow("shop/reviews: route 'api' retries.retryOn[0] is 700; RetryOn.statusCode() takes an HTTP status code from 100 to 599, e.g. 503.");
  });

  test('of() with a comma-separated list is rejected, asking for one RetryOn per condition', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ retries: RetryPolicy.of({ attempts: 1, retryOn: [RetryOn.of('reset,5xx')] }) }))
      .toThrow(/retries\.retryOn\[0\] is "reset,5xx"; RetryOn\.of\(\) takes one condition/);
  });

  test('of() with an empty string is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ retries: RetryPolicy.of({ attempts: 1, perTryTimeout: Duration.seconds(1), retryOn: [RetryOn.of('')] }) }))
      .toThrow(/retries\.retryOn\[0\] is ""/);
  });
});
