import { MeshService } from '../../src';
import { only, shopChart, synth } from '../fixtures/app';

function setup(weight?: number) {
  const chart = shopChart();
  const api = new MeshService(chart, 'api', { port: 8080 });
  const v1 = api.addVersionWithLabels('v1', { version: 'v1' });
  const v2 = api.addVersionWithLabels('v2', { version: 'v2' });
  const canary = api.canary({ stable: v1, candidate: v2, weight });
  const weights = () => only(synth(chart), 'VirtualService').spec.http[0].route.map((r: any) => [r.destination.subset, r.weight]);
  return { chart, api, v1, v2, canary, weights };
}

describe('Canary', () => {
  test('starts with the given share on the candidate', () => {
    const { weights } = setup(10);
    expect(weights()).toEqual([['v1', 90], ['v2', 10]]);
  });

  test('starts with nothing on the candidate by default', () => {
    const { weights, canary } = setup();
    expect(canary.weight).toBe(0);
    expect(weights()).toEqual([['v1', 100], ['v2', 0]]);
  });

  test('updateWeight after construction is reflected in the manifests', () => {
    const { weights, canary } = setup(10);
    canary.updateWeight(50);
    expect(weights()).toEqual([['v1', 50], ['v2', 50]]);
  });

  test('shift moves traffic relative to the current share', () => {
    const { weights, canary } = setup(10);
    canary.shift(15);
    canary.shift(-5);
    expect(canary.weight).toBe(20);
    expect(weights()).toEqual([['v1', 80], ['v2', 20]]);
  });

  test('shift beyond 100 % is rejected with the resulting share', () => {
    const { canary } = setup(90);
    expect(() => canary.shift(20)).toThrow(/shifting the canary by 20 from 90% gives 110%/);
  });

  test('promote sends all traffic to the candidate', () => {
    const { weights, canary } = setup(10);
    canary.promote();
    expect(weights()).toEqual([['v2', undefined]]);
    expect(canary.weight).toBe(100);
  });

  test('rollback sends all traffic to the stable version', () => {
    const { weights, canary } = setup(30);
    canary.rollback();
    expect(weights()).toEqual([['v1', undefined]]);
  });

  test('a weight that is not a whole percentage is rejected', () => {
    const { canary } = setup();
    expect(() => canary.updateWeight(12.5)).toThrow(/canary weight is 12.5; write a whole percentage from 0 to 100/);
  });

  test('stable and candidate must be different versions', () => {
    const chart = shopChart();
    const api = new MeshService(chart, 'api', { port: 8080 });
    const v1 = api.addVersionWithLabels('v1', { version: 'v1' });
    expect(() => api.canary({ stable: v1, candidate: v1 })).toThrow(/same version 'v1'/);
  });

  test('stable and candidate must belong to the same service', () => {
    const chart = shopChart();
    const a = new MeshService(chart, 'a', { port: 80 });
    const b = new MeshService(chart, 'b', { port: 80 });
    expect(() => a.canary({ stable: a.addVersionWithLabels('v1', { version: 'v1' }), candidate: b.addVersionWithLabels('v2', { version: 'v2' }) })).toThrow(/belong to different services/);
  });

  test('a second canary on one service is rejected', () => {
    const { api, v1, v2 } = setup();
    expect(() => api.canary({ stable: v1, candidate: v2 })).toThrow(/a canary is already running/);
  });
});
