/**
 * One field broken at a time. A mutation is stored as an operation on a base case (not as the
 * whole YAML) so that thousands of variants of one app stay small in the repository; reading
 * the corpus applies it again.
 */
import { parseAllDocuments, stringify } from 'yaml';
import { CaseFile } from './corpus';
import { Prng } from './prng';

/** A path into one document: keys and array indexes. */
export type DocPath = Array<string | number>;

/** One change to a base case. `doc` is the index of the document within `file`. */
export type MutationOp =
  | { readonly op: 'set'; readonly file: number; readonly doc: number; readonly path: DocPath; readonly value: unknown }
  | { readonly op: 'delete'; readonly file: number; readonly doc: number; readonly path: DocPath }
  | { readonly op: 'delete-doc'; readonly file: number; readonly doc: number }
  | { readonly op: 'add-doc'; readonly file: number; readonly value: unknown }
  | { readonly op: 'copy-doc'; readonly file: number; readonly doc: number; readonly name: string; readonly namespace?: string };

/** The documents of each file, as plain JSON values. */
export function parseFiles(files: readonly CaseFile[]): unknown[][] {
  return files.map((f) => parseAllDocuments(f.content).map((d) => d.toJS()).filter((d) => d !== null && d !== undefined));
}

function parentOf(root: any, path: DocPath): { parent: any; key: string | number } | undefined {
  let cur = root;
  for (const k of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[k as any];
  }
  if (cur === null || typeof cur !== 'object') return undefined;
  return { parent: cur, key: path[path.length - 1] };
}

interface ParsedBase {
  readonly docs: unknown[][];
  /** Each document rendered alone, as the files were written (`---` between documents). */
  readonly texts: string[][];
}
const PARSED = new WeakMap<readonly CaseFile[], ParsedBase>();

const render = (doc: unknown) => stringify(doc, { lineWidth: 0 });

/**
 * Applies `op` to the base files. Many mutations share one base, so the base is parsed and
 * rendered once; only the changed document is rendered again (the files of the corpus are
 * written one rendered document at a time, so the untouched ones read the same).
 */
