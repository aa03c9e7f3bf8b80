import { Severity } from '../../../../src/analysis/diagnostic';
import { envoyFilter, virtualService } from '../../../fixtures/manifests';
import { none, one, ruleById } from '../../../fixtures/rules';

const rule = ruleById('envoyfilter-internal-api');

const mergeTimeout = { applyTo: 'CLUSTER', patch: { operation: 'MERGE', value: { connect_timeout: '1s' } } };

describe('envoyfilter-internal-api (IST0133)', () => {
  test('warns on every EnvoyFilter, as Istio\'s webhook does, since it patches generated Envoy configuration', () => {
    const d = one(rule, [envoyFilter('timeouts', 'shop', { configPatches: [mergeTimeout] })], { path: '', severity: Severity.WARNING });
    expect(d.istioCode).toBe('IST0133');
    expect(d.message).toContain('may change in any Istio release');
  });

  test('says nothing on an EnvoyFilter whose selector the webhook rejects (it then drops its warnings)', () => {
    none(rule, [envoyFilter('bad', 'shop', { workloadSelector: { labels: { app: '*' } }, configPatches: [mergeTimeout] })]);
  });

  test('says nothing about other kinds', () => {
    none(rule, [virtualService('reviews', 'shop', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] })]);
  });
});
