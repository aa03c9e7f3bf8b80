import { Severity } from '../../../../src/analysis/diagnostic';
import { gateway, gatewayWith, httpsServer } from '../../../fixtures/manifests';
import { clean, many, ruleById } from '../../../fixtures/rules';

const gatewayDuplicateCertificate = ruleById('gateway-duplicate-certificate');

describe('gateway-duplicate-certificate', () => {
  test('warns when two Gateways on one workload serve the same secret', () => {
    const a = gatewayWith('a', 'edge', httpsServer(['a.example.com'], { mode: 'SIMPLE', credentialName: 'wildcard-cert' }));
    const b = gatewayWith('b', 'edge', httpsServer(['b.example.com'], { mode: 'SIMPLE', credentialName: 'wildcard-cert' }));
    const ds = many(gatewayDuplicateCertificate, [a, b], ['spec.servers[0].tls.credentialName', 'spec.servers[0].tls.credentialName'], { severity: Severity.WARNING });
    expect(ds.map((d) => d.resource.name)).toEqual(['a', 'b']);
    expect(ds[0].message).toContain('HTTP/2');
  });

  test('accepts one Gateway server listing all hosts of the certificate', () => {
    clean(gatewayDuplicateCertificate, [
      gateway('all', 'edge', { selector: { istio: 'ingressgateway' }, servers: [httpsServer(['a.example.com', 'b.example.com'], { mode: 'SIMPLE', credentialName: 'wildcard-cert' })] }),
      gatewayWith('other', 'edge', httpsServer(['c.example.org'], { mode: 'SIMPLE', credentialName: 'org-cert' })),
    ]);
  });
});
