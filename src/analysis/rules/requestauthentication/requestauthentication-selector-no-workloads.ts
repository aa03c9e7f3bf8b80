import { Severity } from '../../diagnostic';
import { selectorRule } from '../../facts/selector-workloads';

export const requestAuthenticationSelectorNoWorkloads = selectorRule({
  id: 'requestauthentication-selector-no-workloads',
  kinds: ['RequestAuthentication'],
  kind: 'RequestAuthentication',
  effect: 'no workload validates these JWTs',
  severity: Severity.WARNING,
  summary: 'A RequestAuthentication selector matches no workload of the app, so the policy applies to nothing.',
  origin: 'app',
  docs: 'The same check for RequestAuthentication (istioctl has none).',
  fields: 'spec.selector.matchLabels',
  fix: 'Use the pod template labels of the workload, in the policy\'s namespace.',
});
