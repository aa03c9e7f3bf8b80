/**
 * `cdk8s-istio simulate`: reads manifests as `lint` does and prints what happens to one request.
 */
import { ExitCode, formatArg, loadInputs, meshArg, MeshArgs, meshModelOptions, NAMESPACE_NAME, NO_INPUT_MESSAGE, OutputStream, PROGRAM, readMeshConfigOption, scanArgs, UsageError, usageError } from './args';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TOTAL_BYTES } from './load-manifests';
import { MeshConfigSetting, readMeshConfigFile } from '../analysis/mesh-config-file';
import { MeshModel } from '../analysis/model';
import { MeshSimulator } from '../simulator/mesh-simulator';
import { RequestSource, RequestTarget, SimulatedJwt } from '../simulator/request';
import { SimulationInputError } from '../simulator/resolve';
import { DestinationTrace, ObjectReference, RequestTrace } from '../simulator/trace';

export const SIMULATE_USAGE = `Usage: ${PROGRAM} simulate [options] PATH... --to URL

Shows what happens to one request under the Istio configuration in PATH..., without a
cluster: whether the client's proxy knows the host (Sidecar egress, exportTo,
REGISTRY_ONLY), the VirtualService and route that match (first match wins, as in Envoy;
each earlier route with the condition that failed), the destinations and their shares,
the DestinationRule policy and client TLS (auto mTLS included), and at the server the
effective PeerAuthentication mode, RequestAuthentication and the AuthorizationPolicy
decision (CUSTOM, DENY, ALLOW). Files are read as 'lint' reads them: folders are searched
for *.yaml, *.yml and *.json, - reads standard input, and objects without a namespace are
in 'default' (or the namespace given with -n).

Arguments:
  PATH                       a file, a folder, or - for standard input

Request:
      --to URL               where the request goes: http://reviews:9080/reviews/1,
                             http://reviews.bookinfo/, https://api.example.com (required)
      --from NS/SA           from a sidecar pod of namespace NS running as service
                             account SA (default: default/default)
      --from-workload NS/NAME
                             from the workload NAME (Deployment, StatefulSet, Pod, ...)
                             of namespace NS: its pod labels and service account
      --via-gateway NS/NAME  through the ingress gateway of Gateway NS/NAME: the URL's
                             scheme, host and port are those the gateway receives. An
                             Istio Gateway routes by its VirtualServices; a Gateway API
                             Gateway (class istio) by the listener that takes the request
                             and the HTTPRoutes/GRPCRoutes attached to it. With both kinds
                             under that name, the Istio Gateway
      --via-gateway-api NS/NAME
                             through the Gateway API Gateway NS/NAME only
      --outside-mesh         from a client without Istio proxy
  -X, --method M             HTTP method (default GET)
  -H, --header 'NAME: VALUE' a request header; repeat for more
      --jwt ISSUER/SUBJECT   the request carries a valid JWT of this issuer and subject
                             (the request principal's form, split at the last /)
      --jwt-audience AUD     an audience of that token; repeat for more
      --jwt-invalid          the token fails verification (bad signature, expired)

Options:
  -f, --format FORMAT        text (default) or json
  -n, --namespace NS         namespace of the objects that declare none (default: default)
      --root-namespace NS    Istio's root namespace (default: the mesh config's, else
                             istio-system)
      --cluster-domain D     cluster DNS domain (default cluster.local)
      --mesh-config FILE     the mesh config (outboundTrafficPolicy, enableAutoMtls, ...)
  -h, --help                 print this help and exit

Output:
  text   the trace, step by step
  json   the trace as one object; always present: outcome, statusCode, summary, route
         ({virtualService {kind, namespace, name}, index, name} or null; kind HTTPRoute
         (or GRPCRoute) for a Gateway API route, index its rule), listener (through a
         Gateway API Gateway: {name, port, protocol, hostname, skipped, routes,
         refusedRoutes}, else null), destinations
         [{host, subset, port, weight, share, ...}], timeout, retries, fault, mirrors,
         tls ({client, server} or null), authorization ({decision, policy {namespace,
         name}} or null), notes; null where a value does not apply.

Outcomes: routed, denied, redirected, direct-response, fault-abort, no-route (404),
blackhole (REGISTRY_ONLY), connection-failure (TLS mismatch, missing subset).

Exit status:
  0  a trace was produced (whatever its outcome)
  2  the input could not be read, the arguments are wrong, or the request names a
     workload or Gateway that the input does not hold
`;

