import { Duration } from 'cdk8s';
import { attach, renderedPolicy } from './traffic-policy-helpers';

describe('OutlierDetection', () => {
  test('renders error thresholds, sweep interval, ejection time and percentages', () => {
    const policy = renderedPolicy({
      outlierDetection: {
        consecutive5xxErrors: 7,
        consecutiveGatewayErrors: 3,
        interval: Duration.minutes(5),
        baseEjectionTime: Duration.minutes(15),
        maxEjectionPercent: 50,
        minHealthPercent: 30,
      },
    });
    expect(policy.outlierDetection).toEqual({
      consecutive5xxErrors: 7,
      consecutiveGatewayErrors: 3,
      interval: '5m',
      baseEjectionTime: '15m',
      maxEjectionPercent: 50,
      minHealthPercent: 30,
    });
  });

  test('keeps an empty outlierDetection, which turns it on with Istio\'s defaults', () => {
    expect(renderedPolicy({ outlierDetection: {} }).outlierDetection).toEqual({});
  });

  test('renders a threshold of 0, which turns that check off', () => {
    expect(renderedPolicy({ outlierDetection: { consecutive5xxErrors: 0 } }).outlierDetection).toEqual({ consecutive5xxErrors: 0 });
  });

  test('turns splitExternalLocalOriginErrors on when consecutiveLocalOriginFailures is set', () => {
    const policy = renderedPolicy({ outlierDetection: { consecutiveLocalOriginFailures: 4 } });
    expect(policy.outlierDetection).toEqual({ consecutiveLocalOriginFailures: 4, splitExternalLocalOriginErrors: true });
  });

  test('renders splitExternalLocalOriginErrors on its own', () => {
    const policy = renderedPolicy({ outlierDetection: { splitExternalLocalOriginErrors: true } });
    expect(policy.outlierDetection).toEqual({ splitExternalLocalOriginErrors: true });
  });

  test('rejects consecutiveLocalOriginFailures with splitExternalLocalOriginErrors false', () => {
    expect(attach({ outlierDetection: { consecutiveLocalOriginFailures: 4, splitExternalLocalOriginErrors: false } }))
      .toThrow(/^shop\/api: trafficPolicy\.outlierDetection sets consecutiveLocalOriginFailures \(4\) with splitExternalLocalOriginErrors: false/);
  });

  test('rejects maxEjectionPercent above 100', () => {
    expect(attach({ outlierDetection: { maxEjectionPercent: 150 } }))
      .toThrow(/^shop\/api: trafficPolicy\.outlierDetection\.maxEjectionPercent is 150; a percentage is a whole number from 0 to 100\.$/);
  });

  test('rejects a negative minHealthPercent', () => {
    expect(attach({ outlierDetection: { minHealthPercent: -1 } }))
      .toThrow(/trafficPolicy\.outlierDetection\.minHealthPercent is -1/);
  });

  test('rejects a fractional error count', () => {
    expect(attach({ outlierDetection: { consecutive5xxErrors: 1.5 } }))
      .toThrow(/trafficPolicy\.outlierDetection\.consecutive5xxErrors is 1.5; Istio takes a whole number from 0 to 4294967295/);
  });
});
