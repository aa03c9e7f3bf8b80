import { Severity } from '../../../../src/analysis/diagnostic';
import { serviceEntry } from '../../../fixtures/manifests';
import { clean, one, ruleById, run } from '../../../fixtures/rules';

const serviceEntryIgnoredSetting = ruleById('serviceentry-ignored-setting');

const HTTPS = [{ number: 443, name: 'https', protocol: 'HTTPS' }];

describe('serviceentry-ignored-setting', () => {
  test('warns that workloadSelector has no effect with DNS resolution', () => {
    one(serviceEntryIgnoredSetting, [serviceEntry('vm', 'shop', { hosts: ['vm.example.com'], resolution: 'DNS', ports: HTTPS, workloadSelector: { labels: { app: 'vm' } } })], { path: 'spec.workloadSelector', severity: Severity.WARNING });
  });

  test('warns about a workloadSelector without labels', () => {
    const ds = run(serviceEntryIgnoredSetting, [serviceEntry('vm', 'shop', { hosts: ['vm.example.com'], resolution: 'STATIC', ports: HTTPS, workloadSelector: {} })]);
    expect(ds[0].message).toContain('has no labels');
  });

  test('accepts a workloadSelector with STATIC resolution', () => {
    clean(serviceEntryIgnoredSetting, [serviceEntry('vm', 'shop', { hosts: ['vm.example.com'], location: 'MESH_INTERNAL', resolution: 'STATIC', ports: HTTPS, workloadSelector: { labels: { app: 'vm' } } })]);
  });
});