export interface SimulateIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly readStdin: (limit: number) => Promise<Buffer | string>;
}

interface SimulateArgs extends Readonly<MeshArgs> {
  readonly paths: string[];
  readonly to?: string;
  readonly from?: RequestSource;
  readonly method?: string;
  readonly headers: Record<string, string>;
  readonly jwt?: SimulatedJwt;
  readonly format: SimulateFormat;
  readonly help: boolean;
}

type SimulateFormat = 'text' | 'json';
const SIMULATE_FORMATS: readonly SimulateFormat[] = ['text', 'json'];
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function namespaced(option: string, value: string, what: string): [string, string] {
  const slash = value.indexOf('/');
  const ns = slash < 0 ? '' : value.slice(0, slash);
  const name = slash < 0 ? '' : value.slice(slash + 1);
  if (!NAMESPACE_NAME.test(ns) || name === '' || name.includes('/')) {
    throw new UsageError(`${option} ${value}: write NAMESPACE/${what}, e.g. ${option} bookinfo/${what === 'SERVICEACCOUNT' ? 'bookinfo-productpage' : 'productpage-v1'}`);
  }
  return [ns, name];
}

function parseArgs(argv: readonly string[]): SimulateArgs {
  const headers: Record<string, string> = {};
  let to: string | undefined;
  let from: RequestSource | undefined;
  let fromOption: string | undefined;
  let method: string | undefined;
  let format: SimulateFormat = 'text';
  const mesh: MeshArgs = {};
  let help = false;
  let jwtPrincipal: string | undefined;
  const audiences: string[] = [];
  let jwtInvalid = false;
  const setFrom = (option: string, source: RequestSource) => {
    if (fromOption !== undefined) throw new UsageError(`${option} and ${fromOption} both say who sends the request; give one`);
    fromOption = option;
    from = source;
  };
  const paths = scanArgs(argv, (option) => {
    if (meshArg(option, mesh, "lower-case letters, digits and '-', e.g. shop")) return;
    const name = option.name;
    switch (name) {
      case '--to':
        to = option.value();
        break;
      case '--from':
        setFrom(name, RequestSource.serviceAccount(...namespaced(name, option.value(), 'SERVICEACCOUNT')));
        break;
      case '--from-workload':
        setFrom(name, RequestSource.workload(...namespaced(name, option.value(), 'NAME')));
        break;
      case '--via-gateway':
        setFrom(name, RequestSource.viaGateway(...namespaced(name, option.value(), 'NAME')));
        break;
      case '--via-gateway-api':
        setFrom(name, RequestSource.viaGatewayApi(...namespaced(name, option.value(), 'NAME')));
        break;
      case '--outside-mesh':
        option.noValue();
        setFrom(name, RequestSource.outsideMesh());
        break;
      case '-X':
      case '--method': {
        const v = option.value();
        if (!/^[A-Za-z]+$/.test(v)) throw new UsageError(`${name} ${v}: not an HTTP method (e.g. GET, POST, DELETE)`);
        method = v.toUpperCase();
        break;
      }
      case '-H':
      case '--header': {
        const v = option.value();
        const colon = v.indexOf(':');
        const header = colon < 0 ? '' : v.slice(0, colon).trim();
        if (!HEADER_NAME.test(header)) throw new UsageError(`${name} '${v}': write 'NAME: VALUE', e.g. -H 'end-user: jason'`);
        headers[header.toLowerCase()] = v.slice(colon + 1).trim();
        break;
      }
      case '--jwt': {
        const v = option.value();
        const slash = v.lastIndexOf('/');
        if (slash <= 0 || slash === v.length - 1) throw new UsageError(`--jwt ${v}: write ISSUER/SUBJECT, e.g. --jwt testing@secure.istio.io/testing@secure.istio.io`);
        jwtPrincipal = v;
        break;
      }
      case '--jwt-audience':
        audiences.push(option.value());
        break;
      case '--jwt-invalid':
        option.noValue();
        jwtInvalid = true;
        break;
      case '-f':
      case '--format':
        format = formatArg(option.value(), SIMULATE_FORMATS);
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      default:
        throw new UsageError(`unknown option '${name}'`);
    }
  }, { valueMayStartWithDash: true });
  if (jwtPrincipal === undefined && (audiences.length > 0 || jwtInvalid)) {
    throw new UsageError('--jwt-audience and --jwt-invalid describe a token; give it with --jwt ISSUER/SUBJECT');
  }
  const slash = jwtPrincipal?.lastIndexOf('/') ?? -1;
  const jwt: SimulatedJwt | undefined = jwtPrincipal === undefined ? undefined : {
    issuer: jwtPrincipal.slice(0, slash),
    subject: jwtPrincipal.slice(slash + 1),
    audiences,
    invalid: jwtInvalid,
  };
  return { ...mesh, paths, to, from, method, headers, jwt, format, help };
}

