/** figures.json and docs/fidelity.md, written by `npx projen differential`. */
import * as fs from 'fs';
import * as path from 'path';
import { CaseReplay, Disagreement, excused, Figures, TARGETS } from './compare';
import { Case, ClusterVerdict, FIGURES_FILE, objectKey, Verdict } from './corpus';
import { CATEGORIES } from './known';
import { ANALYZER_SKIPPED_ON_FILES, ANALYZERS_SKIPPED_ON_FILES, SETTLED_BY_CLUSTER } from './skipped-analyzers';

export const FIDELITY_DOC = path.join(__dirname, '..', '..', 'docs', 'fidelity.md');

export interface ReportInput {
  readonly cases: readonly Case[];
  readonly verdicts: readonly Verdict[];
  /** The cluster oracle's verdicts (empty when never recorded). */
  readonly clusterVerdicts: readonly ClusterVerdict[];
  readonly replays: readonly CaseReplay[];
  readonly figures: Figures;
  readonly disagreements: readonly Disagreement[];
  readonly known: ReadonlySet<string>;
  readonly istioctlVersion: string;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function kindsOf(verdicts: readonly Verdict[]): Array<[string, number]> {
  return countBy(verdicts.flatMap((v) => v.objects), (o) => o.kind);
}

export function writeFigures(input: ReportInput): void {
  const ex = excused(input.figures, input.disagreements, input.known);
  const data = {
    istioctl: input.istioctlVersion,
    targets: TARGETS,
    figures: input.figures,
    afterKnownDisagreements: ex,
    casesByOrigin: Object.fromEntries(countBy(input.cases, (c) => c.origin)),
    objectsByKind: Object.fromEntries(kindsOf(input.verdicts)),
    disagreementsByType: Object.fromEntries(countBy(input.disagreements, (d) => d.type)),
  };
  fs.writeFileSync(FIGURES_FILE, `${JSON.stringify(data, null, 2)}\n`);
}

const TABLE_ROWS = 40;

function table(header: string[], rows: Array<Array<string | number>>): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

function examples(ds: readonly Disagreement[], n = 3): string {
  return ds.slice(0, n).map((d) => `\`${d.case}\``).join(', ');
}

export function writeFidelityDoc(input: ReportInput): void {
  const f = input.figures;
  const ex = excused(f, input.disagreements, input.known);
  const caseNotes = new Map(input.cases.map((c) => [c.id, c.note]));
  const byType = (t: Disagreement['type']) => input.disagreements.filter((d) => d.type === t);
  const mark = (ok: boolean) => (ok ? 'met' : '**not met**');

  // Findings lint makes where istioctl has nothing to say: rules without an istioctl code,
  // as warnings or infos, on objects both istioctl commands accept.
  const acceptedKeys = new Set<string>();
  for (const v of input.verdicts) {
    const errs = new Set(v.analyze.filter((m) => m.level === 'Error').map((m) => objectKey(m)));
    for (const o of v.objects) if (o.validate === 'accepted' && !errs.has(objectKey(o))) acceptedKeys.add(`${v.id}|${objectKey(o)}`);
  }
  const lintOnly = input.replays.flatMap((r) => r.findings.filter((x) => !x.istioCode && x.severity !== 'error' && acceptedKeys.has(`${r.id}|${x.object}`)).map((x) => ({ ...x, case: r.id })));

  const falseByRule = new Map<string, Disagreement[]>();
  const schemaFalse = byType('false-error').filter((d) => d.category === 'crd-schema');
  const schemaByRule = new Map<string, Disagreement[]>();
  for (const d of schemaFalse) for (const rule of d.detail.split(', ')) schemaByRule.set(rule, [...(schemaByRule.get(rule) ?? []), d]);
  const skippedFalse = byType('false-error').filter((d) => d.category === 'analyzer-skipped-on-files');
  const skippedByRule = new Map<string, Disagreement[]>();
  for (const d of skippedFalse) for (const rule of d.detail.split(', ')) skippedByRule.set(rule, [...(skippedByRule.get(rule) ?? []), d]);
  const trafficFalse = byType('false-error').filter((d) => d.category === 'traffic-fails');
  const deliberateFalse = new Set(['crd-schema', 'analyzer-skipped-on-files', 'traffic-fails']);
  for (const d of byType('false-error').filter((x) => !deliberateFalse.has(x.category ?? ''))) for (const rule of d.detail.split(', ')) falseByRule.set(rule, [...(falseByRule.get(rule) ?? []), d]);
  const conventionMissed = byType('missed-rejection').filter((d) => d.category === 'istioctl-service-convention');
  const missedByCode = new Map<string, Disagreement[]>();
  for (const d of byType('missed-message')) missedByCode.set(d.code!, [...(missedByCode.get(d.code!) ?? []), d]);
  const rejectedByKind = new Map<string, Disagreement[]>();
  for (const d of byType('missed-rejection').filter((x) => x.category !== 'istioctl-service-convention')) {
    const kind = d.object.split(' ')[0];
    rejectedByKind.set(kind, [...(rejectedByKind.get(kind) ?? []), d]);
  }
  const sorted = (m: Map<string, Disagreement[]>) => [...m.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));

