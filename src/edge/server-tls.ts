import { RenderContext } from '../private/render-context';

/** TLS protocol versions a server accepts. */
export enum TlsProtocolVersion {
  /** Envoy's default (TLS 1.2 minimum, TLS 1.3 maximum for servers). */
  TLS_AUTO = 'TLS_AUTO',
  /** TLS 1.0 (needs explicit `cipherSuites`: the default ones no longer fit it). */
  TLSV1_0 = 'TLSV1_0',
  /** TLS 1.1 (needs explicit `cipherSuites`: the default ones no longer fit it). */
  TLSV1_1 = 'TLSV1_1',
  /** TLS 1.2. */
  TLSV1_2 = 'TLSV1_2',
  /** TLS 1.3. */
  TLSV1_3 = 'TLSV1_3',
}

/** Options every terminating TLS mode takes. */
export interface ServerTlsOptions {
  /**
   * Lowest TLS version accepted.
   * @default - Envoy's default (TLS 1.2)
   */
  readonly minProtocolVersion?: TlsProtocolVersion;

  /**
   * Highest TLS version accepted.
   * @default - Envoy's default (TLS 1.3)
   */
  readonly maxProtocolVersion?: TlsProtocolVersion;

  /**
   * Cipher suites offered, in OpenSSL names (e.g. `ECDHE-RSA-AES256-GCM-SHA384`).
   * @default - Envoy's default cipher suites
   */
  readonly cipherSuites?: string[];

  /**
   * A second Secret with another certificate for the same hosts, typically an ECDSA certificate
   * next to an RSA one. With it, the server is written with `credentialNames` (both Secrets)
   * instead of `credentialName`.
   * @default - one certificate
   */
  readonly secondCredentialName?: string;
}

/** Options of the modes that ask clients for a certificate (`MUTUAL`, `OPTIONAL_MUTUAL`). */
export interface ClientCertificateOptions extends ServerTlsOptions {
  /**
   * Name of a separate Secret (or ConfigMap) holding the CA certificates that verify clients,
   * when they are not in the server credential's Secret (`ca.crt`).
   * @default - the CA certificate of the Secret named by the credential
   */
  readonly caCertCredentialName?: string;

  /**
   * Subject alternative names, one of which a client certificate must hold.
   * @default - any client certificate signed by the CA
   */
  readonly subjectAltNames?: string[];

  /**
   * Base64-encoded SHA-256 hashes of the public keys (SPKI) of the accepted client certificates.
   * @default - no pinning
   */
  readonly verifyCertificateSpki?: string[];

  /**
   * Hex-encoded SHA-256 hashes of the accepted client certificates.
   * @default - no pinning
   */
  readonly verifyCertificateHash?: string[];
}

/** Certificate files mounted in the gateway proxy, for servers that do not use a Secret. */
export interface ServerCertificateFiles {
  /** Path of the server certificate (PEM). */
  readonly serverCertificate: string;

  /** Path of the server's private key (PEM). */
  readonly privateKey: string;

  /**
   * Path of the CA certificates that verify clients. Required for `MUTUAL` from files.
   * @default - none (SIMPLE)
   */
  readonly caCertificates?: string;

  /**
   * Path of a certificate revocation list for client certificates (`MUTUAL` only).
   * @default - no CRL
   */
  readonly caCrl?: string;
}

/** Options of `ServerTls.istioMutual()`. */
export interface IstioMutualServerTlsOptions {
  /**
   * Subject alternative names, one of which the client's Istio certificate must hold
   * (e.g. `spiffe://cluster.local/ns/shop/sa/frontend`).
   * @default - any workload of the mesh
   */
  readonly subjectAltNames?: string[];
}

