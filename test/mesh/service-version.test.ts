import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ClientTls, LoadBalancer, Mesh, MeshService, RoutingApi, ServiceVersion, TrafficPolicy,
} from '../../src';
import { shopChart } from '../fixtures/app';

/** The construct paths of a MeshService and everything under it. */
function pathsUnder(service: MeshService): string[] {
  return service.node.findAll().map((c) => c.node.path);
}

describe('ServiceVersion is part of its MeshService, not a construct', () => {
  test('a version is a plain object', () => {
    const api = new MeshService(shopChart(), 'api', { port: 8080 });
    const v1 = api.addVersionWithLabels('v1', { version: 'v1' });
    expect(v1).toBeInstanceOf(ServiceVersion);
    expect(v1).not.toBeInstanceOf(Construct);
    expect((v1 as any).node).toBeUndefined();
  });

  test('a mesh service with two versions and a canary is 3 constructs: itself, its Service and its DestinationRule', () => {
    const api = new MeshService(shopChart(), 'api', { port: 8080 });
    const v1 = api.addVersionWithLabels('v1', { version: 'v1' });
    const v2 = api.addVersionWithLabels('v2', { version: 'v2' });
    expect(pathsUnder(api)).toEqual(['shop/api', 'shop/api/Service', 'shop/api/DestinationRule']);
    api.canary({ stable: v1, candidate: v2, weight: 10 });
    expect(pathsUnder(api)).toEqual(['shop/api', 'shop/api/Service', 'shop/api/DestinationRule', 'shop/api/VirtualService']);
  });

  test('under the Gateway API, each version\'s Service is under the mesh service, and its DestinationRule under that Service', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { routingApi: RoutingApi.gatewayApi() });
    const api = new MeshService(new Chart(app, 'shop', { namespace: 'shop' }), 'api', { port: 8080 });
    api.addVersionWithLabels('v1', { version: 'v1' }, { trafficPolicy: new TrafficPolicy({ loadBalancer: LoadBalancer.random() }) });
    api.addVersionWithLabels('v2', { version: 'v2' });
    expect(pathsUnder(api)).toEqual([
      'shop/api', 'shop/api/Service', 'shop/api/Version-v1-Service', 'shop/api/Version-v1-Service/DestinationRule', 'shop/api/Version-v2-Service',
    ]);
  });
});

describe('errors about a version name the mesh service\'s construct path and the version', () => {
  test('a bad policy applied to a version later', () => {
    const api = new MeshService(shopChart(), 'api', { port: 8080 });
    const v2 = api.addVersionWithLabels('v2', { version: 'v2' });
    expect(() => v2.applyTrafficPolicy(new TrafficPolicy({ tls: ClientTls.mutual({}) })))
      .toThrow(/^shop\/api: version 'v2' trafficPolicy\.tls has mode MUTUAL without a client certificate/);
  });

  test('something other than a TrafficPolicy passed to applyTrafficPolicy()', () => {
    const api = new MeshService(shopChart(), 'api', { port: 8080 });
    const v2 = api.addVersionWithLabels('v2', { version: 'v2' });
    expect(() => v2.applyTrafficPolicy({ loadBalancer: LoadBalancer.random() } as any))
      .toThrow("shop/api: version 'v2' applyTrafficPolicy() needs a TrafficPolicy, e.g. new TrafficPolicy({ loadBalancer: LoadBalancer.roundRobin() }).");
  });

  test('under the Gateway API, a version whose Service name would be too long', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { routingApi: RoutingApi.gatewayApi() });
    const api = new MeshService(new Chart(app, 'shop', { namespace: 'shop' }), 'api', { port: 8080 });
    const long = `v${'x'.repeat(60)}`;
    expect(() => api.addVersionWithLabels(long, { version: 'long' }))
      .toThrow(new RegExp(`^shop/api: version '${long}' needs a Service 'api-${long}' under the Gateway API .*; give the service or the version a shorter name\\.$`));
  });

  test('a canary across two services names each version with its service', () => {
    const chart = shopChart();
    const a = new MeshService(chart, 'a', { port: 8080 });
    const b = new MeshService(chart, 'b', { port: 8080 });
    expect(() => a.canary({ stable: a.addVersionWithLabels('v1', { version: 'v1' }), candidate: b.addVersionWithLabels('v2', { version: 'v2' }) }))
      .toThrow(
        "shop/a: canary stable is version 'v1' of shop/a and candidate is version 'v2' of shop/b, which belong to different services; " +
        "a canary splits one service's versions: pass two versions of shop/a.",
      );
  });
});

describe('a refused version or canary leaves nothing behind', () => {
  test('a canary of another service\'s two versions is refused, and this service gets no route', () => {
    const chart = shopChart();
    const a = new MeshService(chart, 'a', { port: 8080 });
    const b = new MeshService(chart, 'b', { port: 8080 });
    const v1 = b.addVersionWithLabels('v1', { version: 'v1' });
    const v2 = b.addVersionWithLabels('v2', { version: 'v2' });
    expect(() => a.canary({ stable: v1, candidate: v2 }))
      .toThrow("shop/a: canary stable is version 'v1' of shop/b, another service's version; " +
        "a canary splits this service's own traffic between its versions: pass versions added to shop/a with addVersion().");
    expect(a.virtualService).toBeUndefined();
  });

  test('a version whose Gateway API Service name is refused is not kept, and its workload is not labelled', () => {
    const app = Testing.app();
    new Mesh(app, 'mesh', { routingApi: RoutingApi.gatewayApi() });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const api = new MeshService(chart, 'api', { port: 8080 });
    const workload = new kplus.Deployment(chart, 'long', { containers: [{ image: 'api:1', portNumber: 8080 }] });
    expect(() => api.addVersion(`v${'x'.repeat(60)}`, workload)).toThrow(/needs a Service 'api-vx+' under the Gateway API/);
    expect(api.versions).toHaveLength(0);
    expect(workload.podMetadata.getLabel('version')).toBeUndefined();
  });

  test('a version name used twice does not label the second workload', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    api.addVersion('v1', new kplus.Deployment(chart, 'first', { containers: [{ image: 'api:1', portNumber: 8080 }] }));
    const second = new kplus.Deployment(chart, 'second', { containers: [{ image: 'api:2', portNumber: 8080 }] });
    expect(() => api.addVersion('v1', second)).toThrow("shop/api: version 'v1' was already added; each version name is used once.");
    expect(second.podMetadata.getLabel('version')).toBeUndefined();
  });
});
