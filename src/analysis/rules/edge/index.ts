import { namespaceMultipleInjectionLabels, namespaceNotEnrolled } from './enrollment';
import { gatewayConflictingServers, gatewayDuplicateCertificate } from './gateway-conflicts';
import {
  gatewayIgnoredTlsSettings,
  gatewayInvalidPort,
  gatewayInvalidServer,
  gatewayInvalidTls,
  gatewayTlsMissingCredential,
} from './gateway-webhook';
import { gatewayCredentialNotFound, gatewaySelectorNoWorkloads } from './gateway-workloads';
import { serviceExternalNamePortName, servicePortProtocolUndeclared } from './service-port-protocol';
import { serviceEntryAddressesRequired, serviceEntryConflictingHosts, serviceEntryConflictingProtocols } from './serviceentry-conflicts';
import {
  serviceEntryDnsUnresolvableHost,
  serviceEntryIgnoredSetting,
  serviceEntryInvalidAddress,
  serviceEntryInvalidEndpoint,
  serviceEntryInvalidExportTo,
  serviceEntryInvalidHost,
  serviceEntryInvalidPort,
  serviceEntryMultipleHostsTcp,
  serviceEntryPartialWildcardHost,
} from './serviceentry-webhook';
import { sidecarConflictingSelectors, sidecarIneffectiveInAmbient, sidecarMultipleNamespaceDefaults, sidecarSelectorNoWorkloads } from './sidecar-scope';
import {
  sidecarIgnoredSetting,
  sidecarInvalidConfig,
  sidecarInvalidEgress,
  sidecarInvalidIngress,
  sidecarInvalidOutboundTrafficPolicy,
} from './sidecar-webhook';
import { virtualServiceExternalHostBlocked } from './virtualservice-external-host-blocked';
import { virtualServiceHostNotInGateway } from './virtualservice-host-not-in-gateway';
import { Rule } from '../../rule';

/**
 * Rules for the edge of the mesh: Gateways, ServiceEntries, Sidecars, Service port protocols and
 * namespace enrollment. Webhook parity first (what Istio rejects or warns about, per object),
 * then the cross-resource analyses of `istioctl analyze`, then our own.
 */
export const EDGE_RULES: readonly Rule[] = [
  // Webhook parity: Gateway
  gatewayInvalidServer,
  gatewayInvalidPort,
  gatewayInvalidTls,
  gatewayTlsMissingCredential,
  gatewayIgnoredTlsSettings,
  // Webhook parity: ServiceEntry
  serviceEntryInvalidHost,
  serviceEntryPartialWildcardHost,
  serviceEntryInvalidAddress,
  serviceEntryInvalidPort,
  serviceEntryInvalidEndpoint,
  serviceEntryDnsUnresolvableHost,
  serviceEntryMultipleHostsTcp,
  serviceEntryInvalidExportTo,
  serviceEntryIgnoredSetting,
  // Webhook parity: Sidecar
  sidecarInvalidConfig,
  sidecarInvalidIngress,
  sidecarInvalidEgress,
  sidecarInvalidOutboundTrafficPolicy,
  sidecarIgnoredSetting,
  // istioctl analyzers
  virtualServiceHostNotInGateway,
  gatewaySelectorNoWorkloads,
  gatewayCredentialNotFound,
  gatewayConflictingServers,
  gatewayDuplicateCertificate,
  servicePortProtocolUndeclared,
  serviceExternalNamePortName,
  serviceEntryConflictingProtocols,
  serviceEntryAddressesRequired,
  sidecarSelectorNoWorkloads,
  sidecarConflictingSelectors,
  sidecarMultipleNamespaceDefaults,
  sidecarIneffectiveInAmbient,
  namespaceNotEnrolled,
  namespaceMultipleInjectionLabels,
  // Whole-app checks
  serviceEntryConflictingHosts,
  virtualServiceExternalHostBlocked,
];
