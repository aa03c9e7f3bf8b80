/**
 * Istio's `validateTLSOptions` for `ServerTLSSettings` (Gateway servers and Sidecar ingress
 * listeners), in our words. Each problem comes back with the field it is about and a category,
 * so that several rules can share one reading.
 */
import { isPlainObject } from '../manifest';
import { arrayOf } from '../resources/virtualservice';
import { isValidCipherSuite } from '../validators/protocols';

/** What kind of TLS problem it is; each edge rule reports one kind. */
export type TlsProblemKind =
  /** SIMPLE/MUTUAL/OPTIONAL_MUTUAL without a certificate, key or client CA (an error in Istio). */
  | 'missing-credential'
  /** Settings Istio rejects (ISTIO_MUTUAL with certificates, several certificate sources, CRL misuse). */
  | 'invalid'
  /** Settings Istio accepts with a warning (ignored certificates, cipher suites, old TLS without ciphers). */
  | 'warning';

export interface TlsProblem {
  readonly kind: TlsProblemKind;
  /** Field inside the `tls` block (empty for the block itself). */
  readonly field: Array<string | number>;
  readonly message: string;
  readonly fix: string;
}

/** The TLS mode Istio applies: the written one, or PASSTHROUGH (the proto default) when absent. */
export function serverTlsMode(tls: Record<string, any>): string {
  return typeof tls.mode === 'string' && tls.mode !== '' ? tls.mode : 'PASSTHROUGH';
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Whether the server takes its certificate from a Kubernetes secret (`credentialName` or `credentialNames`). */
export function hasCredentialName(tls: Record<string, any>): boolean {
  return str(tls.credentialName) !== '' || arrayOf(tls.credentialNames).length > 0;
}

/** Problems of one `tls` block, in the order Istio checks them. */
export function serverTlsProblems(tls: unknown): TlsProblem[] {
  if (!isPlainObject(tls)) return [];
  const out: TlsProblem[] = [];
  const mode = serverTlsMode(tls);
  const modeText = typeof tls.mode === 'string' && tls.mode !== '' ? `mode ${mode}` : 'no mode (so PASSTHROUGH, the default)';
  const ciphers = arrayOf(tls.cipherSuites).filter((c): c is string => typeof c === 'string');
  const certs = arrayOf(tls.tlsCertificates);

  if ((tls.minProtocolVersion === 'TLSV1_0' || tls.minProtocolVersion === 'TLSV1_1') && ciphers.length === 0) {
    out.push({
      kind: 'warning',
      field: ['minProtocolVersion'],
      message: `minProtocolVersion ${tls.minProtocolVersion} is set without cipherSuites; the default cipher list has no suite those TLS versions can use, so such clients cannot connect (Istio warns).`,
      fix: 'List cipherSuites that TLS 1.0/1.1 clients support (e.g. ECDHE-RSA-AES128-SHA), or raise minProtocolVersion to TLSV1_2.',
    });
  }
  const seen = new Set<string>();
  arrayOf(tls.cipherSuites).forEach((c, i) => {
    if (typeof c !== 'string') return;
    if (!isValidCipherSuite(c)) {
      out.push({
        kind: 'warning',
        field: ['cipherSuites', i],
        message: `Cipher suite "${c}" is not one Envoy knows; Istio drops it (and warns).`,
        fix: 'Use BoringSSL names such as ECDHE-RSA-AES128-GCM-SHA256 or ECDHE-ECDSA-AES256-GCM-SHA384.',
      });
    } else if (seen.has(c)) {
      out.push({ kind: 'warning', field: ['cipherSuites', i], message: `Cipher suite "${c}" is listed twice; Istio ignores the repeat (and warns).`, fix: 'Remove the duplicate.' });
    }
    seen.add(c);
  });

  if (mode === 'ISTIO_MUTUAL') {
    for (const field of ['serverCertificate', 'privateKey', 'caCertificates', 'credentialName']) {
      if (str(tls[field]) !== '') {
        out.push({
          kind: 'invalid',
          field: [field],
          message: `tls.${field} is set with mode ISTIO_MUTUAL, which uses the mesh's own certificates; Istio rejects the combination.`,
          fix: `Remove ${field}, or use mode SIMPLE/MUTUAL to serve your own certificate.`,
        });
      }
    }
    for (const field of ['tlsCertificates', 'credentialNames']) {
      if (arrayOf(tls[field]).length > 0) {
        out.push({
          kind: 'invalid',
          field: [field],
          message: `tls.${field} is set with mode ISTIO_MUTUAL, which uses the mesh's own certificates; Istio rejects the combination.`,
          fix: `Remove ${field}, or use mode SIMPLE/MUTUAL to serve your own certificate.`,
        });
      }
    }
    return out;
  }

  if (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') {
    const set = ['caCrl', 'serverCertificate', 'privateKey', 'caCertificates', 'credentialName'].filter((f) => str(tls[f]) !== '');
    set.push(...['tlsCertificates', 'credentialNames'].filter((f) => arrayOf(tls[f]).length > 0));
    if (set.length > 0) {
      out.push({
        kind: 'warning',
        field: [set[0]],
        message: `tls has ${modeText}, which forwards the encrypted stream untouched, so ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} ignored (Istio warns).`,
        fix: 'To terminate TLS at the gateway, set mode: SIMPLE (or MUTUAL); to pass it through, remove the certificate fields.',
      });
    }
  }

  const sources: string[] = [];
  if (str(tls.serverCertificate) !== '' && str(tls.privateKey) !== '') sources.push('serverCertificate/privateKey');
  if (str(tls.credentialName) !== '') sources.push('credentialName');
  if (arrayOf(tls.credentialNames).length > 0) sources.push('credentialNames');
  if (certs.length > 0) sources.push('tlsCertificates');
  if (sources.length > 1) {
    out.push({
      kind: 'invalid',
      field: [],
      message: `tls sets ${sources.join(' and ')}; Istio accepts only one certificate source.`,
      fix: `Keep one of ${sources.join(', ')} (credentialName, a Kubernetes secret, is the usual choice).`,
    });
  }

  const terminating = mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (terminating && hasCredentialName(tls)) return out; // the secret holds certificate, key (and CA)
  if (terminating) {
    const mutual = mode !== 'SIMPLE';
    if (mutual && str(tls.caCertificates) === '') {
      out.push({
        kind: 'missing-credential',
        field: ['caCertificates'],
        message: `tls mode ${mode} verifies client certificates but has no CA to verify them with (no credentialName, no caCertificates); Istio rejects it.`,
        fix: 'Set credentialName to a secret holding tls.crt, tls.key and ca.crt, or set caCertificates to the CA bundle file.',
      });
    }
    if (certs.length > 2) {
      out.push({
        kind: 'warning',
        field: ['tlsCertificates'],
        message: `tls lists ${certs.length} tlsCertificates; a server can use at most 2 (one RSA, one ECDSA), Istio warns.`,
        fix: 'Keep at most two certificates.',
      });
    }
    const pairs = certs.length > 0
      ? certs.map((c, i) => ({ c: isPlainObject(c) ? c : {}, at: ['tlsCertificates', i] as Array<string | number>, where: ` in tlsCertificates[${i}]` }))
      : [{ c: tls, at: [] as Array<string | number>, where: ' and no credentialName' }];
    for (const { c, at, where } of pairs) {
      const missing = ['serverCertificate', 'privateKey'].filter((f) => str(c[f]) === '');
      if (missing.length === 0) continue;
      out.push({
        kind: 'missing-credential',
        field: at.length > 0 ? at : [missing[0]],
        message: `tls mode ${mode} terminates TLS but has no ${missing.join(' and no ')}${where}; Istio rejects the server, as it has no certificate to present.`,
        fix: 'Set credentialName to the Kubernetes secret (type kubernetes.io/tls) holding the certificate and key, in the namespace of the gateway workload, or set both serverCertificate and privateKey file paths.',
      });
    }
  }
  if (str(tls.caCrl) !== '') {
    if (str(tls.credentialName) !== '') {
      out.push({
        kind: 'invalid',
        field: ['caCrl'],
        message: 'tls.caCrl is set together with credentialName; Istio rejects it, as the CRL must come from the credential.',
        fix: 'Put the CRL in the secret (key ca.crl) and remove caCrl.',
      });
    }
    if (mode === 'SIMPLE') {
      out.push({
        kind: 'invalid',
        field: ['caCrl'],
        message: 'tls.caCrl is set with mode SIMPLE, which checks no client certificate; Istio rejects it.',
        fix: 'Remove caCrl, or use mode MUTUAL to verify client certificates against the CRL.',
      });
    }
  }
  return out;
}
