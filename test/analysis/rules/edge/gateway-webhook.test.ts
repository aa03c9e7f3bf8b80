import { expectClean, gateway, gatewayWith, httpServer, httpsServer, run } from './fixtures';
import { Severity } from '../../../../src/analysis/diagnostic';
import { gatewayIgnoredTlsSettings } from '../../../../src/analysis/rules/gateway/gateway-ignored-tls-settings';
import { gatewayInvalidPort } from '../../../../src/analysis/rules/gateway/gateway-invalid-port';
import { gatewayInvalidServer } from '../../../../src/analysis/rules/gateway/gateway-invalid-server';
import { gatewayInvalidTls } from '../../../../src/analysis/rules/gateway/gateway-invalid-tls';
import { gatewayTlsMissingCredential } from '../../../../src/analysis/rules/gateway/gateway-tls-missing-credential';

const SELECTOR = { istio: 'ingressgateway' };

describe('gateway-invalid-server', () => {
  test('rejects a Gateway without servers', () => {
    const ds = run(gatewayInvalidServer, [gateway('web', 'edge', { selector: SELECTOR })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'gateway-invalid-server', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec' });
    expect(ds[0].message).toContain('has no servers');
  });

  test('rejects a server with an empty hosts list', () => {
    const ds = run(gatewayInvalidServer, [gatewayWith('web', 'edge', httpServer([]))]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].hosts']);
  });

  test('rejects a short host name, naming the qualified form', () => {
    const ds = run(gatewayInvalidServer, [gatewayWith('web', 'edge', httpServer(['reviews']))]);
    expect(ds).toHaveLength(1);
    expect(ds[0].path).toBe('spec.servers[0].hosts[0]');
    expect(ds[0].message).toContain('"reviews" is a short name');
  });

  test('rejects a bad namespace prefix and a partial wildcard', () => {
    const ds = run(gatewayInvalidServer, [gatewayWith('web', 'edge', httpServer(['Prod_1/app.example.com', '*app.example.com']))]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].hosts[0]', 'spec.servers[0].hosts[1]']);
    expect(ds[0].message).toContain('namespace "Prod_1"');
    expect(ds[1].message).toContain('partial wildcard');
  });

  test('rejects a Gateway name with a dot', () => {
    const ds = run(gatewayInvalidServer, [gatewayWith('web.v1', 'edge', httpServer(['app.example.com']))]);
    expect(ds.map((d) => d.path)).toEqual(['metadata.name']);
    expect(ds[0].fix).toContain('"web-v1"');
  });

  test('accepts fully qualified, wildcard, namespaced and IP hosts', () => {
    expectClean(gatewayInvalidServer, [
      gatewayWith('web', 'edge', httpServer(['app.example.com', '*.example.com', '*', './local.example.com', '*/any.example.com', 'prod/*', '10.0.0.1'])),
    ]);
  });
});

describe('gateway-invalid-port', () => {
  test('rejects an unknown protocol', () => {
    const ds = run(gatewayInvalidPort, [gatewayWith('web', 'edge', { port: { number: 80, name: 'web', protocol: 'WEB' }, hosts: ['*'] })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'gateway-invalid-port', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.servers[0].port.protocol' });
  });

  test('rejects port numbers outside 1..65535', () => {
    const ds = run(gatewayInvalidPort, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [{ port: { number: 0, name: 'a', protocol: 'HTTP' }, hosts: ['*'] }, { port: { number: 70000, name: 'b', protocol: 'HTTP' }, hosts: ['*'] }],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].port.number', 'spec.servers[1].port.number']);
  });

  test('rejects an empty port name and a name used twice', () => {
    const ds = run(gatewayInvalidPort, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [httpServer(['a.example.com']), { ...httpServer(['b.example.com']), port: { number: 8080, name: 'http', protocol: 'HTTP' } }, { port: { number: 81, name: '', protocol: 'HTTP' }, hosts: ['*'] }],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[1].port.name', 'spec.servers[2].port.name']);
    expect(ds[0].message).toContain('both use port name "http"');
  });

  test('rejects targetPort, which has no effect on a Gateway', () => {
    const ds = run(gatewayInvalidPort, [gatewayWith('web', 'edge', { port: { number: 80, name: 'http', protocol: 'HTTP', targetPort: 8080 }, hosts: ['*'] })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].port.targetPort']);
  });

  test('rejects a bind that is neither an IP nor a unix socket, and a unix socket with a port number', () => {
    const ds = run(gatewayInvalidPort, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [httpServer(['a.example.com'], { bind: 'localhost' }), { port: { number: 8080, name: 'uds', protocol: 'HTTP' }, hosts: ['*'], bind: 'unix:///var/run/gw.sock' }],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].bind', 'spec.servers[1].port.number']);
  });

  test('accepts an IP bind and a unix socket on port 0', () => {
    expectClean(gatewayInvalidPort, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [httpServer(['a.example.com'], { bind: '10.0.0.10' }), { port: { number: 0, name: 'uds', protocol: 'HTTP' }, hosts: ['*'], bind: 'unix:///var/run/gw.sock' }],
    })]);
  });
});

describe('gateway-invalid-tls', () => {
  test('rejects an HTTPS server without tls settings', () => {
    const ds = run(gatewayInvalidTls, [gatewayWith('web', 'edge', { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['*'] })]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'gateway-invalid-tls', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.servers[0].port.protocol' });
  });

  test('rejects a certificate on a plain HTTP server', () => {
    const ds = run(gatewayInvalidTls, [gatewayWith('web', 'edge', httpServer(['*'], { tls: { mode: 'SIMPLE', credentialName: 'web-cert' } }))]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].tls']);
    expect(ds[0].fix).toContain('protocol HTTPS');
  });

  test('rejects tls on a TCP server', () => {
    const ds = run(gatewayInvalidTls, [gatewayWith('db', 'edge', { port: { number: 5432, name: 'tcp-db', protocol: 'TCP' }, hosts: ['*'], tls: { mode: 'PASSTHROUGH' } })]);
    expect(ds[0].message).toContain('neither HTTPS nor TLS');
  });

  test('rejects a credential with ISTIO_MUTUAL, and two certificate sources', () => {
    const ds = run(gatewayInvalidTls, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [
        httpsServer(['a.example.com'], { mode: 'ISTIO_MUTUAL', credentialName: 'a-cert' }),
        { ...httpsServer(['b.example.com'], { mode: 'SIMPLE', credentialName: 'b-cert', serverCertificate: '/etc/b.crt', privateKey: '/etc/b.key' }), port: { number: 8443, name: 'https-b', protocol: 'HTTPS' } },
      ],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].tls.credentialName', 'spec.servers[1].tls']);
    expect(ds[1].message).toContain('only one certificate source');
  });

  test('rejects caCrl with SIMPLE', () => {
    const ds = run(gatewayInvalidTls, [gatewayWith('web', 'edge', httpsServer(['*'], { mode: 'SIMPLE', serverCertificate: '/c', privateKey: '/k', caCrl: '/crl' }))]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].tls.caCrl']);
  });

  test('accepts httpsRedirect on HTTP and a SIMPLE HTTPS server with a secret', () => {
    expectClean(gatewayInvalidTls, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [httpServer(['app.example.com'], { tls: { httpsRedirect: true } }), httpsServer(['app.example.com'], { mode: 'SIMPLE', credentialName: 'app-cert' })],
    })]);
  });
});

describe('gateway-tls-missing-credential', () => {
  test('reports a SIMPLE server with neither credentialName nor certificate files', () => {
    const ds = run(gatewayTlsMissingCredential, [gatewayWith('web', 'edge', httpsServer(['app.example.com'], { mode: 'SIMPLE' }))]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'gateway-tls-missing-credential', severity: Severity.ERROR, istioCode: 'IST0106', path: 'spec.servers[0].tls.serverCertificate' });
    expect(ds[0].message).toContain('no serverCertificate and no privateKey and no credentialName');
    expect(ds[0].fix).toContain('credentialName');
  });

  test('reports MUTUAL with certificate files but no client CA', () => {
    const ds = run(gatewayTlsMissingCredential, [gatewayWith('web', 'edge', httpsServer(['*'], { mode: 'MUTUAL', serverCertificate: '/c', privateKey: '/k' }))]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].tls.caCertificates']);
  });

  test('reports OPTIONAL_MUTUAL without credential', () => {
    const ds = run(gatewayTlsMissingCredential, [gatewayWith('web', 'edge', httpsServer(['*'], { mode: 'OPTIONAL_MUTUAL' }))]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].tls.caCertificates', 'spec.servers[0].tls.serverCertificate']);
  });

  test('accepts a secret, certificate files, passthrough and ISTIO_MUTUAL', () => {
    expectClean(gatewayTlsMissingCredential, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [
        httpsServer(['a.example.com'], { mode: 'SIMPLE', credentialName: 'a-cert' }),
        { ...httpsServer(['b.example.com'], { mode: 'MUTUAL', serverCertificate: '/c', privateKey: '/k', caCertificates: '/ca' }), port: { number: 8443, name: 'https-b', protocol: 'HTTPS' } },
        { port: { number: 9443, name: 'tls-c', protocol: 'TLS' }, hosts: ['c.example.com'], tls: { mode: 'PASSTHROUGH' } },
        { port: { number: 15443, name: 'tls-mesh', protocol: 'TLS' }, hosts: ['*.local'], tls: { mode: 'ISTIO_MUTUAL' } },
      ],
    })]);
  });
});

