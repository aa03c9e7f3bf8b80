import { expectValidIstioObjects, validateIstioObject } from './istio-crd-validator';

function virtualService(http: any[]): any {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'shop' },
    spec: { hosts: ['reviews.shop.svc.cluster.local'], http },
  };
}

const VALID_VS = virtualService([
  {
    name: 'v2-for-jason',
    match: [{ headers: { 'end-user': { exact: 'jason' } } }],
    route: [{ destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v2', port: { number: 9080 } } }],
    timeout: '10s',
    retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,connect-failure' },
  },
  {
    route: [
      { destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v1' }, weight: 90 },
      { destination: { host: 'reviews.shop.svc.cluster.local', subset: 'v3' }, weight: 10 },
    ],
  },
]);

const VALID_DR = {
  apiVersion: 'networking.istio.io/v1beta1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'shop' },
  spec: {
    host: 'reviews.shop.svc.cluster.local',
    trafficPolicy: {
      loadBalancer: { simple: 'LEAST_REQUEST' },
      connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 10 } },
      outlierDetection: { consecutive5xxErrors: 5, interval: '30s', baseEjectionTime: '30s' },
      tls: { mode: 'ISTIO_MUTUAL' },
    },
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { portLevelSettings: [{ port: { number: 9080 }, loadBalancer: { simple: 'ROUND_ROBIN' } }] } },
    ],
  },
};

describe('independent Istio CRD validator', () => {
  test('a valid VirtualService passes', () => {
    expect(validateIstioObject(VALID_VS)).toEqual([]);
  });

  test('a valid DestinationRule passes', () => {
    expect(validateIstioObject(VALID_DR)).toEqual([]);
  });

  test('an unknown field fails with its path', () => {
    const vs = virtualService([{ route: [{ destination: { host: 'reviews' } }], retry: { attempts: 2 } }]);
    expect(validateIstioObject(vs)).toEqual(['/spec/http/0: unknown field "retry"']);
  });

  test('an unknown top-level field fails', () => {
    expect(validateIstioObject({ ...VALID_DR, sepc: {} })).toEqual(['(root): unknown field "sepc"']);
  });

  test('a value outside the enum fails', () => {
    const pa = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default' }, spec: { mtls: { mode: 'strict' } } };
    const errors = validateIstioObject(pa);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\/spec\/mtls\/mode: must be equal to one of the allowed values \(.*STRICT.*\)$/);
  });

  test('a missing required field fails', () => {
    const vs = virtualService([{ route: [{ destination: { subset: 'v1' } }] }]);
    expect(validateIstioObject(vs)).toEqual(['/spec/http/0/route/0/destination: missing required field "host"']);
  });

  test('a missing metadata.name fails', () => {
    expect(validateIstioObject({ ...VALID_DR, metadata: { namespace: 'shop' } })).toEqual(['/metadata: missing required field "name"']);
  });

  test('two alternatives of a oneOf fail', () => {
    const dr = { ...VALID_DR, spec: { host: 'r', trafficPolicy: { loadBalancer: { simple: 'RANDOM', consistentHash: { useSourceIp: true } } } } };
    expect(validateIstioObject(dr).join('\n')).toMatch(/loadBalancer: must match exactly one schema in oneOf/);
  });

  test('a string where an integer is expected fails', () => {
    const vs = virtualService([{ route: [{ destination: { host: 'r', port: { number: '80' } } }] }]);
    expect(validateIstioObject(vs)).toEqual(['/spec/http/0/route/0/destination/port/number: must be integer']);
  });

  test('an unserved version and an unknown kind fail', () => {
    expect(validateIstioObject({ ...VALID_DR, apiVersion: 'networking.istio.io/v2' })[0]).toMatch(/not served at networking.istio.io\/v2 \(served: v1, v1alpha3, v1beta1\)/);
    expect(validateIstioObject({ ...VALID_DR, kind: 'DestinationRules' })).toEqual(['/kind: networking.istio.io has no kind DestinationRules']);
  });

  test('fields under x-kubernetes-preserve-unknown-fields are free', () => {
    const ef = {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'EnvoyFilter',
      metadata: { name: 'lua' },
      spec: { configPatches: [{ applyTo: 'HTTP_FILTER', patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.lua', anything: { goes: [1, 'x'] } } } }] },
    };
    expect(validateIstioObject(ef)).toEqual([]);
  });

  test('objects outside the Istio API groups are not checked', () => {
    expect(validateIstioObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, whatever: 1 })).toEqual([]);
    expect(validateIstioObject({ apiVersion: 'v1', kind: 'Service' })).toEqual([]);
    expect(validateIstioObject('not an object')).toEqual([]);
  });

  test('expectValidIstioObjects passes valid objects', () => {
    expect(() => expectValidIstioObjects([VALID_VS, VALID_DR, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } }])).not.toThrow();
  });

  test('expectValidIstioObjects lists every error with kind, name and path', () => {
    const bad = virtualService([{ route: [{ destination: {} }], retry: {} }]);
    expect(() => expectValidIstioObjects([VALID_DR, bad])).toThrow(
      'Istio CRD schema violations (2):\n'
      + '  VirtualService shop/reviews /spec/http/0: unknown field "retry"\n'
      + '  VirtualService shop/reviews /spec/http/0/route/0/destination: missing required field "host"',
    );
  });
});
