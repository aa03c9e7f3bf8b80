import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';
import { HEADER_TOKEN, jwksProblem, jwksUriProblem } from '../../validation/requestauthentication';
import { parseDuration } from '../../validators/duration';
import { headerLineBreakProblem } from '../../validators/http';

export const requestAuthenticationInvalidJwtRule: Rule = {
  id: 'requestauthentication-invalid-jwt-rule',
  kinds: ['RequestAuthentication'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A RequestAuthentication JWT rule lacks issuer and jwksUri, has a jwksUri that is not an http(s) URL, inline jwks that is not a key set, a timeout that is not a duration, or a bad header name (warning).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateRequestAuthentication, validateJwtRule',
  docs: 'Istio\'s `validateJwtRule` for RequestAuthentication: each JWT rule needs an `issuer` or a\n' +
    '`jwksUri`; a `jwksUri` must be an http(s) URL; an inline `jwks` must parse as a key set; a\n' +
    '`timeout` must be a duration (else Istio cannot decode the object). Empty strings in audiences,\n' +
    'header names and params are left to the schema rules (the CRD declares them non-empty).\n' +
    'Two findings are warnings, as Istio accepts them: a jwksUri the webhook lets through but that\n' +
    'names no fetchable host (`http://`), and a `fromHeaders` name that is not an HTTP header token\n' +
    '(spaces, colons…): no request can carry such a header, so the token is never found. A line break or NUL\n' +
    'in that name is an error: Envoy refuses the JWT filter and the workload keeps its old configuration.',
  fields: 'spec.jwtRules[]',
  fix: 'Give each rule an issuer or jwksUri (http/https), valid inline jwks, and valid header names.',
  check(model: MeshModel, report: Report): void {
    for (const ra of model.requestAuthentications()) {
      if (!isPlainObject(ra.spec)) continue;
      arrayOf(ra.spec.jwtRules).forEach((rule, i) => {
        if (!isPlainObject(rule)) return;
        const path = ['spec', 'jwtRules', i];
        const issuer = typeof rule.issuer === 'string' ? rule.issuer : '';
        const uriField = typeof rule.jwksUri === 'string' ? 'jwksUri' : typeof rule.jwks_uri === 'string' ? 'jwks_uri' : undefined;
        const uri = uriField ? (rule[uriField] as string) : '';
        if (issuer === '' && uri === '') {
          report({
            object: ra,
            path,
            message: `JWT rule ${i} has neither an issuer nor a jwksUri; Istio rejects it ("issuer or jwksUri must be non-empty string").`,
            fix: 'Set `issuer` to the token issuer (the `iss` claim, e.g. "https://accounts.example.com") and `jwksUri` to where its public keys are published.',
          });
        }
        if (uriField && uri !== '') {
          const found = jwksUriProblem(uri);
          if (found) {
            report({
              object: ra,
              path: [...path, uriField],
              ...(found.rejected ? {} : { severity: Severity.WARNING }),
              message: found.rejected
                ? `${uriField} "${uri}" cannot be used: ${found.problem}; Istio rejects it.`
                : `${uriField} "${uri}" cannot be used: ${found.problem}. Istio accepts it, but istiod cannot fetch the keys, so every request carrying a token for this issuer is refused.`,
              fix: 'Write the full URL of the key set, e.g. "https://accounts.example.com/.well-known/jwks.json".',
            });
          }
        }
        if (typeof rule.timeout === 'string') {
          const parsed = parseDuration(rule.timeout);
          if (!parsed.ok) {
            report({
              object: ra,
              path: [...path, 'timeout'],
              message: `timeout "${rule.timeout}" is not a duration (${parsed.error}); Istio cannot read the object and rejects it.`,
              fix: 'Write a duration with a unit, e.g. "5s".',
            });
          }
        }
        if (typeof rule.jwks === 'string' && rule.jwks !== '') {
          const problem = jwksProblem(rule.jwks);
          if (problem) {
            report({
              object: ra,
              path: [...path, 'jwks'],
              message: `The inline jwks is not a JSON Web Key Set: ${problem}. Istio rejects it ("jwks parse error").`,
              fix: 'Paste the key set as JSON, e.g. {"keys":[{"kty":"RSA","e":"AQAB","n":"…"}]}, or use jwksUri instead.',
            });
          }
        }
        arrayOf(rule.fromHeaders).forEach((h, j) => {
          if (!isPlainObject(h) || typeof h.name !== 'string' || h.name === '' || HEADER_TOKEN.test(h.name)) return;
          const lineBreak = headerLineBreakProblem(h.name);
          if (lineBreak) {
            // Istio passes the name on; Envoy refuses the listener, so the workload keeps its old config.
            report({
              object: ra,
              path: [...path, 'fromHeaders', j, 'name'],
              message: `fromHeaders name ${JSON.stringify(h.name)} cannot be used: ${lineBreak}, so the proxies refuse this JWT configuration.`,
              fix: 'Name the header only, on one line, e.g. "Authorization" with prefix "Bearer ", or "x-jwt-assertion".',
            });
            return;
          }
          report({
            object: ra,
            path: [...path, 'fromHeaders', j, 'name'],
            // Istio accepts the name; the token is just never found there.
            severity: Severity.WARNING,
            message:
              `fromHeaders name ${JSON.stringify(h.name)} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only), ` +
              'so no request can carry the token there.',
            fix: `Name the header only, e.g. "Authorization" with prefix "Bearer ", or "x-jwt-assertion"${h.name.includes(':') ? ' (drop the ":" and anything after it)' : ''}.`,
          });
        });
      });
    }
  },
};
