import { isMaglevPrime, localityListProblem, nextMaglevPrime } from '../../../src/analysis/validators/load-balancer';

describe('isMaglevPrime (Envoy\'s test, copied by Istio)', () => {
  test('primes, and Envoy\'s quirk that 1 counts', () => {
    for (const n of [1, 2, 3, 5, 65537, 1000003]) expect(isMaglevPrime(n)).toBe(true);
    for (const n of [0, 4, 9, 65536, 1000000]) expect(isMaglevPrime(n)).toBe(false);
    expect(nextMaglevPrime(65536)).toBe(65537);
  });
});

describe('localityListProblem', () => {
  test('accepts distinct regions, zones and subzones with trailing wildcards', () => {
    expect(localityListProblem(['us-east/zone1/*', 'us-east/zone2/a', 'us-west/*', 'eu'])).toBeUndefined();
  });

  test('refuses a wildcard that is not last, or more than one', () => {
    expect(localityListProblem(['us-*/zone1'])).toMatchObject({ locality: 'us-*/zone1' });
    expect(localityListProblem(['*/*'])).toMatchObject({ reason: expect.stringContaining('at most one') });
  });

  test('refuses empty parts', () => {
    expect(localityListProblem(['us-east//a'])).toMatchObject({ reason: expect.stringContaining('empty') });
  });

  test('refuses overlaps with an earlier locality', () => {
    expect(localityListProblem(['us-east', 'us-east/zone1'])).toMatchObject({ locality: 'us-east/zone1' });
    expect(localityListProblem(['us-east/zone1/*', 'us-east/zone1/a'])).toMatchObject({ locality: 'us-east/zone1/a' });
    expect(localityListProblem(['*', 'eu'])).toMatchObject({ locality: 'eu' });
    expect(localityListProblem(['us-east/zone1', 'us-east/zone1'])).toBeDefined();
  });
});