export function applyMutation(base: readonly CaseFile[], op: MutationOp): CaseFile[] {
  let parsed = PARSED.get(base);
  if (!parsed) {
    const docs = parseFiles(base);
    parsed = { docs, texts: docs.map((ds) => ds.map(render)) };
    PARSED.set(base, parsed);
  }
  const texts = parsed.texts.map((t) => [...t]);
  const file = texts[op.file];
  const copyOf = (doc: number) => JSON.parse(JSON.stringify(parsed!.docs[op.file][doc])) as any;
  switch (op.op) {
    case 'set': {
      const obj = copyOf(op.doc);
      // Missing maps on the way are created (an annotation on an object that has none).
      let cur = obj;
      for (const k of op.path.slice(0, -1)) {
        if (cur[k as any] === undefined || cur[k as any] === null) cur[k as any] = {};
        cur = cur[k as any];
        if (typeof cur !== 'object') break;
      }
      if (cur !== null && typeof cur === 'object') cur[op.path[op.path.length - 1] as any] = JSON.parse(JSON.stringify(op.value));
      file[op.doc] = render(obj);
      break;
    }
    case 'delete': {
      const obj = copyOf(op.doc);
      const at = parentOf(obj, op.path);
      if (at && Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
      else if (at) delete at.parent[at.key as any];
      file[op.doc] = render(obj);
      break;
    }
    case 'delete-doc':
      file.splice(op.doc, 1);
      break;
    case 'add-doc':
      file.push(render(op.value));
      break;
    case 'copy-doc': {
      const copy = copyOf(op.doc);
      copy.metadata = { ...(copy.metadata ?? {}), name: op.name, ...(op.namespace ? { namespace: op.namespace } : {}) };
      file.push(render(copy));
      break;
    }
  }
  return base.map((f, i) => ({ name: f.name, content: texts[i].join('---\n') }));
}

/** Broken (or borderline) values for a field, chosen by its name and current value. */
function badValues(key: string, value: unknown, path: DocPath): unknown[] {
  const k = key.toLowerCase();
  const inList = (name: string) => path.includes(name);
  if (/timeout|interval|basejectiontime|baseejectiontime|fixeddelay|maxage|ttl|backoff|duration|^time$|reportinginterval/.test(k) && typeof value === 'string') {
    return ['0s', '-1s', '1', '1ms', '500us', '0.0001s', '1h30x', 'abc', '87600h', '0.5s'];
  }
  if (k === 'weight') return [-1, 0, 101, 1000, 50, 'fifty'];
  if (k === 'number' || k === 'port' || k === 'targetport' || (inList('ports') && typeof value === 'number')) return [0, -1, 65535, 65536, 70000, 1, 15006, 15090];
  if (k === 'value' && inList('percentage')) return [-1, 0, 100.5, 101, 0.0001];
  if (k === 'percentage' || k === 'percent') return [-1, 101, 0, 100.5];
  if (k === 'httpstatus' || k === 'status' || k === 'redirectcode') return [0, 99, 600, 200, 304];
  if (k === 'grpcstatus') return ['NOT_A_CODE', 'ok', '14'];
  if (k === 'attempts') return [-1, 0, 1000];
  if (k === 'retryon') return ['5xx,bogus', '', 'gateway-error,503,abc'];
  if (k === 'hosts' || k === 'host' || k === 'nothosts' || k === 'sni' || k === 'authority' || inList('hosts')) {
    return ['*', '', 'foo_bar', '*.', 'a.*.com', '10.0.0.1', 'ns/host.example.com', 'UPPER.example.com', '-bad.example.com', '*/*', 'reviews', '~/x', '*.*.example.com'];
  }
  if (k === 'subset') return ['', 'nonexistent', 'Bad_Subset', 'v9'];
  if (k === 'name' && path.length === 2 && path[0] === 'metadata') return ['', 'Bad_Name', 'bad.name', 'x'.repeat(64), '-leading'];
  // Never empty: istioctl --all-namespaces leaves an object without namespace in namespace ''
  // (not `default`), so such a case would not be the same input for both tools.
  if (k === 'namespace' && path[0] === 'metadata') return ['Bad_NS', 'istio-system', 'other'];
  if (path[0] === 'metadata' && path[1] === 'labels') return ['', 'bad value!', 'x'.repeat(64), '-a'];
  if (k === 'mode') return ['STRICTER', 'strict', '', 'PERMISSIVE', 'DISABLE', 'ISTIO_MUTUAL', 'SIMPLE', 'AUTO_PASSTHROUGH'];
  if (k === 'protocol') return ['HTTPX', 'http', 'UDP', 'TCP', 'HTTPS', 'GRPC-WEB', ''];
  if (k === 'regex') return ['(', '[a-', '(?i)abc', '.*', 'a{1001}', '\\p{Greek}', '(?<name>x)'];
  if (k === 'exact' || k === 'prefix') return ['', '*', '/a b'];
  if (k === 'credentialname' || k === 'credentialnames') return ['', 'missing-secret', 'ns/secret', 'kubernetes://x'];
  if (k === 'issuer') return ['', 'not a url'];
  if (k === 'jwksuri') return ['not a url', 'http://', 'ftp://example.com/jwks', 'http://localhost/jwks'];
  if (k === 'jwks') return ['{', 'not json'];
  if (inList('principals') || inList('notPrincipals') || inList('requestPrincipals')) return ['*', 'a*b', '*a*', '', 'cluster.local/ns/x/sa/y', 'spiffe://cluster.local/ns/a/sa/b', 'name-only'];
  if (inList('paths') || inList('notPaths')) return ['*/a', '/a*b', '', 'noslash', '/a/{*}', '/a/{**}/b', '/**', '/a/*/b', '/{**}'];
  if (inList('methods') || inList('notMethods') || k === 'allowmethods') return ['get', 'FOO', '', '*', 'CONNECT'];
  if (inList('ports') || inList('notPorts')) return ['abc', '-1', '70000', '', '8080'];
  if (inList('ipBlocks') || inList('notIpBlocks') || inList('remoteIpBlocks') || k === 'addresses' || inList('addresses')) return ['10.0.0.0/33', 'abc', '1.2.3.4', '::1/129', '10.0.0.1/8', ''];
  if (inList('namespaces') || inList('notNamespaces')) return ['', '*', 'a*', 'Bad_NS'];
  if (k === 'key' && inList('when')) return ['', 'request.headers', 'request.headers[x', 'source.unknown', 'experimental.envoy.filters.x', 'request.auth.claims[]'];
  if (k === 'maxejectionpercent' || k === 'minhealthpercent' || k === 'randomsamplingpercentage') return [-1, 101, 0, 100, 150.5];
  if (/^(consecutive|max|http1|http2|probes)/.test(k) && typeof value === 'number') return [-1, 0, 2147483648, 1.5];
  if (k === 'filter' && typeof value === 'string') return ['response.code >=', '!!!', 'true', ''];
  if (k === 'expression') return ['response.code >=', 'request.host', ''];
  if (k === 'providers' || inList('providers')) return ['', 'nonexistent-provider', 'envoy'];
  if (k === 'exportto' || inList('exportTo')) return ['~', '*', '.', 'Bad_NS', 'other', ''];
  if (k === 'resolution') return ['DNS_X', 'STATIC', 'NONE', 'DNS', 'DNS_ROUND_ROBIN', 'dns'];
  if (k === 'location') return ['MESH_SOMEWHERE', 'mesh_external'];
  if (k === 'action') return ['PERMIT', 'CUSTOM', 'deny', 'AUDIT'];
  if (k === 'simple') return ['ROUND_ROBIN_X', 'PASSTHROUGH', 'LEAST_CONN', 'RANDOM', 'UNSPECIFIED'];
  if (k === 'gateways' || inList('gateways')) return ['', 'mesh', 'missing-gateway', 'istio-system/ingressgateway', 'other/gw', 'a/b/c'];
  if (k === 'uri' && typeof value === 'string') return ['', 'noslash', '/ok'];
  if (k === 'minprotocolversion' || k === 'maxprotocolversion') return ['TLSV1_0', 'TLSV1_3', 'TLS_AUTO', 'TLSV9'];
  if (k === 'ciphersuites' || inList('cipherSuites')) return ['BAD-CIPHER', 'ECDHE-RSA-AES128-GCM-SHA256', ''];
  if (k === 'bind') return ['0.0.0.0', 'localhost', 'not-an-ip', '127.0.0.1', 'unix:///var/run/x.sock'];
  if (k === 'defaultendpoint') return ['127.0.0.1:9080', '0.0.0.0:80', 'localhost', 'unix://x', '1.2.3.4:99999', ''];
  if (k === 'capturemode') return ['NONE', 'IPTABLES', 'BOGUS'];
  if (k === 'app' || k === 'version') return ['', 'bad value!', 'other'];
  if (typeof value === 'string') return ['', '*', 'INVALID VALUE', 5];
  if (typeof value === 'number') return [-1, 0, 1e10, String(value)];
  if (typeof value === 'boolean') return ['yes', 1, !value];
  return [];
}

interface Leaf {
  readonly path: DocPath;
  readonly value: unknown;
}

/** Leaves and containers of one object's metadata and spec (status and most pod internals left out). */
function collect(obj: any): { leaves: Leaf[]; maps: DocPath[]; lists: DocPath[]; keys: DocPath[] } {
  const leaves: Leaf[] = [];
  const maps: DocPath[] = [];
  const lists: DocPath[] = [];
  const keys: DocPath[] = [];
  const walk = (v: any, path: DocPath) => {
    // Kubernetes pod templates are not what this corpus is about; their labels and ports are.
    const p = path.join('.');
    if (/^spec\.template\.spec\.containers\.\d+\.(securityContext|resources|env|image|imagePullPolicy|livenessProbe|readinessProbe)/.test(p)) return;
    if (/^spec\.(strategy|revisionHistoryLimit|minReadySeconds|progressDeadlineSeconds)/.test(p)) return;
    if (Array.isArray(v)) {
      lists.push(path);
      v.forEach((x, i) => walk(x, [...path, i]));
    } else if (v !== null && typeof v === 'object') {
      maps.push(path);
      for (const [k, x] of Object.entries(v)) {
        keys.push([...path, k]);
        walk(x, [...path, k]);
      }
    } else {
      leaves.push({ path, value: v });
    }
  };
  if (obj?.metadata) walk(obj.metadata, ['metadata']);
  if (obj?.spec !== undefined) walk(obj.spec, ['spec']);
  for (const k of ['data', 'webhooks', 'subsets']) if (obj?.[k] !== undefined) walk(obj[k], [k]);
  return { leaves, maps, lists, keys };
}

const ISTIO_GROUPS = /istio\.io\//;

/** Annotations istioctl analyze knows about (valid, misplaced, deprecated, alpha, malformed). */
const ANNOTATIONS: Array<[string, string]> = [
  ['sidecar.istio.io/inject', 'false'],
  ['sidecar.istio.io/inject', 'maybe'],
  ['istio.io/unknown-annotation', 'x'],
  ['networking.istio.io/exportTo', '.'],
  ['networking.istio.io/exportTo', 'bad ns!'],
  ['sidecar.istio.io/interceptionMode', 'BOGUS'],
  ['sidecar.istio.io/interceptionMode', 'TPROXY'],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/8'],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', 'not-a-cidr'],
  ['proxy.istio.io/config', '{ concurrency: 2 }'],
  ['sidecar.istio.io/statsInclusionPrefixes', 'cluster'],
  ['readiness.status.sidecar.istio.io/applicationPorts', '8080'],
  ['status.sidecar.istio.io/port', 'abc'],
  ['sidecar.istio.io/proxyCPU', '100m'],
  ['policy.istio.io/check', 'disable'],
  ['istio.io/rev', 'canary'],
  ['ambient.istio.io/redirection', 'enabled'],
  ['istio.io/dry-run', 'true'],
  ['kubernetes.io/ingress.class', 'istio'],
];