/** The TLS modes of a Gateway server, as Istio names them. */
const MODES = ['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL', 'PASSTHROUGH', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL'];

/**
 * How a Gateway server handles TLS: terminate it with a certificate from a Kubernetes Secret
 * (`credentialName`, the usual way) or from files, verify client certificates, pass it through
 * to the destination untouched, or use Istio's own mutual TLS (egress gateways behind sidecars).
 *
 * @example
 * ServerTls.simple('bookinfo-credential');                 // HTTPS with a Secret
 * ServerTls.mutual('bookinfo-credential', { subjectAltNames: ['client.example.com'] });
 * ServerTls.passthrough();                                  // SNI routing, TLS to the backend
 */
export class ServerTls {
  /**
   * Terminate TLS with the certificate and key of a Kubernetes Secret (`tls.crt`/`tls.key`, or
   * `cert`/`key`) in the namespace of the gateway proxy's pods (`istio-system` for Istio's default
   * ingress gateway), which need not be the Gateway object's namespace.
   * @param credentialName name of the Secret
   */
  public static simple(credentialName: string, options: ServerTlsOptions = {}): ServerTls {
    return new ServerTls('SIMPLE', { credentialName, ...options }, { secret: true });
  }

  /** Terminate TLS with certificate files mounted in the gateway proxy. */
  public static simpleFromFiles(files: ServerCertificateFiles, options: ServerTlsOptions = {}): ServerTls {
    return new ServerTls('SIMPLE', { ...files, ...options }, { files: true });
  }

  /**
   * Terminate TLS and require a client certificate, verified with the CA certificate of the
   * Secret (`ca.crt`, or the Secret `<credentialName>-cacert`, or `caCertCredentialName`).
   * @param credentialName name of the Secret
   */
  public static mutual(credentialName: string, options: ClientCertificateOptions = {}): ServerTls {
    return new ServerTls('MUTUAL', { credentialName, ...options }, { secret: true, clients: true });
  }

  /** Terminate TLS and require a client certificate, with certificate files mounted in the proxy. */
  public static mutualFromFiles(files: ServerCertificateFiles, options: ClientCertificateOptions = {}): ServerTls {
    return new ServerTls('MUTUAL', { ...files, ...options }, { files: true, clients: true });
  }

  /**
   * Terminate TLS and verify a client certificate when the client presents one, without
   * requiring it.
   * @param credentialName name of the Secret
   */
  public static optionalMutual(credentialName: string, options: ClientCertificateOptions = {}): ServerTls {
    return new ServerTls('OPTIONAL_MUTUAL', { credentialName, ...options }, { secret: true, clients: true });
  }

  /**
   * Do not terminate TLS: route on the SNI of the client's handshake and forward the encrypted
   * stream (the destination terminates it). Used for TLS servers and egress of HTTPS traffic.
   */
  public static passthrough(): ServerTls {
    return new ServerTls('PASSTHROUGH', {}, {});
  }

  /**
   * Like `passthrough()`, and routes on SNI to the mesh's services without a VirtualService
   * (multi-network east-west gateways).
   */
  public static autoPassthrough(): ServerTls {
    return new ServerTls('AUTO_PASSTHROUGH', {}, {});
  }

  /**
   * Istio's mutual TLS with the workload certificates it issues: for gateways that only mesh
   * workloads call, such as an egress gateway behind sidecars.
   */
  public static istioMutual(options: IstioMutualServerTlsOptions = {}): ServerTls {
    return new ServerTls('ISTIO_MUTUAL', { ...options }, {});
  }

  /** The mode: `SIMPLE`, `MUTUAL`, `OPTIONAL_MUTUAL`, `PASSTHROUGH`, `AUTO_PASSTHROUGH` or `ISTIO_MUTUAL`. */
  public readonly mode: string;
  /** The Secret holding the server certificate, when the mode uses one. */
  public readonly credentialName?: string;

  private readonly fields: Record<string, any>;
  private readonly shape: { secret?: boolean; files?: boolean; clients?: boolean };

  private constructor(mode: string, fields: Record<string, any>, shape: { secret?: boolean; files?: boolean; clients?: boolean }) {
    this.mode = mode;
    this.fields = { ...fields };
    this.shape = shape;
    this.credentialName = fields.credentialName;
  }

  /** Whether the mode terminates TLS at the proxy (so it serves HTTPS, not opaque TLS). */
  public get terminates(): boolean {
    return ['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL', 'ISTIO_MUTUAL'].includes(this.mode);
  }

  /**
   * Renders Istio's `ServerTLSSettings`, checking what Istio's webhook rejects.
   * @param ctx the prop holding this value, e.g. `servers[0].tls`
   * @internal
   */
  public _render(ctx: RenderContext): Record<string, any> {
    if (!MODES.includes(this.mode)) {
      ctx.child('mode').fail(`is '${this.mode}'; use a ServerTls factory such as ServerTls.simple('credential').`);
    }
    const f = this.fields;
    const text = (field: string, example: string): string | undefined => {
      const value = f[field];
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || value.trim() === '') {
        ctx.child(field).fail(`is ${JSON.stringify(value)}; write a value such as ${example}.`);
      }
      return value;
    };
    const list = (field: string): string[] | undefined => {
      const values = f[field];
      if (values === undefined) return undefined;
      (values as string[]).forEach((v, i) => {
        if (typeof v !== 'string' || v.trim() === '') {
          ctx.child(`${field}[${i}]`).fail(`is ${JSON.stringify(v)}; write a non-empty value or leave the entry out.`);
        }
      });
      return values.length > 0 ? [...values] : undefined;
    };
    const version = (field: string): string | undefined => {
      const v = f[field];
      if (v !== undefined && !Object.values(TlsProtocolVersion).includes(v)) {
        ctx.child(field).fail(`is ${JSON.stringify(v)}; use TlsProtocolVersion.TLSV1_2, TLSV1_3, … .`);
      }
      return v;
    };

    const out: Record<string, any> = { mode: this.mode };
    if (this.shape.secret) {
      const first = text('credentialName', "'bookinfo-credential'");
      if (first === undefined) {
        ctx.fail(`has mode ${this.mode} without the name of the Secret holding the certificate`, "give one, e.g. ServerTls.simple('bookinfo-credential').");
      }
      const second = text('secondCredentialName', "'bookinfo-ecdsa-credential'");
      // A Secret name never holds white space: the gateway would find no certificate.
      for (const [field, name] of [['credentialName', first], ['secondCredentialName', second]] as const) {
        if (name !== undefined && /\s/.test(name)) {
          ctx.child(field).fail(`is ${JSON.stringify(name)}, which contains white space, so no Secret has that name`, "write the Secret's name, e.g. 'bookinfo-credential'.");
        }
      }
      if (second !== undefined) out.credentialNames = [first, second];
      else out.credentialName = first;
    }
    if (this.shape.files) {
      for (const field of ['secondCredentialName', 'caCertCredentialName']) {
        if (f[field] !== undefined) {
          ctx.child(field).fail(`names a Secret, but this server reads its certificates from files; use ServerTls.${this.mode === 'SIMPLE' ? 'simple' : 'mutual'}(credentialName, …) for Secrets, or remove ${field}.`);
        }
      }
      for (const field of ['serverCertificate', 'privateKey']) {
        if (text(field, `'/etc/istio/certs/${field === 'privateKey' ? 'tls.key' : 'tls.crt'}'`) === undefined) {
          ctx.child(field).fail(`is missing; mode ${this.mode} from files needs serverCertificate and privateKey.`);
        }
      }
      out.serverCertificate = f.serverCertificate;
      out.privateKey = f.privateKey;
      const ca = text('caCertificates', "'/etc/istio/certs/ca.crt'");
      if (this.shape.clients && ca === undefined) {
        ctx.child('caCertificates').fail(`is missing; mode ${this.mode} from files needs the CA certificates that verify clients.`);
      }
      out.caCertificates = ca;
      const crl = text('caCrl', "'/etc/istio/certs/ca.crl'");
      if (crl !== undefined && !this.shape.clients) {
        ctx.child('caCrl').fail(`is set on mode ${this.mode}; a revocation list only applies to client certificates (MUTUAL). Remove caCrl or use ServerTls.mutualFromFiles().`);
      }
      out.caCrl = crl;
    }
    if (this.shape.clients) out.caCertCredentialName = text('caCertCredentialName', "'bookinfo-ca'");
    out.subjectAltNames = list('subjectAltNames');
    out.verifyCertificateSpki = list('verifyCertificateSpki');
    out.verifyCertificateHash = list('verifyCertificateHash');
    out.minProtocolVersion = version('minProtocolVersion');
    out.maxProtocolVersion = version('maxProtocolVersion');
    out.cipherSuites = list('cipherSuites');
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  }
}
