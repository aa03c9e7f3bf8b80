import {
  corsHeaderNameProblem,
  faultPercentageProblem,
  headerOperationNameProblem,
  headerValueProblem,
  invalidRetryOnPolicies,
  isIstioHttpStatus,
  isJwtClaimHeader,
  matchHeaderNameProblem,
  suggestGrpcStatus,
} from '../../../src/analysis/validators/http';

describe('invalidRetryOnPolicies', () => {
  test('accepts Envoy conditions and status codes Go knows', () => {
    expect(invalidRetryOnPolicies('5xx,gateway-error,reset,connect-failure,retriable-4xx,refused-stream,503,unavailable,cancelled')).toEqual([]);
    expect(invalidRetryOnPolicies('retriable-status-codes,reset-before-request,envoy-ratelimited,http3-post-connect-failure')).toEqual([]);
  });

  test('refuses unknown conditions, unknown status codes, spaces and empty entries', () => {
    expect(invalidRetryOnPolicies('5XX,509, reset,')).toEqual([
      { policy: '5XX', index: 0, suggestion: '5xx' },
      { policy: '509', index: 1, suggestion: '5xx' },
      { policy: ' reset', index: 2, suggestion: 'reset' },
      { policy: '', index: 3, suggestion: undefined },
    ]);
  });

  test('suggests the usual slips', () => {
    expect(invalidRetryOnPolicies('connection-failure')[0].suggestion).toBe('connect-failure');
    expect(invalidRetryOnPolicies('canceled')[0].suggestion).toBe('cancelled');
  });
});

describe('status codes', () => {
  test('abort/direct-response status is 200..600 inclusive, as Istio checks', () => {
    expect(isIstioHttpStatus(200)).toBe(true);
    expect(isIstioHttpStatus(600)).toBe(true);
    expect(isIstioHttpStatus(199)).toBe(false);
    expect(isIstioHttpStatus(601)).toBe(false);
  });

  test('gRPC status suggestions from numbers and other spellings', () => {
    expect(suggestGrpcStatus('14')).toBe('UNAVAILABLE');
    expect(suggestGrpcStatus('Unavailable')).toBe('UNAVAILABLE');
    expect(suggestGrpcStatus('NotFound')).toBe('NOT_FOUND');
    expect(suggestGrpcStatus('canceled')).toBe('CANCELLED');
    expect(suggestGrpcStatus('nope')).toBeUndefined();
  });
});

describe('header names', () => {
  test('match names: tokens, pseudo-headers and JWT claim keys', () => {
    expect(matchHeaderNameProblem('x-user')).toBeUndefined();
    expect(matchHeaderNameProblem(':authority')).toBeUndefined();
    expect(matchHeaderNameProblem('@request.auth.claims.group')).toBeUndefined();
    expect(matchHeaderNameProblem('@request.auth.claims[a][b]')).toBeUndefined();
    expect(matchHeaderNameProblem('x user')).toContain('" "');
    expect(matchHeaderNameProblem('')).toContain('empty');
    expect(isJwtClaimHeader('@request.auth.claims')).toBe(false);
  });

  test('operation names: authority may be set on requests only', () => {
    expect(headerOperationNameProblem(':authority', 'request-set')).toBeUndefined();
    expect(headerOperationNameProblem('Host', 'request-add')).toBeUndefined();
    expect(headerOperationNameProblem(':path', 'request-set')).toContain('pseudo-headers');
    expect(headerOperationNameProblem('host', 'request-remove')).toContain('Host');
    expect(headerOperationNameProblem('x-a', 'response-remove')).toBeUndefined();
  });

  test('CORS names allow *', () => {
    expect(corsHeaderNameProblem('*')).toBeUndefined();
    expect(corsHeaderNameProblem('x-a, x-b')).toBeDefined();
  });
});

describe('headerValueProblem (Envoy header formatter syntax)', () => {
  test.each(['plain', '100%%', '%HOSTNAME%', 'a %START_TIME% b', '%REQ(x-id)%', '%PER_REQUEST_STATE(a)%', 'tab\there'])('accepts %j', (v) => {
    expect(headerValueProblem(v)).toBeUndefined();
  });

  test.each([
    ['50%', 'lone "%"'],
    ['%START_TIME', 'not closed'],
    ['line\nbreak', 'U+000A'],
    ['%VAR(["a" x])%', 'expected ","'],
  ])('refuses %j', (v, why) => {
    expect(headerValueProblem(v)).toContain(why);
  });
});

describe('faultPercentageProblem', () => {
  test('0 or 0.0001..100', () => {
    expect(faultPercentageProblem(0)).toBeUndefined();
    expect(faultPercentageProblem(0.0001)).toBeUndefined();
    expect(faultPercentageProblem(100)).toBeUndefined();
    expect(faultPercentageProblem(0.00001)).toContain('0.0001');
    expect(faultPercentageProblem(101)).toContain('outside');
    expect(faultPercentageProblem(-1)).toContain('outside');
  });
});