/**
 * `count` mutations of a base case, chosen with `r`. Each is described in words (`note`) and
 * applied with {@link applyMutation}.
 */
export function chooseMutations(base: readonly CaseFile[], r: Prng, count: number): Array<{ op: MutationOp; note: string }> {
  const docs = parseFiles(base) as any[][];
  const refs: Array<{ file: number; doc: number; obj: any; istio: boolean }> = [];
  docs.forEach((ds, file) => ds.forEach((obj, doc) => {
    if (obj && typeof obj === 'object' && typeof obj.kind === 'string') refs.push({ file, doc, obj, istio: ISTIO_GROUPS.test(String(obj.apiVersion)) });
  }));
  const out: Array<{ op: MutationOp; note: string }> = [];
  if (refs.length === 0) return out;
  const istioRefs = refs.filter((x) => x.istio);
  const seen = new Set<string>();

  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    // Istio objects are what the checks are about; Kubernetes objects are broken less often.
    const ref = istioRefs.length > 0 && r.bool(0.85) ? r.pick(istioRefs) : r.pick(refs);
    const who = `${ref.obj.kind} ${ref.obj.metadata?.namespace ?? ''}/${ref.obj.metadata?.name ?? ''}`;
    const all = collect(ref.obj);
    // Kubernetes objects: only what Istio's analyzers read (labels, selectors, ports, annotations,
    // service accounts). Breaking the rest tests Kubernetes' own schema, which istioctl does not check.
    const relevant = (p: DocPath) => ref.istio || /^(metadata\.(labels|annotations|name|namespace)|spec\.(selector|ports|type|template\.metadata|template\.spec\.serviceAccountName|template\.spec\.containers\.\d+\.ports)|webhooks)/.test(p.join('.'));
    const leaves = all.leaves.filter((l) => relevant(l.path));
    const maps = all.maps.filter(relevant);
    const lists = all.lists.filter(relevant);
    const keys = all.keys.filter(relevant);
    const kind = r.int(0, 99);
    let m: { op: MutationOp; note: string } | undefined;
    if (kind < 55 && leaves.length > 0) {
      const leaf = r.pick(leaves);
      const key = String([...leaf.path].reverse().find((p) => typeof p === 'string') ?? '');
      const values = badValues(key, leaf.value, leaf.path).filter((v) => JSON.stringify(v) !== JSON.stringify(leaf.value));
      if (values.length > 0) {
        const value = r.pick(values);
        m = { op: { op: 'set', file: ref.file, doc: ref.doc, path: leaf.path, value }, note: `${who}: ${leaf.path.join('.')} = ${JSON.stringify(value)}` };
      }
    } else if (kind < 67 && keys.length > 0) {
      const path = r.pick(keys.filter((p) => (p.length > 1 || p[0] !== 'metadata') && p.join('.') !== 'metadata.namespace'));
      if (path) m = { op: { op: 'delete', file: ref.file, doc: ref.doc, path }, note: `${who}: delete ${path.join('.')}` };
    } else if (kind < 72 && lists.length > 0) {
      const path = r.pick(lists);
      m = { op: { op: 'set', file: ref.file, doc: ref.doc, path, value: [] }, note: `${who}: ${path.join('.')} = []` };
    } else if (kind < 77 && lists.length > 0) {
      // A duplicated list element: duplicate subsets, servers, routes, ports.
      const path = r.pick(lists);
      const list = path.reduce((acc: any, k) => acc?.[k as any], ref.obj);
      if (Array.isArray(list) && list.length > 0) {
        m = { op: { op: 'set', file: ref.file, doc: ref.doc, path, value: [...list, list[r.int(0, list.length - 1)]] }, note: `${who}: ${path.join('.')} gets a duplicate element` };
      }
    } else if (kind < 81 && maps.length > 0) {
      const path = r.pick(maps.filter((p) => p[0] === 'spec') );
      if (path) {
        const field = r.pick(['unknownField', 'hostz', 'Hosts', 'subset', 'timeout']);
        m = { op: { op: 'set', file: ref.file, doc: ref.doc, path: [...path, field], value: r.pick([1, 'x', true]) }, note: `${who}: add ${[...path, field].join('.')}` };
      }
    } else if (kind < 87 && refs.length > 1) {
      m = { op: { op: 'delete-doc', file: ref.file, doc: ref.doc }, note: `delete ${who}` };
    } else if (kind < 93) {
      const name = `${String(ref.obj.metadata?.name ?? 'x').slice(0, 50)}-copy`;
      const ns = r.bool(0.3) ? r.pick(['default', 'istio-system', 'other']) : undefined;
      m = { op: { op: 'copy-doc', file: ref.file, doc: ref.doc, name, ...(ns ? { namespace: ns } : {}) }, note: `copy ${who} as ${ns ? `${ns}/` : ''}${name}` };
    } else {
      const [k, v] = r.pick(ANNOTATIONS);
      const target = r.bool(0.5) && ref.obj.spec?.template?.metadata ? ['spec', 'template', 'metadata', 'annotations', k] : ['metadata', 'annotations', k];
      m = { op: { op: 'set', file: ref.file, doc: ref.doc, path: target, value: v }, note: `${who}: annotation ${target.slice(0, -1).join('.')} ${k}=${v}` };
    }
    if (!m) continue;
    const sig = JSON.stringify(m.op);
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(m);
  }
  return out;
}
