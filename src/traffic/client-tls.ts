import { checkNonEmpty, compactObject } from '../private/checks';
import { RenderContext } from '../private/render-context';

/** Options of every TLS origination mode that encrypts. */
export interface TlsOriginationOptions {
  /**
   * SNI presented to the server in the TLS handshake.
   * @default - Istio's choice (the cluster name for ISTIO_MUTUAL; the host name when auto-SNI is on)
   */
  readonly sni?: string;

  /**
   * Names, one of which the server certificate's subject alternative names must hold.
   * @default - no SAN check beyond Istio's own identity check
   */
  readonly subjectAltNames?: string[];
}

/** Options of TLS origination with certificates of your own (`SIMPLE`). */
export interface SimpleTlsOptions extends TlsOriginationOptions {
  /**
   * Name of a Secret holding the CA certificate (`ca.crt`) to verify the server with. Istio only
   * reads it on gateways or in a DestinationRule with a workload selector. Cannot be combined
   * with `caCertificates` or `caCrl`.
   * @default - no Secret
   */
  readonly credentialName?: string;

  /**
   * Path (in the proxy) of the CA certificates that verify the server.
   * @default - the system's trusted CAs
   */
  readonly caCertificates?: string;

  /**
   * Path (in the proxy) of a certificate revocation list.
   * @default - no CRL
   */
  readonly caCrl?: string;

  /**
   * Skip verifying the server certificate's CA and SANs. Cannot be combined with the settings
   * that verify it (`caCertificates`, `subjectAltNames`, and for SIMPLE `credentialName`).
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
}

/** Options of mutual TLS origination with certificates of your own (`MUTUAL`). */
export interface MutualTlsOptions extends SimpleTlsOptions {
  /**
   * Path (in the proxy) of the client certificate. Required with `privateKey` unless
   * `credentialName` is set.
   * @default - none: set credentialName
   */
  readonly clientCertificate?: string;

  /**
   * Path (in the proxy) of the client's private key. Required with `clientCertificate` unless
   * `credentialName` is set.
   * @default - none: set credentialName
   */
  readonly privateKey?: string;
}

/**
 * TLS settings of connections to the destination (TLS origination): off, Istio's own mutual TLS,
 * or TLS / mutual TLS with certificates you provide.
 *
 * @example
 * ClientTls.istioMutual();
 * ClientTls.simple({ sni: 'api.example.com' });
 * ClientTls.mutual({ credentialName: 'client-credential' });
 */
export class ClientTls {
  /** Plain text: do not originate TLS (also turns Istio's automatic mutual TLS off). */
  public static disable(): ClientTls {
    return new ClientTls('DISABLE', {});
  }

  /** Mutual TLS with the workload certificates Istio issues. */
  public static istioMutual(options: TlsOriginationOptions = {}): ClientTls {
    return new ClientTls('ISTIO_MUTUAL', options);
  }

  /** TLS to the server, verified with the given (or system) CA certificates. */
  public static simple(options: SimpleTlsOptions = {}): ClientTls {
    return new ClientTls('SIMPLE', options);
  }

  /**
   * Mutual TLS with a client certificate you provide: a Secret (`credentialName`) or files
   * (`clientCertificate` and `privateKey`).
   */
  public static mutual(options: MutualTlsOptions): ClientTls {
    return new ClientTls('MUTUAL', options);
  }

  /** The TLS mode: `DISABLE`, `SIMPLE`, `MUTUAL` or `ISTIO_MUTUAL`. */
  public readonly mode: string;
  private readonly options: MutualTlsOptions;

  private constructor(mode: string, options: MutualTlsOptions) {
    this.mode = mode;
    this.options = { ...options };
  }

  /**
   * Renders Istio's `ClientTLSSettings`, checking it first.
   * @internal
   */
  public _render(ctx: RenderContext): any {
    const o = this.options;
    const s = (field: keyof MutualTlsOptions, example: string): string | undefined =>
      checkNonEmpty(ctx.child(field), o[field] as string | undefined, example);
    const sans = o.subjectAltNames;
    sans?.forEach((san, i) => checkNonEmpty(ctx.child(`subjectAltNames[${i}]`), san, "'spiffe://cluster.local/ns/shop/sa/api'"));
    const out = {
      mode: this.mode,
      credentialName: s('credentialName', "'client-credential'"),
      clientCertificate: s('clientCertificate', "'/etc/certs/client.pem'"),
      privateKey: s('privateKey', "'/etc/certs/client-key.pem'"),
      caCertificates: s('caCertificates', "'/etc/certs/ca.pem'"),
      caCrl: s('caCrl', "'/etc/certs/ca.crl'"),
      sni: s('sni', "'api.example.com'"),
      subjectAltNames: sans && sans.length > 0 ? [...sans] : undefined,
      insecureSkipVerify: o.insecureSkipVerify,
    };

    // SNI is a host name: with white space it matches no server certificate.
    if (out.sni !== undefined && /\s/.test(out.sni)) {
      ctx.child('sni').fail(`is ${JSON.stringify(out.sni)}, which contains white space; no TLS server name has any`, "write the server's host name, e.g. 'api.example.com'.");
    }
    if (out.credentialName !== undefined && /\s/.test(out.credentialName)) {
      ctx.child('credentialName').fail(`is ${JSON.stringify(out.credentialName)}, which contains white space, so no Secret has that name`, "write the Secret's name, e.g. 'client-credential'.");
    }
    if (this.mode === 'MUTUAL') this.checkMutual(ctx, out);
    if (this.mode === 'SIMPLE' && out.credentialName !== undefined) {
      this.forbid(ctx, ['caCertificates', 'caCrl'], out, 'credentialName', 'the Secret named by credentialName carries the CA certificate');
    }
    if (out.insecureSkipVerify) {
      const verifying = this.mode === 'SIMPLE' ? ['caCertificates', 'credentialName', 'subjectAltNames'] : ['caCertificates', 'subjectAltNames'];
      this.forbid(ctx, verifying, out, 'insecureSkipVerify', 'skipping verification makes the settings that verify the server meaningless');
    }
    return compactObject(out);
  }

  private checkMutual(ctx: RenderContext, out: Record<string, any>): void {
    if (out.credentialName !== undefined) {
      this.forbid(ctx, ['clientCertificate', 'privateKey', 'caCertificates', 'caCrl'], out, 'credentialName', 'the Secret named by credentialName carries the certificates');
      return;
    }
    const missing = ['clientCertificate', 'privateKey'].filter((f) => out[f] === undefined);
    if (missing.length === 2) {
      ctx.fail("has mode MUTUAL without a client certificate; set credentialName (a Secret with tls.crt and tls.key) or both clientCertificate and privateKey, or use ClientTls.istioMutual() for Istio's own certificates.");
    }
    if (missing.length === 1) {
      ctx.child(missing[0]).fail(`is missing; MUTUAL with ${missing[0] === 'privateKey' ? 'clientCertificate needs privateKey' : 'privateKey needs clientCertificate'} too (or set credentialName instead of both).`);
    }
  }

  private forbid(ctx: RenderContext, fields: string[], out: Record<string, any>, because: string, why: string): void {
    const clash = fields.filter((f) => out[f] !== undefined);
    if (clash.length > 0) {
      ctx.fail(`sets ${clash.join(', ')} with ${because} (mode ${this.mode}); ${why}, so remove ${clash.join(' and ')} or ${because}.`);
    }
  }
}
