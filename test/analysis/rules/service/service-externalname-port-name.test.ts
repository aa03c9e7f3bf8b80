import { Severity } from '../../../../src/analysis/diagnostic';
import { service } from '../../../fixtures/manifests';
import { clean, none, one, ruleById } from '../../../fixtures/rules';

const serviceExternalNamePortName = ruleById('service-externalname-port-name');
const servicePortProtocolUndeclared = ruleById('service-port-protocol-undeclared');

describe('service-externalname-port-name', () => {
  test('reports an ExternalName port named "tcp"', () => {
    one(serviceExternalNamePortName, [service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.com', ports: [{ name: 'tcp', port: 5432 }] })], { path: 'spec.ports[0]', severity: Severity.WARNING });
    none(servicePortProtocolUndeclared, [service('db', 'shop', { type: 'ExternalName', externalName: 'db.example.com', ports: [{ name: 'tcp', port: 5432 }] })]);
  });

  test('accepts an ExternalName port with a protocol prefix', () => {
    clean(serviceExternalNamePortName, [service('api', 'shop', { type: 'ExternalName', externalName: 'api.example.com', ports: [{ name: 'https-api', port: 443 }] })]);
  });
});
