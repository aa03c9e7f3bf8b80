import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { hasWorkloadSelector } from '../../resources/workloads';
import { Report, Rule } from '../../rule';

export const peerAuthenticationInvalidPortLevelMtls: Rule = {
  id: 'peerauthentication-invalid-port-level-mtls',
  kinds: ['PeerAuthentication'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A PeerAuthentication has portLevelMtls without a workload selector, or a port key outside 1..65535 (Istio rejects it).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidatePeerAuthentication, validateWorkloadSelector',
  docs: 'Istio\'s `ValidatePeerAuthentication`: `portLevelMtls` needs a workload selector (a mesh- or\n' +
    'namespace-wide policy cannot have port-level modes), and its keys are port numbers 1..65535.',
  fields: 'spec.portLevelMtls',
  fix: 'Add a workload selector; use port keys of 1..65535.',
  check(model: MeshModel, report: Report): void {
    for (const pa of model.peerAuthentications()) {
      if (!isPlainObject(pa.spec) || !isPlainObject(pa.spec.portLevelMtls)) continue;
      const ports = Object.keys(pa.spec.portLevelMtls);
      if (ports.length > 0 && !hasWorkloadSelector(pa)) {
        const scope = pa.namespace === model.rootNamespace ? 'mesh-wide' : 'namespace-wide';
        report({
          object: pa,
          path: ['spec', 'portLevelMtls'],
          message:
            `portLevelMtls (ports ${ports.join(', ')}) is set on a ${scope} PeerAuthentication (no selector labels); ` +
            'Istio rejects it: "mesh/namespace peer authentication cannot have port level mTLS".',
          fix:
            'Add selector.matchLabels naming the workload whose ports these are, or move portLevelMtls into a separate ' +
            'workload PeerAuthentication and keep this one for the namespace-wide mode.',
        });
      }
      for (const key of ports) {
        const n = /^[0-9]+$/.test(key) ? Number(key) : NaN;
        if (n >= 1 && n <= 65535) continue;
        report({
          object: pa,
          path: ['spec', 'portLevelMtls', key],
          message: `portLevelMtls key "${key}" is not a port number; Istio requires ports in the range 1..65535.`,
          fix: 'Key each entry by the container port number the workload listens on, e.g. `8080: { mode: DISABLE }`.',
        });
      }
    }
  },
};
