import { gatewayHostProblem } from './hosts';
import { ServerTls } from './server-tls';
import { isDns1123Label } from '../analysis/validators/names';
import { Protocol } from '../mesh/protocol';
import { shownNumber } from '../private/checks';
import { RenderContext } from '../private/render-context';

/** Properties of a {@link GatewayServer}: one port of a Gateway and the hosts it serves there. */
export interface GatewayServerProps {
  /** Port the gateway listens on (the port of the gateway's Service, e.g. 80 or 443). */
  readonly port: number;

  /** Protocol on the port. `HTTPS` and `TLS` need `tls`. */
  readonly protocol: Protocol;

  /**
   * Hosts served on this port, each `dnsName` or `namespace/dnsName`: `bookinfo.example.com`,
   * `*.example.com`, `*` (any host), `shop/bookinfo.example.com` (only VirtualServices of
   * namespace `shop` may bind to it), `./host` (only the Gateway's namespace); a `*` namespace
   * part means any namespace. Names must be fully qualified.
   */
  readonly hosts: string[];

  /**
   * TLS handling. Required for `HTTPS` and `TLS`; not allowed on plain-text protocols.
   * @default - no TLS (plain text)
   */
  readonly tls?: ServerTls;

  /**
   * Answer plain HTTP requests with a 301 redirect to HTTPS (an HTTP server's `tls.httpsRedirect`).
   * @default false
   */
  readonly httpsRedirect?: boolean;

  /**
   * Name of the port; unique among the Gateway's servers.
   * @default - `<protocol>-<port>` in lower case (e.g. `https-443`), with a suffix when taken
   */
  readonly portName?: string;

  /**
   * Name of the server (optional in Istio; unique among the Gateway's servers when set).
   * @default - unnamed
   */
  readonly name?: string;

  /**
   * IP address (or `unix://` socket) the listener binds to.
   * @default - all addresses
   */
  readonly bind?: string;
}

/** Options of {@link GatewayServer.http}. */
export interface HttpServerOptions {
  /** Hosts served (see `GatewayServerProps.hosts`). */
  readonly hosts: string[];

  /**
   * Port the gateway listens on.
   * @default 80
   */
  readonly port?: number;

  /**
   * Answer every request with a 301 redirect to HTTPS.
   * @default false
   */
  readonly httpsRedirect?: boolean;

  /**
   * Name of the port.
   * @default - `http-<port>`, with a suffix when taken
   */
  readonly portName?: string;

  /**
   * Name of the server.
   * @default - unnamed
   */
  readonly name?: string;
}

/** Options of {@link GatewayServer.https} and {@link GatewayServer.tls}. */
export interface TlsServerOptions {
  /** Hosts served (see `GatewayServerProps.hosts`); for TLS servers they match the SNI. */
  readonly hosts: string[];

  /**
   * TLS handling.
   * @default - required for `https()`; `ServerTls.passthrough()` for `tls()`
   */
  readonly tls?: ServerTls;

  /**
   * Port the gateway listens on.
   * @default 443
   */
  readonly port?: number;

  /**
   * Name of the port.
   * @default - `https-<port>` or `tls-<port>`, with a suffix when taken
   */
  readonly portName?: string;

  /**
   * Name of the server.
   * @default - unnamed
   */
  readonly name?: string;
}

/** Options of {@link GatewayServer.tcp}. */
export interface TcpServerOptions {
  /** Port the gateway listens on. */
  readonly port: number;

  /**
   * Hosts: a TCP server cannot tell hosts apart, so this only limits which VirtualServices may
   * bind to it (by namespace).
   * @default ['*']
   */
  readonly hosts?: string[];

  /**
   * Name of the port.
   * @default - `tcp-<port>`, with a suffix when taken
   */
  readonly portName?: string;

  /**
   * Name of the server.
   * @default - unnamed
   */
  readonly name?: string;
}

const TLS_PROTOCOLS: string[] = [Protocol.HTTPS, Protocol.TLS];
const HTTP_PROTOCOLS: string[] = [Protocol.HTTP, Protocol.HTTP2, Protocol.GRPC];

/**
 * One server of a Gateway: a port, its protocol, the hosts served there and how TLS is handled.
 * Immutable; add it to a Gateway with `gateway.addServer()`.
 *
 * @example
 * GatewayServer.http({ hosts: ['bookinfo.example.com'], httpsRedirect: true });
 * GatewayServer.https({ hosts: ['bookinfo.example.com'], tls: ServerTls.simple('bookinfo-credential') });
 * GatewayServer.tls({ hosts: ['db.example.com'], port: 15443 });     // passthrough on SNI
 * new GatewayServer({ port: 9090, protocol: Protocol.GRPC, hosts: ['grpc.example.com'] });
 */
export class GatewayServer {
  /** An HTTP server (port 80 unless set), optionally redirecting every request to HTTPS. */
  public static http(options: HttpServerOptions): GatewayServer {
    return new GatewayServer({ ...options, port: options.port ?? 80, protocol: Protocol.HTTP });
  }

  /** An HTTPS server (port 443 unless set) terminating TLS as `tls` says. */
  public static https(options: TlsServerOptions): GatewayServer {
    return new GatewayServer({ ...options, port: options.port ?? 443, protocol: Protocol.HTTPS });
  }

