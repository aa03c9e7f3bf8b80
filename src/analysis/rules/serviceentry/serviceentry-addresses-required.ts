import { Severity } from '../../diagnostic';
import { proxyMetadataOf } from '../../facts/mesh-config';
import { portsOf } from '../../facts/serviceentry-scopes';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { arrayOf } from '../../resources/virtualservice';
import { Report, Rule } from '../../rule';

export const serviceEntryAddressesRequired: Rule = {
  id: 'serviceentry-addresses-required',
  kinds: ['ServiceEntry'],
  severity: Severity.WARNING,
  istioCode: 'IST0134',
  summary: 'A ServiceEntry without addresses has a TCP (or protocol-less) port, which the proxy can only match by destination IP, unless DNS auto-allocation is on.',
  origin: 'istioctl',
  istioSource: 'pkg/config/analysis/analyzers, message ServiceEntryAddressesRequired (IST0134)',
  docs: 'A ServiceEntry without addresses has a TCP (or protocol-less) port, which the proxy can only match by destination IP, unless DNS auto-allocation is on.\n' +
    'istioctl analyze reports the same check as IST0134 (ServiceEntryAddressesRequired).',
  fields: 'spec.addresses, spec.ports[]',
  fix: 'Add addresses, use an HTTP/TLS protocol, or enable DNS auto-allocation.',
  check(model: MeshModel, report: Report): void {
    const entries = model.serviceEntries();
    if (entries.length === 0) return;
    const md = proxyMetadataOf(model);
    const autoAllocated = md.ISTIO_META_DNS_CAPTURE === 'true' && (md.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || md.PILOT_ENABLE_IP_AUTOALLOCATE === 'true');
    if (autoAllocated) return;
    for (const se of entries) {
      if (!isPlainObject(se.spec) || arrayOf(se.spec.addresses).length > 0) continue;
      const status = isPlainObject(se.source.manifest) ? se.source.manifest.status : undefined;
      if (isPlainObject(status) && arrayOf(status.addresses).length > 0) continue;
      for (const p of portsOf(se)) {
        if (p.protocol !== '' && p.protocol.toUpperCase() !== 'TCP') continue;
        report({
          object: se,
          path: ['spec', 'ports', p.index],
          message:
            `Port ${p.number} is ${p.protocol === '' ? 'without protocol' : 'TCP'} and the ServiceEntry has no addresses: plain TCP carries no host name, so the proxy can only tell this service's ` +
            `connections apart by destination IP, and with no address every TCP connection on port ${p.number} may be taken for it (or none).`,
          fix:
            'Add addresses (the virtual IP or CIDR the clients connect to), declare the real protocol (HTTP, TLS/HTTPS carry the host name), ' +
            'or enable DNS proxying with address auto-allocation (proxyMetadata ISTIO_META_DNS_CAPTURE and ISTIO_META_DNS_AUTO_ALLOCATE).',
        });
      }
    }
  },
};