/** Runs `simulate` and resolves to the exit code (0 with a trace, 2 on bad input). */
export async function simulateCommand(argv: readonly string[], io: SimulateIo): Promise<number> {
  let args: SimulateArgs;
  const usage = (message: string): number => usageError(io.stderr, 'simulate', message);
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usage(e.message);
  }
  if (args.help) {
    io.stdout.write(SIMULATE_USAGE);
    return ExitCode.OK;
  }
  if (args.to === undefined) return usage('no request given; say where it goes with --to URL (e.g. --to http://reviews:9080/)');
  if (args.paths.length === 0) return usage(NO_INPUT_MESSAGE);
  let target: RequestTarget;
  try {
    target = RequestTarget.url(args.to);
  } catch (e) {
    return usage(`--to: ${(e as Error).message.replace(/^RequestTarget\.url: /, '')}`);
  }

  let meshConfig: MeshConfigSetting | undefined;
  if (args.meshConfig !== undefined) {
    const read = readMeshConfigOption('simulate', args.meshConfig, io.cwd, io.stderr, readMeshConfigFile);
    if (typeof read === 'number') return read;
    meshConfig = read;
  }
  const loaded = await loadInputs(args.paths, {
    cwd: io.cwd,
    readStdin: io.readStdin,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    maxTotalBytes: DEFAULT_MAX_TOTAL_BYTES,
  }, io.stderr, () => `${PROGRAM} simulate: the input could not be read; nothing was simulated.`);
  if (!loaded) return ExitCode.USAGE_OR_INPUT;
  const model = new MeshModel(loaded.sources, meshModelOptions(args, meshConfig));
  let trace: RequestTrace;
  try {
    trace = MeshSimulator._fromModel(model).request({
      to: target,
      ...(args.from ? { from: args.from } : {}),
      ...(args.method ? { method: args.method } : {}),
      headers: args.headers,
      ...(args.jwt ? { jwt: args.jwt } : {}),
    });
  } catch (e) {
    if (!(e instanceof SimulationInputError)) throw e;
    io.stderr.write(`${PROGRAM} simulate: ${e.message}\n`);
    return ExitCode.USAGE_OR_INPUT;
  }
  io.stdout.write(args.format === 'json' ? `${JSON.stringify(toJsonTrace(trace), null, 2)}\n` : formatTrace(trace));
  return ExitCode.OK;
}

function ref(r: ObjectReference | undefined): { kind: string; namespace: string; name: string } | null {
  return r ? { kind: r.kind, namespace: r.namespace, name: r.name } : null;
}

