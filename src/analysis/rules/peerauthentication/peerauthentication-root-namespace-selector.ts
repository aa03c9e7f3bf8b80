import { Severity } from '../../diagnostic';
import { EffectiveMtls } from '../../facts/effective-mtls';
import { MeshModel } from '../../model';
import { workloadSelectorOf } from '../../resources/selectors';
import { Report, Rule } from '../../rule';
import { formatLabels } from '../../text';


export const peerAuthenticationRootNamespaceSelector: Rule = {
  id: 'peerauthentication-root-namespace-selector',
  kinds: ['PeerAuthentication'],
  severity: Severity.WARNING,
  summary: 'A PeerAuthentication with a selector in the root namespace, which Istio ignores.',
  origin: 'app',
  docs: 'A PeerAuthentication with a selector in the root namespace. Istio\'s ComposePeerAuthentication\n' +
    'only takes selector-less policies from the root namespace (the mesh-wide mode); a workload\n' +
    'policy there is ignored, for workloads of every namespace.',
  fields: 'spec.selector',
  fix: 'Move the policy to the workloads\' namespace, or remove the selector for a mesh-wide mode.',
  check(model: MeshModel, report: Report): void {
    for (const pa of EffectiveMtls.of(model).ignoredPolicies()) {
      report({
        object: pa,
        path: ['spec', 'selector'],
        message:
          `This PeerAuthentication has selector ${formatLabels(workloadSelectorOf(pa))} and lives in the root namespace ${model.rootNamespace}; ` +
          'Istio only reads selector-less (mesh-wide) policies from the root namespace and ignores workload policies there, so it has no effect.',
        fix: 'Create it in the namespace of the workloads it selects, or remove the selector to set the mesh-wide mode.',
      });
    }
  },
};
