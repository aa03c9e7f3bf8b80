import { RequestPrincipal } from '../../src';

describe('RequestPrincipal', () => {
  test('of joins issuer and subject with a slash', () => {
    expect(RequestPrincipal.of('https://auth.example.com', 'user-1').value).toBe('https://auth.example.com/user-1');
  });

  test('fromIssuer matches every subject of the issuer', () => {
    expect(RequestPrincipal.fromIssuer('https://auth.example.com').value).toBe('https://auth.example.com/*');
  });

  test('any matches every valid token', () => {
    expect(RequestPrincipal.any().value).toBe('*');
  });

  test('fromString is used verbatim', () => {
    expect(RequestPrincipal.fromString('*/admin').value).toBe('*/admin');
  });

  test('of rejects an empty subject, naming it', () => {
    expect(() => RequestPrincipal.of('https://auth.example.com', '')).toThrow(/RequestPrincipal.of\(\): subject is ""/);
  });
});