/** The trace with every documented key present (null where it does not apply). */
export function toJsonTrace(t: RequestTrace): Record<string, unknown> {
  return {
    outcome: t.outcome,
    statusCode: t.statusCode ?? null,
    summary: t.summary,
    request: t.request,
    client: t.client,
    listener: t.listener ? { ...t.listener, hostname: t.listener.hostname ?? null } : null,
    route: t.route ? { ...t.route, virtualService: ref(t.route.virtualService), name: t.route.name ?? null } : null,
    unmatched: t.unmatched ?? null,
    destinations: t.destinations.map((d) => ({ ...d, subset: d.subset ?? null, port: d.port ?? null })),
    timeout: t.timeout ?? null,
    retries: t.retries ?? null,
    fault: t.fault ?? null,
    mirrors: t.mirrors,
    rewrite: t.rewrite ?? null,
    redirect: t.redirect ?? null,
    directResponse: t.directResponse ?? null,
    headerOperations: t.headerOperations ?? null,
    tls: t.tls ?? null,
    authorization: t.authorization
      ? { ...t.authorization, policy: ref(t.authorization.policy), rule: t.authorization.rule ?? null }
      : null,
    notes: t.notes,
  };
}

function objectName(r: ObjectReference): string {
  return `${r.kind} ${r.namespace}/${r.name}`;
}

function destinationLines(d: DestinationTrace): string[] {
  const lines = [`  ${d.host}${d.subset ? ` subset ${d.subset}` : ''}${d.port !== undefined ? ` port ${d.port}` : ''}  weight ${d.weight} (${d.share}%)  -> ${d.outcome}`];
  const p = d.policy;
  lines.push(`    policy:  ${p.destinationRule ? `${objectName(p.destinationRule)}${p.levels.length > 0 ? ` (${p.levels.join(', ')})` : ''}` : 'no DestinationRule'}`);
  if (p.loadBalancer !== undefined) lines.push(`             loadBalancer ${JSON.stringify(p.loadBalancer)}`);
  if (p.connectionPool !== undefined) lines.push(`             connectionPool ${JSON.stringify(p.connectionPool)}`);
  if (p.outlierDetection !== undefined) lines.push(`             outlierDetection ${JSON.stringify(p.outlierDetection)}`);
  lines.push(`    tls:     ${p.tls.mode}: ${p.tls.reason}`);
  const s = d.server;
  if (s) {
    lines.push(`    server:  ${s.workload ? objectName(s.workload) : 'no workload in the input'}, port ${s.port}, ${s.hasProxy ? 'sidecar' : 'no sidecar'}`);
    if (s.hasProxy) {
      lines.push(`    mTLS:    ${s.mtlsMode} (${s.mtlsLevel === 'default' ? 'no PeerAuthentication applies' : `${s.mtlsLevel}${s.peerAuthentication ? `, ${objectName(s.peerAuthentication)}` : ''}`})${s.mtls ? ', connection is mutual TLS' : ''}`);
      lines.push(`    authn:   ${s.authentication.reason}${s.authentication.issuers.length > 0 ? ` (issuers: ${s.authentication.issuers.join(', ')})` : ''}`);
    }
    const a = s.authorization;
    lines.push(`    authz:   ${a.decision}: ${a.reason}`);
    for (const audit of a.audited) lines.push(`             audited by ${objectName(audit)}`);
  }
  return lines;
}

