import { Severity } from '../../diagnostic';
import { DATAPLANE, INJECTION, REVISION } from '../../facts/enrollment';
import { MeshModel } from '../../model';
import { Report, Rule } from '../../rule';

export const namespaceMultipleInjectionLabels: Rule = {
  id: 'namespace-multiple-injection-labels',
  kinds: ['Namespace'],
  severity: Severity.WARNING,
  istioCode: 'IST0123',
  summary: 'A namespace carries more than one of istio-injection, istio.io/rev and istio.io/dataplane-mode, so which enrollment applies is unclear.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message NamespaceMultipleInjectionLabels (IST0123)',
  docs: 'istioctl\'s NamespaceMultipleInjectionLabels (IST0123): a namespace carrying more than one of\n' +
    '`istio-injection`, `istio.io/rev` and `istio.io/dataplane-mode` (the last two only count while\n' +
    '`istio-injection` is absent or `enabled`), so which one wins is unclear.',
  fields: 'metadata.labels',
  fix: 'Keep one enrollment label.',
  check(model: MeshModel, report: Report): void {
    for (const ns of model.ofKind('', 'Namespace')) {
      if (ns.name === 'istio-system') continue;
      const l = ns.labels;
      const found: string[] = [];
      const injection = l[INJECTION];
      if (injection !== undefined) found.push(`${INJECTION}=${injection}`);
      for (const key of [REVISION, DATAPLANE]) {
        if (l[key] !== undefined && (injection === undefined || injection === 'enabled')) found.push(`${key}=${l[key]}`);
      }
      if (found.length < 2) continue;
      report({
        object: ns,
        path: ['metadata', 'labels'],
        message: `Namespace ${ns.name} has several enrollment labels (${found.join(', ')}); Istio's components read them in different orders, so which one applies is undefined.`,
        fix: 'Keep one: istio-injection=enabled (default revision), istio.io/rev=<revision> (a canary control plane), or istio.io/dataplane-mode=ambient.',
      });
    }
  },
};