  /**
   * A TLS server (port 443 unless set): routes on SNI; passes the TLS stream through unless `tls`
   * terminates it.
   */
  public static tls(options: TlsServerOptions): GatewayServer {
    return new GatewayServer({ ...options, port: options.port ?? 443, protocol: Protocol.TLS, tls: options.tls ?? ServerTls.passthrough() });
  }

  /** An opaque TCP server. */
  public static tcp(options: TcpServerOptions): GatewayServer {
    return new GatewayServer({ ...options, hosts: options.hosts ?? ['*'], protocol: Protocol.TCP });
  }

  /** Port the gateway listens on. */
  public readonly port: number;
  /** Protocol on the port. */
  public readonly protocol: Protocol;
  /** TLS handling, if any (the `tls` prop). */
  public readonly tlsSettings?: ServerTls;
  /** Whether plain HTTP requests are redirected to HTTPS. */
  public readonly httpsRedirect: boolean;
  /** Name of the port, when given. */
  public readonly portName?: string;
  /** Name of the server, when given. */
  public readonly name?: string;
  /** Bind address, when given. */
  public readonly bind?: string;
  private readonly _hosts: string[];

  constructor(props: GatewayServerProps) {
    this.port = props.port;
    this.protocol = props.protocol;
    this._hosts = [...(props.hosts ?? [])];
    this.tlsSettings = props.tls;
    this.httpsRedirect = props.httpsRedirect ?? false;
    this.portName = props.portName;
    this.name = props.name;
    this.bind = props.bind;
  }

  /** Hosts served on this port, as written (`[namespace/]dnsName`). */
  public get hosts(): string[] {
    return [...this._hosts];
  }

  /**
   * Checks what Istio's webhook rejects outright; called when the server is added.
   * @internal
   */
  public _check(ctx: RenderContext): void {
    if (!Object.values(Protocol).includes(this.protocol)) {
      ctx.child('protocol').fail(`is ${JSON.stringify(this.protocol)}; use Protocol.HTTP, HTTPS, HTTP2, GRPC, TCP or TLS.`);
    }
    const unixSocket = typeof this.bind === 'string' && this.bind.startsWith('unix://');
    const portOk = unixSocket ? this.port === 0 : Number.isInteger(this.port) && this.port >= 1 && this.port <= 65535;
    if (!portOk) {
      ctx.child('port').fail(`is ${shownNumber(this.port)}; ${unixSocket ? 'a server bound to a unix:// socket has port 0' : 'a port is a whole number from 1 to 65535'}.`);
    }
    if (this._hosts.length === 0) {
      ctx.child('hosts').fail('is empty; a server serves at least one host, e.g. hosts: [\'bookinfo.example.com\'] (or [\'*\'] for any).');
    }
    this._hosts.forEach((h, i) => {
      const problem = gatewayHostProblem(h);
      if (problem) ctx.child(`hosts[${i}]`).fail(`'${h}' ${problem}.`);
    });
    if (this.portName !== undefined && !isDns1123Label(this.portName)) {
      ctx.child('portName').fail(`'${this.portName}' is not a valid port name; use lower-case letters, digits and '-', e.g. '${this.protocol.toLowerCase()}-${this.port}'.`);
    }
    if (this.name !== undefined && (typeof this.name !== 'string' || this.name.trim() === '')) {
      ctx.child('name').fail(`is ${JSON.stringify(this.name)}; give the server a name or leave it out.`);
    }
    if (this.tlsSettings !== undefined && !(this.tlsSettings instanceof ServerTls)) {
      ctx.child('tls').fail('must be a ServerTls, e.g. ServerTls.simple(\'bookinfo-credential\').');
    }
    const tlsProtocol = TLS_PROTOCOLS.includes(this.protocol);
    if (tlsProtocol && this.tlsSettings === undefined) {
      ctx.fail(`is a ${this.protocol} server without tls; Istio rejects it. ` +
        `Set tls, e.g. tls: ${this.protocol === Protocol.TLS ? 'ServerTls.passthrough()' : "ServerTls.simple('bookinfo-credential')"}, or use Protocol.HTTP for plain text.`,
      );
    }
    if (!tlsProtocol && this.tlsSettings !== undefined) {
      ctx.fail(`is a plain-text ${this.protocol} server with tls ${this.tlsSettings.mode}; Istio rejects TLS settings on it. ` +
        `Use Protocol.HTTPS (or TLS) for a TLS server${HTTP_PROTOCOLS.includes(this.protocol) ? ', or httpsRedirect: true to send clients to HTTPS' : ''}.`,
      );
    }
    if (this.tlsSettings) this.tlsSettings._render(ctx.child('tls'));
  }

  /**
   * Renders the `servers[]` entry. Its port name is `portName`, or left for the Gateway to fill in
   * (the Gateway settles names unique across its servers).
   * @internal
   */
  public _render(ctx: RenderContext): Record<string, any> {
    const server: Record<string, any> = {
      port: { number: this.port, name: this.portName, protocol: this.protocol },
      hosts: [...this._hosts],
    };
    if (this.bind !== undefined) server.bind = this.bind;
    if (this.name !== undefined) server.name = this.name;
    const tls: Record<string, any> = this.tlsSettings ? this.tlsSettings._render(ctx.child('tls')) : {};
    if (this.httpsRedirect) tls.httpsRedirect = true;
    if (Object.keys(tls).length > 0) server.tls = tls;
    return server;
  }
}
