/**
 * The Gateway API rendering of an Istio-style Gateway's servers: one listener per server host.
 * Internal.
 *
 * - HTTP, HTTP2 and GRPC servers become `HTTP` listeners (HTTPRoute and GRPCRoute attach to
 *   them), HTTPS `HTTPS`, TLS `TLS`, TCP `TCP`.
 * - A host's namespace part becomes `allowedRoutes`: none or `*` → routes of all namespaces (what
 *   Istio's Gateway allows), `.` or the Gateway's namespace → the same namespace, another → a
 *   selector on `kubernetes.io/metadata.name`.
 * - TLS: `ServerTls.simple(secret)` terminates with `certificateRefs` to the Secret (a second
 *   credential adds a second ref); `ServerTls.passthrough()` passes through. Other modes and
 *   options have no standard Gateway API field and are refused.
 */
import type { GatewayServer } from '../edge/gateway-server';
import { splitNamespacedHost } from '../edge/hosts';
import { Protocol } from '../mesh/protocol';
import { RenderContext } from '../private/render-context';

/** A listener and the server it comes from. */
export interface PlannedListener {
  readonly server: GatewayServer;
  readonly listener: Record<string, any>;
}

const LISTENER_PROTOCOL: Partial<Record<Protocol, string>> = {
  [Protocol.HTTP]: 'HTTP',
  [Protocol.HTTP2]: 'HTTP',
  [Protocol.GRPC]: 'HTTP',
  [Protocol.HTTPS]: 'HTTPS',
  [Protocol.TLS]: 'TLS',
  [Protocol.TCP]: 'TCP',
};

const STAY = 'or write this gateway with Istio\'s API (routingApi: RoutingApi.ISTIO on the Gateway)';

/** Throws when a server uses what a Gateway API listener cannot express. */
export function checkListenerServer(ctx: RenderContext, server: GatewayServer): void {
  if (LISTENER_PROTOCOL[server.protocol] === undefined) {
    ctx.child('protocol').fail(`is ${server.protocol}, which a Gateway API listener cannot carry`, `use Protocol.TCP for opaque traffic, ${STAY}.`);
  }
  if (server.bind !== undefined) ctx.child('bind').fail(`is '${server.bind}'; a Gateway API listener has no bind address`, `remove bind, ${STAY}.`);
  const tls = server.tlsSettings;
  if (tls) {
    if (tls.mode !== 'SIMPLE' && tls.mode !== 'PASSTHROUGH') {
      ctx.child('tls').fail(`is mode ${tls.mode}, which a standard Gateway API listener cannot express`, `use ServerTls.simple(secret) or ServerTls.passthrough(), ${STAY}.`);
    }
    if (tls.mode === 'SIMPLE') {
      const rendered = tls._render(ctx.child('tls'));
      const extra = Object.keys(rendered).filter((k) => !['mode', 'credentialName', 'credentialNames'].includes(k));
      if (tls.credentialName === undefined && rendered.credentialNames === undefined) {
        ctx.child('tls').fail('reads its certificate from files; a Gateway API listener reads it from a Secret (certificateRefs)', `use ServerTls.simple('secret-name'), ${STAY}.`);
      }
      if (extra.length > 0) ctx.child(`tls.${extra[0]}`).fail('has no Gateway API listener field', `remove it, ${STAY}.`);
    }
  }
  if (server.httpsRedirect && LISTENER_PROTOCOL[server.protocol] !== 'HTTP') {
    ctx.child('httpsRedirect').fail(`is set on a ${server.protocol} server`, 'redirect on an HTTP server.');
  }
}

/** The listeners of a Gateway's servers, with names unique across the Gateway. */
export function planListeners(ctx: RenderContext, gatewayNamespace: string, servers: GatewayServer[]): PlannedListener[] {
  const taken = new Set<string>();
  const out: PlannedListener[] = [];
  servers.forEach((server, i) => {
    const sctx = ctx.child(`servers[${i}]`);
    checkListenerServer(sctx, server);
    const base = server.portName ?? `${server.protocol.toLowerCase()}-${server.port}`;
    server.hosts.forEach((h, j) => {
      let name = server.hosts.length > 1 ? `${base}-${j}` : base;
      for (let n = 2; taken.has(name); n++) name = `${base}-${j}-${n}`;
      taken.add(name);
      const { namespace, dnsName } = splitNamespacedHost(h);
      const listener: Record<string, any> = { name, port: server.port, protocol: LISTENER_PROTOCOL[server.protocol] };
      if (dnsName !== '*' && server.protocol !== Protocol.TCP) listener.hostname = dnsName;
      const tls = server.tlsSettings;
      if (tls?.mode === 'PASSTHROUGH') listener.tls = { mode: 'Passthrough' };
      if (tls?.mode === 'SIMPLE') {
        const rendered = tls._render(sctx.child('tls'));
        const secrets: string[] = rendered.credentialNames ?? [rendered.credentialName];
        listener.tls = { mode: 'Terminate', certificateRefs: secrets.map((name2) => ({ group: '', kind: 'Secret', name: name2 })) };
      }
      listener.allowedRoutes = { namespaces: allowedNamespaces(namespace, gatewayNamespace) };
      out.push({ server, listener });
    });
  });
  return out;
}

function allowedNamespaces(namespace: string | undefined, gatewayNamespace: string): any {
  if (namespace === undefined || namespace === '*') return { from: 'All' };
  if (namespace === '.' || namespace === gatewayNamespace) return { from: 'Same' };
  return { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } };
}
