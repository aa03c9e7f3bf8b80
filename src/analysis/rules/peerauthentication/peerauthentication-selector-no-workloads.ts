import { Severity } from '../../diagnostic';
import { selectorRule } from '../../facts/selector-workloads';

export const peerAuthenticationSelectorNoWorkloads = selectorRule({
  id: 'peerauthentication-selector-no-workloads',
  kinds: ['PeerAuthentication'],
  kind: 'PeerAuthentication',
  effect: 'its mTLS mode applies to nothing and the namespace mode stays in force',
  severity: Severity.WARNING,
  summary: 'A PeerAuthentication selector matches no workload of the app, so the policy applies to nothing.',
  origin: 'app',
  docs: 'The same check for PeerAuthentication (istioctl has none).',
  fields: 'spec.selector.matchLabels',
  fix: 'Use the pod template labels of the workload, in the policy\'s namespace.',
});
