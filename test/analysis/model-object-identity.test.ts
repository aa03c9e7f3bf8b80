import { ManifestSource } from '../../src/analysis/manifest';
import { MeshModel } from '../../src/analysis/model';

function vs(name: string, apiVersion = 'networking.istio.io/v1', namespace?: string, hosts = ['reviews']): any {
  return { apiVersion, kind: 'VirtualService', metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { hosts } };
}

function fromFiles(...docs: Array<[any, string, number]>): ManifestSource[] {
  return docs.map(([manifest, file, line]) => ({ manifest, file, line }));
}

describe('MeshModel keeps one object per kind and namespace/name, as istioctl analyze does', () => {
  test('of two definitions of one object, the one read last is kept', () => {
    const model = new MeshModel(fromFiles([vs('reviews', undefined, 'shop', ['a']), 'base.yaml', 1], [vs('reviews', undefined, 'shop', ['b']), 'overlay.yaml', 1]));
    expect(model.virtualServices().map((o) => o.spec.hosts[0])).toEqual(['b']);
    expect(model.objects).toHaveLength(1);
  });

  test('the earlier copies are remembered under the kept one', () => {
    const sources = fromFiles([vs('reviews'), 'a.yaml', 1], [vs('reviews'), 'b.yaml', 3], [vs('reviews'), 'c.yaml', 5]);
    const model = new MeshModel(sources);
    const [kept] = model.objects;
    expect(kept.source.file).toBe('c.yaml');
    expect(model.shadowedBy.get(kept)!.map((o) => o.source.file)).toEqual(['a.yaml', 'b.yaml']);
  });

  test('a v1 and a v1beta1 copy of one VirtualService are one object (istioctl maps both versions to one schema)', () => {
    const model = new MeshModel(fromFiles([vs('reviews', 'networking.istio.io/v1beta1'), 'old.yaml', 1], [vs('reviews'), 'new.yaml', 1]));
    expect(model.virtualServices()).toHaveLength(1);
    expect(model.virtualServices()[0].apiVersion).toBe('networking.istio.io/v1');
  });

  test('an object without namespace and one in `default` are the same object', () => {
    const model = new MeshModel(fromFiles([vs('reviews'), 'a.yaml', 1], [vs('reviews', undefined, 'default'), 'b.yaml', 1]));
    expect(model.virtualServices()).toHaveLength(1);
  });

  test('objects differing in namespace, name, kind or API group are all kept', () => {
    const model = new MeshModel([
      { manifest: vs('reviews', undefined, 'shop') },
      { manifest: vs('reviews', undefined, 'prod') },
      { manifest: vs('ratings', undefined, 'shop') },
      { manifest: { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews', namespace: 'shop' }, spec: { host: 'reviews' } } },
      { manifest: { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'web', namespace: 'shop' }, spec: {} } },
      { manifest: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'web', namespace: 'shop' }, spec: {} } },
    ]);
    expect(model.objects).toHaveLength(6);
    expect(model.shadowedBy.size).toBe(0);
  });

  test('the kept object takes the place of the last definition in input order', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews' }, spec: {} };
    const model = new MeshModel([{ manifest: vs('reviews', undefined, undefined, ['a']) }, { manifest: svc }, { manifest: vs('reviews', undefined, undefined, ['b']) }]);
    expect(model.objects.map((o) => o.kind)).toEqual(['Service', 'VirtualService']);
  });

  test('objects without a name are never merged (each is an error of its own)', () => {
    const model = new MeshModel([{ manifest: { ...vs(''), metadata: {} } }, { manifest: { ...vs(''), metadata: {} } }]);
    expect(model.virtualServices()).toHaveLength(2);
  });

  test('a cluster-scoped object is one object whatever namespace is written on it', () => {
    const ns = (namespace?: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', ...(namespace ? { namespace } : {}) } });
    const model = new MeshModel([{ manifest: ns('x') }, { manifest: ns() }]);
    expect(model.ofKind('', 'Namespace')).toHaveLength(1);
  });
});

describe('MeshModel default namespace (lint -n)', () => {
  test('namespaced objects that declare none get the default namespace', () => {
    const model = new MeshModel([{ manifest: vs('reviews') }], { defaultNamespace: 'shop' });
    expect(model.virtualServices()[0].namespace).toBe('shop');
    expect(model.virtualServices()[0].declaredNamespace).toBeUndefined();
  });

  test('is `default` when not given', () => {
    expect(new MeshModel([{ manifest: vs('reviews') }]).virtualServices()[0].namespace).toBe('default');
  });

  test('does not apply to cluster-scoped objects: a Namespace is found whatever the default namespace', () => {
    const model = new MeshModel([{ manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } }], { defaultNamespace: 'shop' });
    expect(model.namespaceObject('shop')?.name).toBe('shop');
  });

  test('an object without namespace and one declaring the default namespace are one object', () => {
    const model = new MeshModel([{ manifest: vs('reviews') }, { manifest: vs('reviews', undefined, 'shop') }], { defaultNamespace: 'shop' });
    expect(model.virtualServices()).toHaveLength(1);
  });
});