describe('gateway-ignored-tls-settings', () => {
  test('warns that a certificate is ignored when no mode is set (PASSTHROUGH)', () => {
    const ds = run(gatewayIgnoredTlsSettings, [gatewayWith('web', 'edge', httpsServer(['*'], { credentialName: 'web-cert' }))]);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ ruleId: 'gateway-ignored-tls-settings', severity: Severity.WARNING, istioCode: 'IST0133', path: 'spec.servers[0].tls.credentialName' });
    expect(ds[0].message).toContain('no mode (so PASSTHROUGH, the default)');
    expect(ds[0].fix).toContain('mode: SIMPLE');
  });

  test('warns about unknown and repeated cipher suites and TLS 1.0 without ciphers', () => {
    const ds = run(gatewayIgnoredTlsSettings, [gateway('web', 'edge', {
      selector: SELECTOR,
      servers: [
        httpsServer(['a.example.com'], { mode: 'SIMPLE', credentialName: 'a', cipherSuites: ['ECDHE-RSA-AES128-GCM-SHA256', 'TLS_AES_128_GCM_SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'] }),
        { ...httpsServer(['b.example.com'], { mode: 'SIMPLE', credentialName: 'b', minProtocolVersion: 'TLSV1_0' }), port: { number: 8443, name: 'https-b', protocol: 'HTTPS' } },
      ],
    })]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].tls.cipherSuites[1]', 'spec.servers[0].tls.cipherSuites[2]', 'spec.servers[1].tls.minProtocolVersion']);
  });

  test('warns about httpsRedirect on a non-HTTP server', () => {
    const ds = run(gatewayIgnoredTlsSettings, [gatewayWith('web', 'edge', httpsServer(['*'], { mode: 'SIMPLE', credentialName: 'c', httpsRedirect: true }))]);
    expect(ds.map((d) => d.path)).toEqual(['spec.servers[0].tls.httpsRedirect']);
  });

  test('accepts known suites, operator expressions and TLS 1.2', () => {
    expectClean(gatewayIgnoredTlsSettings, [gatewayWith('web', 'edge', httpsServer(['*'], {
      mode: 'SIMPLE', credentialName: 'c', minProtocolVersion: 'TLSV1_2', cipherSuites: ['ECDHE-ECDSA-AES256-GCM-SHA384', '-AES128-SHA'],
    }))]);
  });
});