  const lines: string[] = [];
  lines.push(
    '# Fidelity: lint against istioctl',
    '',
    '<!-- Written by `npx projen differential` (scripts/differential/); do not edit by hand. -->',
    '',
    `How closely \`cdk8s-istio lint\` agrees with the real Istio, measured on a recorded corpus: istioctl ${input.istioctlVersion}`,
    'was run on every input (`istioctl validate -f`, the validation webhook\'s checks offline, and',
    '`istioctl analyze --use-kube=false --all-namespaces`), its verdicts were kept under `test/differential/`',
    '(codes, levels and objects only), and the replay test (`test/differential/replay.test.ts`) runs lint on the same',
    'inputs, without Go or istioctl, on every CI run. The analyzers `istioctl analyze --use-kube=false` skips have a',
    'second oracle, the same analyzers run against an in-memory cluster (see "The cluster oracle" below).',
    '',
    '## Corpus',
    '',
    'Every case is a self-contained set of files that both tools analyse together; every namespaced object carries its',
    'namespace (Istio\'s samples get `default` written in where they have none, where `kubectl apply` would put them).',
    '',
    table(['origin', 'cases', 'what'], countBy(input.cases, (c) => c.origin).map(([o, n]) => [o, n, {
      'construct': 'random valid apps built with the library\'s constructs (seeded, deterministic)',
      'construct-mutation': 'the same apps with one field broken, one document removed or copied, or one annotation added',
      'plain': 'hand-written manifests of kinds the constructs do not emit (EnvoyFilter, WorkloadEntry, webhooks, mesh config, ...) and their mutations',
      'sample': 'Istio\'s own samples/ and manifests/ YAML',
    }[o] ?? ''])),
    '',
    `${f.cases} cases, ${input.verdicts.reduce((n, v) => n + v.objects.length, 0)} objects. Objects by kind:`,
    '',
    table(['kind', 'objects'], kindsOf(input.verdicts)),
    '',
    '## Figures',
    '',
    table(['figure', 'today', 'target', 'with the listed disagreements excused'], [
      ['false errors (istioctl accepts, lint errors)', `${f.falseErrors} of ${f.acceptedObjects} accepted objects`, `${TARGETS.falseErrors}`, `${ex.falseErrors} (${mark(ex.falseErrors <= TARGETS.falseErrors)})`],
      ['rejections caught (validate rejects, lint errors on the same object)', `${f.rejectionsCaughtPercent} % (${f.rejectionsCaught} of ${f.rejectedObjects})`, `≥ ${TARGETS.rejectionsCaughtPercent} %`, `${ex.rejectionsCaughtPercent} % (${mark(ex.rejectionsCaughtPercent >= TARGETS.rejectionsCaughtPercent)})`],
      ['analyze messages matched (same IST code, same object)', `${f.messagesMatchedPercent} % (${f.messagesMatched} of ${f.analyzeMessages})`, `≥ ${TARGETS.messagesMatchedPercent} %`, `${ex.messagesMatchedPercent} % (${mark(ex.messagesMatchedPercent >= TARGETS.messagesMatchedPercent)})`],
    ]),
    '',
    'Two figures are kept apart from these, each with its reason:',
    '',
    table(['figure', 'today', 'why apart'], [
      ['Services istioctl validate rejects, with a lint error', `${f.serviceConventionCaught} of ${f.serviceConventionRejected}`,
        'istioctl validate checks nothing on a Service but its own port-naming convention, which the API server and Istio\'s webhook do not enforce and traffic survives (protocol sniffing); lint reports it at info as `istioctl analyze` does (IST0118), category `istioctl-service-convention`'],
      ['cluster oracle messages lint reports (same IST code, same object)', `${f.clusterMessagesMatched} of ${f.clusterMessages}`,
        'messages of the analyzers istioctl skips on files, run against an in-memory cluster that holds only the case\'s objects: lint assumes secrets, pods and Services it is not shown may exist, so many of these are not lint\'s to report (see below)'],
    ]),
    '',
    `Targets today: false errors ${mark(f.falseErrors <= TARGETS.falseErrors)}, rejections ${mark(f.rejectionsCaughtPercent >= TARGETS.rejectionsCaughtPercent)}, messages ${mark(f.messagesMatchedPercent >= TARGETS.messagesMatchedPercent)}. ` +
      `Of the ${f.falseErrors} false errors, ${byType('false-error').filter((x) => !deliberateFalse.has(x.category ?? '')).length} are outside the deliberate ` +
      'categories (`crd-schema`: the API server rejects the object; `traffic-fails`: the traffic certainly fails; ' +
      '`analyzer-skipped-on-files` without a cluster verdict), which the severity policy makes errors and the replay test allows; any other fails CI.',
    f.lintInputFailures > 0 ? `lint could not read ${f.lintInputFailures} cases that istioctl read (category \`lint-input-failure\`).` : 'lint read every case istioctl read.',
    '',
    'Every disagreement of today is listed in `test/differential/known-disagreements.json` with a category; the replay',
    'test fails on a new one and on a listed one that is fixed, so the list only shrinks. The categories:',
    '',
    table(['category', 'meaning', 'disagreements'], Object.entries(CATEGORIES).map(([c, m]) => [`\`${c}\``, m, input.disagreements.filter((d) => (d.category ?? '') === c).length])),
    '',
    ...clusterSection(input),
    '## Disagreements',
    '',
    '### False errors, by rule (to fix; schema errors, certain traffic failures and analyzers istioctl skips on files are under Deliberate differences)',
    '',
    falseByRule.size === 0 ? 'None.' : table(['rule', 'objects', 'examples'], sorted(falseByRule).slice(0, TABLE_ROWS).map(([rule, ds]) => [`\`${rule}\``, ds.length, examples(ds)])),
    '',
    '### Rejections lint misses, by kind (to fix; istioctl\'s Service naming convention is under Deliberate differences)',
    '',
    'What was broken in a few of the cases is in the corpus note (`note` of the case).',
    '',
    rejectedByKind.size === 0 ? 'None.' : table(['kind', 'objects', 'lint said instead (most frequent)', 'examples (what was broken)'], sorted(rejectedByKind).slice(0, TABLE_ROWS).map(([kind, ds]) => [
      kind, ds.length, countBy(ds, (d) => d.detail)[0][0],
      ds.slice(0, 2).map((d) => `\`${d.case}\` (${(caseNotes.get(d.case) ?? '').slice(0, 80)})`).join('; '),
    ])),
    '',
    '### analyze messages lint misses, by IST code (to fix)',
    '',
    missedByCode.size === 0 ? 'None.' : table(['code', 'messages', 'lint said instead (most frequent)', 'examples'], sorted(missedByCode).slice(0, TABLE_ROWS).map(([code, ds]) => [code, ds.length, countBy(ds, (d) => d.detail)[0][0], examples(ds)])),
    '',
    '## Deliberate differences',
    '',
    'Checks istioctl does not make, which lint reports as warnings or infos (never errors) on objects both istioctl',
    'commands accept: they flag configurations Istio accepts but that are dead, risky or surprising. They do not count',
    'against the figures.',
    '',
    lintOnly.length === 0 ? 'None in this corpus.' : table(['rule', 'severity', 'findings', 'examples'], countBy(lintOnly, (x) => `${x.ruleId}|${x.severity}`).slice(0, TABLE_ROWS).map(([k, n]) => {
      const [rule, sev] = k.split('|');
      return [`\`${rule}\``, sev, n, lintOnly.filter((x) => x.ruleId === rule).slice(0, 2).map((x) => `\`${x.case}\``).join(', ')];
    })),
    '',
    'Errors from the CRD schema and CEL rules (category `crd-schema`) on objects istioctl validate accepts: the API',
    'server validates custom resources against the CRD\'s OpenAPI schema and CEL rules before Istio\'s webhook runs, and',
    '`istioctl validate` does not, so lint is right to report these as errors (they are still listed, so that each is',
    'checked against the CRDs once).',
    '',
    schemaByRule.size === 0 ? 'None in this corpus.' : table(['rule', 'objects', 'examples'], sorted(schemaByRule).slice(0, TABLE_ROWS).map(([rule, ds]) => [`\`${rule}\``, ds.length, examples(ds)])),
    '',
    'Errors from rules whose istioctl analyzer does not run on local files, on cases the cluster oracle has no verdict',
    'on (category `analyzer-skipped-on-files`): istioctl is silent on these objects here, and nothing settles them; each',
    'stays listed until a recording of the cluster oracle covers its case.',
    '',
    skippedByRule.size === 0 ? 'None in this corpus.' : table(['rule', 'objects', 'examples'], sorted(skippedByRule).slice(0, TABLE_ROWS).map(([rule, ds]) => [`\`${rule}\``, ds.length, examples(ds)])),
    '',
    'Errors on objects Istio accepts because the traffic they configure certainly fails (category `traffic-fails`):',
    'a DestinationRule TLS mode the server side refuses, where nothing in the analysed set says the server runs without',
    'a sidecar and the setting is in use (a subset no route reaches is only a warning). istioctl 1.30 no longer runs the analyzer that',
    'reported this (IST0113); each rule\'s docs give the reason for the error.',
    '',
    trafficFalse.length === 0 ? 'None in this corpus.' : table(['rule', 'objects', 'examples'], countBy(trafficFalse, (d) => d.detail).map(([rules, n]) => [rules.split(', ').map((r) => `\`${r}\``).join(', '), n, examples(trafficFalse.filter((d) => d.detail === rules))])),
    '',
    'Services istioctl validate rejects for its own port-naming convention (category `istioctl-service-convention`):',
    'an unnamed port, or a port name or appProtocol that names no Istio protocol. istioctl says "This is not',
    'recommended"; the API server and Istio\'s webhook accept such a Service and Istio sniffs the protocol, so lint',
    'reports it as istioctl analyze does (IST0118, info) and not as an error. An appProtocol Kubernetes itself rejects',
    '(not a qualified name) is an error in lint (`schema-invalid-format`).',
    '',
    conventionMissed.length === 0 ? 'None in this corpus.' : `${conventionMissed.length} Services, e.g. ${conventionMissed.slice(0, 3).map((d) => `\`${d.case}\` (${(caseNotes.get(d.case) ?? '').slice(0, 60)})`).join('; ')}.`,
    '',
    'Everything under "Disagreements" above is to fix unless it is moved here with its reason.',
    '',
    '## Reproducing',
    '',
    '```sh',
    'ISTIOCTL=/path/to/istioctl-1.30.3 npx projen differential      # regenerate the corpus, record istioctl, replay, write this file',
    'npx projen differential -- --replay-only                         # replay the recorded corpus only (no istioctl)',
    'npx projen differential -- --replay-only --update-known          # after fixing the engine: shrink the known list',
    'npx jest test/differential                                        # the replay test',
    '```',
    '',
  );
  fs.writeFileSync(FIDELITY_DOC, lines.join('\n'));
}

