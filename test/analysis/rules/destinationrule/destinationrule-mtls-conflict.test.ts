import { Severity } from '../../../../src/analysis/diagnostic';
import { destinationRule, namespaceObject, peerAuthentication, selecting, service, to, virtualService, workload } from '../../../fixtures/manifests';
import { none, one, ruleById, run } from '../../../fixtures/rules';

const rule = ruleById('destinationrule-mtls-conflict');

const strictShop = peerAuthentication('default', 'shop', { mtls: { mode: 'STRICT' } });
const reviews = service('reviews', 'shop', selecting({ app: 'reviews' }, [{ name: 'http', port: 80, targetPort: 9080 }]));
const reviewsV1 = workload('reviews-v1', 'shop', { app: 'reviews', version: 'v1' }, { serviceAccount: 'reviews' });
const tls = (mode: string) => ({ trafficPolicy: { tls: { mode } } });

describe('destinationrule-mtls-conflict', () => {
  test('DISABLE toward a STRICT workload fails the connection', () => {
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', ...tls('DISABLE') });
    const d = one(rule, [strictShop, reviews, reviewsV1, dr], { path: 'spec.trafficPolicy.tls.mode', severity: Severity.ERROR });
    expect(d).toMatchObject({ resource: { kind: 'DestinationRule', name: 'reviews', namespace: 'shop' } });
    expect(d.message).toContain('sets tls.mode DISABLE toward reviews.shop port 80 (container port 9080), served by Deployment shop/reviews-v1');
    expect(d.message).toContain('STRICT (namespace-wide PeerAuthentication shop/default)');
    expect(d.fix).toContain('ISTIO_MUTUAL');
  });

  test('ISTIO_MUTUAL or no tls block toward STRICT is fine; DISABLE toward PERMISSIVE is fine', () => {
    const mutual = destinationRule('reviews', 'shop', { host: 'reviews.shop.svc.cluster.local', ...tls('ISTIO_MUTUAL') });
    const noTls = destinationRule('reviews', 'shop', { host: 'reviews', trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } } });
    none(rule, [strictShop, reviews, reviewsV1, mutual]);
    none(rule, [strictShop, reviews, reviewsV1, noTls]);
    none(rule, [reviews, reviewsV1, destinationRule('reviews', 'shop', { host: 'reviews', ...tls('DISABLE') })]);
  });

  test('ISTIO_MUTUAL toward a workload with mTLS DISABLE fails', () => {
    const pa = peerAuthentication('reviews', 'shop', { selector: { matchLabels: { app: 'reviews' } }, mtls: { mode: 'DISABLE' } });
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', ...tls('ISTIO_MUTUAL') });
    const found = one(rule, [pa, reviews, reviewsV1, dr], { path: 'spec.trafficPolicy.tls.mode' });
    expect(found.severity).toBe(Severity.ERROR);
    expect(found.message).toContain('tls.mode ISTIO_MUTUAL');
    expect(found.message).toContain('DISABLE (workload PeerAuthentication shop/reviews)');
    expect(found.fix).toContain('Remove the tls block');
  });

  test('a Service without a name is no destination, so a wildcard DestinationRule does not conflict through it', () => {
    const pa = peerAuthentication('default', 'istio-system', { mtls: { mode: 'DISABLE' } });
    const nameless = service('reviews', 'shop', selecting({ app: 'reviews' }, [{ name: 'http', port: 9080 }]));
    delete nameless.metadata.name;
    const dr = destinationRule('enable-mtls', 'istio-system', { host: '*.local', ...tls('ISTIO_MUTUAL') });
    none(rule, [pa, nameless, reviewsV1, dr]);
    one(rule, [pa, reviews, reviewsV1, dr], { path: 'spec.trafficPolicy.tls.mode' });
  });

  test('ISTIO_MUTUAL toward pods without sidecar fails', () => {
    const noSidecar = workload('reviews-v1', 'shop', { app: 'reviews' }, { podLabels: { 'sidecar.istio.io/inject': 'false' } });
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', ...tls('ISTIO_MUTUAL') });
    const d = one(rule, [reviews, noSidecar, dr], { path: 'spec.trafficPolicy.tls.mode' });
    expect(d.message).toContain('without an Istio sidecar');
  });

  test('SIMPLE toward STRICT is an error, MUTUAL a warning', () => {
    const simple = destinationRule('simple', 'shop', { host: 'reviews', ...tls('SIMPLE') });
    const mutual = destinationRule('mutual', 'other', { host: 'reviews.shop.svc.cluster.local', ...tls('MUTUAL') });
    const ds = run(rule, [strictShop, reviews, reviewsV1, simple]);
    expect(ds[0]).toMatchObject({ severity: Severity.ERROR });
    expect(ds[0].message).toContain('no client certificate');
    const dm = run(rule, [strictShop, reviews, reviewsV1, mutual]);
    expect(dm[0]).toMatchObject({ severity: Severity.WARNING });
    expect(dm[0].message).toContain('mesh CA');
  });

  test('honours port-level PeerAuthentication and DestinationRule settings', () => {
    const svc = service('db', 'shop', selecting({ app: 'db' }, [{ name: 'tcp-pg', port: 5432 }, { name: 'http-admin', port: 8080, targetPort: 'admin' }]));
    const db = workload('db', 'shop', { app: 'db' }, { ports: [{ name: 'pg', containerPort: 5432 }, { name: 'admin', containerPort: 9000 }] });
    const pa = peerAuthentication('db', 'shop', { selector: { matchLabels: { app: 'db' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { 5432: { mode: 'PERMISSIVE' } } });
    // DISABLE only on 5432, which is PERMISSIVE: fine.
    const ok = destinationRule('db', 'shop', { host: 'db', trafficPolicy: { portLevelSettings: [{ port: { number: 5432 }, tls: { mode: 'DISABLE' } }] } });
    none(rule, [svc, db, pa, ok]);
    // DISABLE on 8080 reaches container port 9000 (named target port), which is STRICT.
    const bad = destinationRule('db', 'shop', { host: 'db', trafficPolicy: { portLevelSettings: [{ port: { number: 8080 }, tls: { mode: 'DISABLE' } }] } });
    const d = one(rule, [svc, db, pa, bad], { path: 'spec.trafficPolicy.portLevelSettings[0].tls.mode' });
    expect(d.path).toBe('spec.trafficPolicy.portLevelSettings[0].tls.mode');
    expect(d.message).toContain('port 8080 (container port 9000)');
    // A top-level DISABLE whose only STRICT port is overridden at port level is fine.
    const overridden = destinationRule('db', 'shop', { host: 'db', trafficPolicy: { tls: { mode: 'DISABLE' }, portLevelSettings: [{ port: { number: 8080 }, tls: { mode: 'ISTIO_MUTUAL' } }] } });
    none(rule, [svc, db, pa, overridden]);
  });

  test('checks subsets against the pods they select', () => {
    const v2 = workload('reviews-v2', 'shop', { app: 'reviews', version: 'v2' });
    const pa = peerAuthentication('v2', 'shop', { selector: { matchLabels: { version: 'v2' } }, mtls: { mode: 'STRICT' } });
    const dr = destinationRule('reviews', 'shop', {
      host: 'reviews',
      subsets: [
        { name: 'v1', labels: { version: 'v1' }, trafficPolicy: { tls: { mode: 'DISABLE' } } },
        { name: 'v2', labels: { version: 'v2' }, trafficPolicy: { tls: { mode: 'DISABLE' } } },
      ],
    });
    const routed = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [to('reviews', 'v2')] }] });
    const d = one(rule, [reviews, reviewsV1, v2, pa, dr, routed], { path: 'spec.subsets[1].trafficPolicy.tls.mode', severity: Severity.ERROR });
    expect(d.path).toBe('spec.subsets[1].trafficPolicy.tls.mode');
    expect(d.message).toContain('for subset "v2"');
    expect(d.message).toContain('Deployment shop/reviews-v2');
  });

  // A subset's policy only carries the traffic routed to the subset.
  test('a conflict on a subset no VirtualService routes to is a warning', () => {
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' }, ...tls('DISABLE') }] });
    const toOther = virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [to('reviews')] }] });
    const d = one(rule, [strictShop, reviews, reviewsV1, dr, toOther], { path: 'spec.subsets[0].trafficPolicy.tls.mode', severity: Severity.WARNING });
    expect(d.message).toContain('no VirtualService in the analysed set routes to subset "v1"');
  });

  test('does not judge servers whose Namespace object enrols no sidecar or runs ambient', () => {
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', ...tls('DISABLE') });
    none(rule, [namespaceObject('shop'), strictShop, reviews, reviewsV1, dr]);
    none(rule, [namespaceObject('shop', { 'istio.io/dataplane-mode': 'ambient' }), strictShop, reviews, reviewsV1, dr]);
    one(rule, [namespaceObject('shop', { 'istio-injection': 'enabled' }), strictShop, reviews, reviewsV1, dr], { path: 'spec.trafficPolicy.tls.mode' });
  });

  test('ISTIO_MUTUAL toward pods of a namespace that opts out of injection fails', () => {
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', ...tls('ISTIO_MUTUAL') });
    const d = one(rule, [namespaceObject('shop', { 'istio-injection': 'disabled' }), reviews, reviewsV1, dr], { path: 'spec.trafficPolicy.tls.mode', severity: Severity.ERROR });
    expect(d.message).toContain('without an Istio sidecar');
  });

  test('a mesh-wide DISABLE DestinationRule toward a STRICT mesh is reported once, listing the hosts', () => {
    const meshPa = peerAuthentication('default', 'mesh-root', { mtls: { mode: 'STRICT' } });
    const meshDr = destinationRule('default', 'mesh-root', { host: '*.local', ...tls('DISABLE') });
    const objects: any[] = [meshPa, meshDr];
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
      objects.push(service(name, 'shop', selecting({ app: name })), workload(name, 'shop', { app: name }));
    }
    const found = one(rule, objects, { path: 'spec.trafficPolicy.tls.mode' }, { rootNamespace: 'mesh-root' });
    expect(found.message).toContain('toward a.shop port 80');
    expect(found.message).toContain('and 5 other hosts: b.shop.svc.cluster.local, c.shop.svc.cluster.local, d.shop.svc.cluster.local, …');
    expect(found.message).toContain('mesh-wide PeerAuthentication mesh-root/default');
  });

  test('a more specific DestinationRule takes over from the wildcard one', () => {
    const wildcard = destinationRule('all', 'shop', { host: '*.shop.svc.cluster.local', ...tls('DISABLE') });
    const specific = destinationRule('reviews', 'shop', { host: 'reviews', ...tls('ISTIO_MUTUAL') });
    none(rule, [strictShop, reviews, reviewsV1, wildcard, specific]);
  });

  test('judges the Service selector labels when its pods are not in the analysed set', () => {
    const dr = destinationRule('reviews', 'shop', { host: 'reviews', ...tls('DISABLE') });
    const found = one(rule, [strictShop, reviews, dr], { path: 'spec.trafficPolicy.tls.mode' });
    expect(found.message).toContain('served by the pods of Service shop/reviews');
  });

  test('says nothing for hosts outside the analysed Services', () => {
    const dr = destinationRule('ext', 'shop', { host: 'api.example.com', ...tls('DISABLE') });
    none(rule, [strictShop, dr]);
  });

  test('scales with the number of Services (indexed lookups)', () => {
    const objects: any[] = [peerAuthentication('default', 'istio-system', { mtls: { mode: 'STRICT' } })];
    for (let i = 0; i < 2000; i++) {
      objects.push(service(`s${i}`, `ns${i % 50}`, selecting({ app: `s${i}` })));
      objects.push(workload(`s${i}`, `ns${i % 50}`, { app: `s${i}` }));
      objects.push(destinationRule(`s${i}`, `ns${i % 50}`, { host: `s${i}`, ...tls(i === 1234 ? 'DISABLE' : 'ISTIO_MUTUAL') }));
    }
    const ds = run(rule, objects);
    expect(ds.map((d) => d.resource.name)).toEqual(['s1234']);
  });
});
