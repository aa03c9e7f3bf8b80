import { Construct } from 'constructs';
import type { IGateway } from './gateway';

/**
 * A Gateway defined outside the app, known by namespace and name (made by `Gateway.fromName`).
 * Emits nothing. Internal: not exported from the package.
 */
export class ImportedGateway extends Construct implements IGateway {
  public readonly name: string;
  public readonly namespace: string;
  public readonly reference: string;
  public readonly definedElsewhere = true;

  constructor(scope: Construct, id: string, name: string, namespace: string) {
    super(scope, id);
    this.name = name;
    this.namespace = namespace;
    this.reference = `${namespace}/${name}`;
  }
}
