import { Duration } from 'cdk8s';
import { renderRoute, reviewsApp, synthRoutes } from './resilience-helpers';
import { FaultInjection, GrpcStatus, RetryPolicy } from '../../src';

describe('FaultInjection', () => {
  test('a delay renders fixedDelay and the percentage as percentage.value', () => {
    const route = renderRoute({ fault: FaultInjection.delayRequests({ fixedDelay: Duration.seconds(5), percentage: 10 }) });
    expect(route.fault).toEqual({ delay: { fixedDelay: '5s', percentage: { value: 10 } } });
  });

  test('without a percentage a delay applies to every request, written as 100', () => {
    const route = renderRoute({ fault: FaultInjection.delayRequests({ fixedDelay: Duration.millis(700) }) });
    expect(route.fault.delay.percentage).toEqual({ value: 100 });
  });

  test('an abort with an HTTP status renders httpStatus and percentage', () => {
    const route = renderRoute({ fault: FaultInjection.abortRequests({ httpStatus: 503, percentage: 1 }) });
    expect(route.fault).toEqual({ abort: { httpStatus: 503, percentage: { value: 1 } } });
  });

  test('an abort with a gRPC status renders the status name', () => {
    const route = renderRoute({ fault: FaultInjection.abortRequests({ grpcStatus: GrpcStatus.UNAVAILABLE }) });
    expect(route.fault).toEqual({ abort: { grpcStatus: 'UNAVAILABLE', percentage: { value: 100 } } });
  });

  test('of() renders a delay and an abort together', () => {
    const route = renderRoute({
      fault: FaultInjection.of({ delay: { fixedDelay: Duration.seconds(2), percentage: 50 }, abort: { httpStatus: 500, percentage: 5 } }),
    });
    expect(route.fault).toEqual({
      delay: { fixedDelay: '2s', percentage: { value: 50 } },
      abort: { httpStatus: 500, percentage: { value: 5 } },
    });
  });

  test('a fractional percentage is kept as a double', () => {
    const route = renderRoute({ fault: FaultInjection.abortRequests({ httpStatus: 503, percentage: 0.1 }) });
    expect(route.fault.abort.percentage).toEqual({ value: 0.1 });
  });

  test('the route still forwards to its destinations while the fault is set', () => {
    const route = renderRoute({ fault: FaultInjection.abortRequests({ httpStatus: 503, percentage: 1 }) });
    expect(route.route).toEqual([{ destination: { host: 'reviews.shop.svc.cluster.local' } }]);
  });

  test('a percentage above 100 is rejected with the route, the prop and the value', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'chaos', fault: FaultInjection.delayRequests({ fixedDelay: Duration.seconds(1), percentage: 140 }) }))
      .toThrow("shop/reviews: route 'chaos' fault.delay.percentage is 140; a percentage of requests is a number from 0 to 100, e.g. 0.5 or 10.");
  });

  test('a negative abort percentage is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ fault: FaultInjection.abortRequests({ httpStatus: 503, percentage: -1 }) })).toThrow(/fault\.abort\.percentage is -1/);
  });

  test('an abort with both an HTTP and a gRPC status is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ fault: FaultInjection.abortRequests({ httpStatus: 503, grpcStatus: GrpcStatus.INTERNAL }) }))
      .toThrow(/fault\.abort has both httpStatus 503 and grpcStatus INTERNAL; give exactly one/);
  });

  test('an abort with no status is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ fault: FaultInjection.abortRequests({ percentage: 10 }) }))
      .toThrow(/fault\.abort has neither httpStatus nor grpcStatus; give exactly one/);
  });

  test('an HTTP status outside 200-599 is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ fault: FaultInjection.abortRequests({ httpStatus: 700 }) }))
      .toThrow(/fault\.abort\.httpStatus is 700; Istio answers with an HTTP status from 200 to 599/);
  });

  test('a fault with neither delay nor abort is rejected', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ fault: FaultInjection.of({}) })).toThrow(/fault has neither delay nor abort/);
  });

  test('a NaN delay is rejected naming fixedDelay', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ fault: FaultInjection.delayRequests({ fixedDelay: Duration.seconds(NaN) }) }))
      .toThrow(/fault\.delay\.fixedDelay is NaN ms/);
  });

  test('a fault on a redirecting route is rejected: Istio injects faults only into forwarded requests', () => {
    const { reviews } = reviewsApp();
    expect(() => reviews.addRoute({ name: 'old', redirect: { uri: '/new' }, fault: FaultInjection.abortRequests({ httpStatus: 503 }) }))
      .toThrow("shop/reviews: route 'old' sets both redirect and fault; Istio injects faults only into forwarded requests. Remove the fault, or forward the requests instead.");
  });

  test('updateFault on a direct-response route is rejected', () => {
    const { reviews } = reviewsApp();
    const route = reviews.addRoute({ directResponse: { status: 404 } });
    expect(() => route.updateFault(FaultInjection.abortRequests({ httpStatus: 503 }))).toThrow(/sets both directResponse and fault/);
  });

  test('updateFault after construction is reflected in the manifest, next to the retries', () => {
    const { chart, reviews } = reviewsApp();
    const route = reviews.addRoute({ retries: RetryPolicy.of({ attempts: 2 }) });
    route.updateFault(FaultInjection.delayRequests({ fixedDelay: Duration.seconds(3), percentage: 20 }));
    const rendered = synthRoutes(chart)[0];
    expect(rendered.fault).toEqual({ delay: { fixedDelay: '3s', percentage: { value: 20 } } });
    expect(rendered.retries).toEqual({ attempts: 2 });
  });
});
