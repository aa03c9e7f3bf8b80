import { selectorRule } from '../../facts/selector-workloads';

/** The same check for PeerAuthentication (istioctl has none). */
export const peerAuthenticationSelectorNoWorkloads = selectorRule(
  'PeerAuthentication', 'peerauthentication-selector-no-workloads', undefined, 'its mTLS mode applies to nothing and the namespace mode stays in force');