/** How the cluster verdicts were produced, what they cover and what they show. */
function clusterSection(input: ReportInput): string[] {
  const f = input.figures;
  const lines = ['## The cluster oracle', ''];
  if (input.clusterVerdicts.length === 0) {
    return [...lines, 'No cluster verdicts are recorded: errors of the rules whose analyzer istioctl skips on files are listed apart (`analyzer-skipped-on-files`).', ''];
  }
  const failed = input.clusterVerdicts.filter((c) => c.failed).length;
  const settledMessages = input.clusterVerdicts.flatMap((c) => c.analyze.filter((m) => SETTLED_BY_CLUSTER.has(`${m.analyzer}|${m.code}`)));
  const silent = input.disagreements.filter((d) => d.category === 'cluster-analyzer-silent');
  const silentByRule = new Map<string, Disagreement[]>();
  for (const d of silent) for (const rule of d.detail.split(', ')) silentByRule.set(rule, [...(silentByRule.get(rule) ?? []), d]);
  const missed = input.disagreements.filter((d) => d.type === 'missed-message' && d.oracle === 'cluster');
  const byCase = new Map(input.clusterVerdicts.map((c) => [c.id, c]));
  // The analyzer behind a missed message (one code can come from several analyzers).
  const analyzerOf = (d: Disagreement) => byCase.get(d.case)?.analyze
    .find((m) => m.code === d.code && objectKey(m) === d.object && SETTLED_BY_CLUSTER.has(`${m.analyzer}|${m.code}`))?.analyzer ?? 'unknown';
  lines.push(
    '`istioctl analyze --use-kube=false` skips every analyzer that needs a resource type only a live cluster provides',
    `(${ANALYZERS_SKIPPED_ON_FILES.map((a) => `\`${a}\``).join(', ')}), so on files istioctl cannot confirm or`,
    'contradict the lint rules that make the same checks. Those analyzers were therefore run a second time, from Istio',
    `${input.istioctlVersion}'s own source (a small Go program outside this repository, \`$ISTIO_CLUSTER_ORACLE\`), the way`,
    '`istioctl analyze --all-namespaces FILE...` runs against a live cluster: an in-memory Kubernetes cluster (Istio\'s',
    'fake kube client) holds each case\'s Namespaces (also the ones its objects\' namespaces imply, as a real cluster',
    'would have), Services, Secrets and Pods, one Pod per workload template (Deployment, StatefulSet, DaemonSet,',
    'ReplicaSet, ReplicationController, Job, CronJob: the template\'s labels, annotations, service account and',
    'containers, plus the sidecar, or the ambient enrolment, an Istio install gives where the pod or its namespace asks',
    'for one), and the `istio: ingressgateway` / `istio: egressgateway` workloads and Services of an Istio install in',
    '`istio-system`; the case\'s files are added on top as istioctl adds them, with the case\'s mesh config. The',
    'verdicts (codes, levels, analyzers and objects) are in `test/differential/cluster-verdicts.jsonl.gz`.',
    '',
    'Only the messages of the checks the matching lint rules make are used, so that what the simulated cluster lacks',
    '(injected sidecars, image versions, …) does not count:',
    '',
    table(['lint rule', 'analyzer', 'code'], Object.entries(ANALYZER_SKIPPED_ON_FILES).map(([rule, c]) => [`\`${rule}\``, `\`${c.analyzer}\``, c.code])),
    '',
    'An error of these rules is agreement when the analyzer reports the rule\'s code as an Error on the same object, and a',
    'false error (category `cluster-analyzer-silent`) when it does not; each message of those checks counts among the',
    'analyze messages above, matched when lint reports its code on the object.',
    '',
    table(['figure', 'value'], [
      ['cases with a cluster verdict', `${f.clusterCases} of ${f.cases}${failed > 0 ? ` (${failed} could not be analysed)` : ''}`],
      ['lint errors of these rules (object + rule) judged', f.clusterJudgedErrors],
      ['of which the cluster oracle reports as an Error on the same object', `${f.clusterConfirmedErrors} (${pctOf(f.clusterConfirmedErrors, f.clusterJudgedErrors)} %)`],
      ['messages of these checks', `${f.clusterMessages} (${settledMessages.length} before merging with the file verdicts)`],
      ['of which lint reports with the same code on the object', `${f.clusterMessagesMatched} (${pctOf(f.clusterMessagesMatched, f.clusterMessages)} %)`],
    ]),
    '',
    'Errors the cluster oracle does not confirm, by rule (to fix, or to explain):',
    '',
    silentByRule.size === 0 ? 'None.' : table(['rule', 'objects', 'examples'], [...silentByRule.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([rule, ds]) => [`\`${rule}\``, ds.length, examples(ds)])),
    '',
    'Its messages lint misses, by analyzer and code. The simulated cluster holds only the case\'s objects, while lint',
    'deliberately stays silent where the missing piece may live outside the analysed files (a gateway\'s TLS Secret, the',
    'pods of a Service the case does not deploy, a gateway Service it does not define), so most of these are that',
    'difference in assumptions rather than checks lint lacks:',
    '',
    missed.length === 0 ? 'None.' : table(['analyzer', 'code', 'messages', 'lint said instead (most frequent)', 'examples'], countBy(missed, (d) => `${analyzerOf(d)}|${d.code}`).map(([k]) => {
      const ds = missed.filter((d) => `${analyzerOf(d)}|${d.code}` === k);
      const [analyzer, code] = k.split('|');
      return [`\`${analyzer}\``, code, ds.length, countBy(ds, (d) => d.detail)[0][0], examples(ds)];
    })),
    '',
  );
  return lines;
}

const pctOf = (n: number, d: number) => (d === 0 ? 100 : Math.floor((n / d) * 10000) / 100);