/** The trace as readable text. */
export function formatTrace(t: RequestTrace): string {
  const r = t.request;
  const c = t.client;
  const who = c.kind === 'gateway' && c.gateway
    ? `through ${objectName(c.gateway)}`
    : c.kind === 'outside-mesh'
      ? 'from outside the mesh'
      : `from ${c.workload ? objectName(c.workload) : `namespace ${c.namespace}`}${c.serviceAccount ? ` (service account ${c.serviceAccount})` : ''}`;
  const lines: string[] = [
    `${r.method} ${r.scheme}://${r.host}:${r.port}${r.path} ${who}`,
    `outcome: ${t.outcome}${t.statusCode !== undefined ? ` (${t.statusCode})` : ''}`,
    `  ${t.summary}`,
    'client:',
    `  resolved host: ${r.resolvedHost}`,
    `  visible: ${c.hostVisible ? 'yes' : 'no'}: ${c.visibility}`,
    `  outbound policy: ${c.outboundPolicy}`,
  ];
  if (t.listener) {
    const l = t.listener;
    lines.push(l.name !== ''
      ? `listener: ${l.name} of ${objectName(l.gateway)} (${l.protocol} port ${l.port}, hostname ${l.hostname ?? 'any'})`
      : `listener: none of ${objectName(l.gateway)} takes the request`);
    for (const s of l.skipped) lines.push(`  skipped listener ${s.name}: ${s.reason}`);
    if (l.routes.length > 0) lines.push(`  routes for the host: ${l.routes.map(objectName).join(', ')}`);
    for (const refused of l.refusedRoutes) lines.push(`  not routing: ${objectName(refused.route)}: ${refused.reason}`);
  }
  if (t.route) {
    const rt = t.route;
    const rule = rt.virtualService.kind === 'VirtualService' ? 'route' : 'rule';
    lines.push(`route: ${objectName(rt.virtualService)}, ${rt.kind} ${rt.name ? `${rule} "${rt.name}" (#${rt.index})` : `${rule} #${rt.index}`}${rt.matchIndex !== undefined ? ` match[${rt.matchIndex}]` : ' (no match: takes every request)'}, on ${rt.boundTo}`);
    for (const s of rt.skipped) lines.push(`  skipped ${s.name ? `"${s.name}" (#${s.index})` : `#${s.index}`}: ${s.reason}`);
  } else if (t.unmatched) {
    lines.push(`route: none of the routes of ${objectName(t.unmatched.virtualService)} matches`);
    for (const s of t.unmatched.skipped) lines.push(`  skipped ${s.name ? `"${s.name}" (#${s.index})` : `#${s.index}`}: ${s.reason}`);
  }
  if (t.redirect !== undefined) lines.push(`redirect: ${JSON.stringify(t.redirect)}`);
  if (t.directResponse !== undefined) lines.push(`direct response: ${JSON.stringify(t.directResponse)}`);
  if (t.fault) {
    const f = t.fault;
    const parts = [
      ...(f.delay ? [`delay ${f.delay} on ${f.delayPercentage ?? 0}%`] : []),
      ...(f.abortHttpStatus !== undefined || f.abortGrpcStatus !== undefined ? [`abort ${f.abortHttpStatus ?? f.abortGrpcStatus} on ${f.abortPercentage ?? 0}%`] : []),
    ];
    lines.push(`fault: ${parts.join(', ')}`);
  }
  if (t.timeout) lines.push(`timeout: ${t.timeout}`);
  if (t.retries) {
    const rr = t.retries;
    lines.push(`retries: ${rr.attempts === 0 ? 'none' : `${rr.attempts} on ${rr.retryOn}${rr.perTryTimeout ? `, per try ${rr.perTryTimeout}` : ''}`}${rr.isDefault ? ' (Istio\'s default policy)' : ''}`);
  }
  if (t.rewrite !== undefined) lines.push(`rewrite: ${JSON.stringify(t.rewrite)}`);
  if (t.headerOperations !== undefined) lines.push(`headers: ${JSON.stringify(t.headerOperations)}`);
  for (const m of t.mirrors) lines.push(`mirror: ${m.host}${m.subset ? ` subset ${m.subset}` : ''}${m.port !== undefined ? ` port ${m.port}` : ''} (${m.percentage}%)`);
  if (t.destinations.length > 0) {
    lines.push('destinations:');
    for (const d of t.destinations) lines.push(...destinationLines(d));
  }
  if (t.notes.length > 0) {
    lines.push('notes:');
    for (const n of t.notes) lines.push(`  - ${n}`);
  }
  return `${lines.join('\n')}\n`;
}
