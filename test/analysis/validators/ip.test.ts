import { cidrProblem, ipOrCidrProblem, isIpAddress } from '../../../src/analysis/validators/ip';

describe('IP and CIDR checks', () => {
  test('parses like Go netip', () => {
    expect(isIpAddress('010.0.0.1')).toBe(false);
    expect(isIpAddress('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpAddress('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(isIpAddress('1::2::3')).toBe(false);
    expect(cidrProblem('fe80::1%eth0/64')).toContain('zone');
    expect(cidrProblem('10.0.0.0/08')).toContain('leading zeros');
    expect(ipOrCidrProblem('::/0')).toBeUndefined();
  });
});
