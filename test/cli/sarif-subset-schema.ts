/**
 * A hand-written JSON schema for the part of SARIF 2.1.0 that `lint --format sarif` writes, with
 * the constraints of the OASIS standard that code-scanning UIs rely on: required properties,
 * `version` 2.1.0, levels from the standard's enumeration, 1-based lines, property names of the
 * standard only (as its own schema, extra properties are refused outside `properties` bags).
 */
import Ajv from 'ajv';

const text = { type: 'string', minLength: 1 };
const message = { type: 'object', required: ['text'], additionalProperties: false, properties: { text } };
const level = { enum: ['none', 'note', 'warning', 'error'] };
const propertyBag = { type: 'object' };

/** Kinds of logical location the standard lists (§3.33.7). */
const LOGICAL_LOCATION_KINDS = [
  'function', 'member', 'module', 'namespace', 'parameter', 'resource', 'returnType', 'type', 'variable',
  'object', 'array', 'property', 'value', 'element', 'text', 'attribute', 'comment', 'declaration',
  'dtd', 'processingInstruction',
];

export const SARIF_SUBSET_SCHEMA = {
  type: 'object',
  required: ['version', 'runs'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', pattern: '^https://' },
    version: { const: '2.1.0' },
    runs: { type: 'array', minItems: 1, items: { $ref: '#/definitions/run' } },
  },
  definitions: {
    run: {
      type: 'object',
      required: ['tool', 'results'],
      additionalProperties: false,
      properties: {
        tool: {
          type: 'object',
          required: ['driver'],
          additionalProperties: false,
          properties: { driver: { $ref: '#/definitions/driver' } },
        },
        results: { type: 'array', items: { $ref: '#/definitions/result' } },
      },
    },
    driver: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: text,
        semanticVersion: text,
        informationUri: { type: 'string', pattern: '^https://' },
        rules: { type: 'array', items: { $ref: '#/definitions/rule' } },
      },
    },
    rule: {
      type: 'object',
      required: ['id', 'shortDescription', 'defaultConfiguration'],
      additionalProperties: false,
      properties: {
        id: text,
        shortDescription: message,
        fullDescription: message,
        help: message,
        helpUri: { type: 'string', pattern: '^https?://' },
        defaultConfiguration: {
          type: 'object',
          required: ['level'],
          additionalProperties: false,
          properties: { level },
        },
        properties: propertyBag,
      },
    },
    result: {
      type: 'object',
      required: ['ruleId', 'level', 'message', 'locations'],
      additionalProperties: false,
      properties: {
        ruleId: text,
        ruleIndex: { type: 'integer', minimum: 0 },
        level,
        message,
        locations: { type: 'array', minItems: 1, items: { $ref: '#/definitions/location' } },
        partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
        properties: propertyBag,
      },
    },
    location: {
      type: 'object',
      additionalProperties: false,
      anyOf: [{ required: ['physicalLocation'] }, { required: ['logicalLocations'] }],
      properties: {
        physicalLocation: {
          type: 'object',
          required: ['artifactLocation'],
          additionalProperties: false,
          properties: {
            artifactLocation: {
              type: 'object',
              required: ['uri'],
              additionalProperties: false,
              // A URI reference: no backslashes, spaces or other characters that must be encoded.
              properties: { uri: { type: 'string', minLength: 1, pattern: "^[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]+$" } },
            },
            region: {
              type: 'object',
              required: ['startLine'],
              additionalProperties: false,
              properties: { startLine: { type: 'integer', minimum: 1 } },
            },
          },
        },
        logicalLocations: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['fullyQualifiedName'],
            additionalProperties: false,
            properties: { name: text, fullyQualifiedName: text, kind: { enum: LOGICAL_LOCATION_KINDS } },
          },
        },
      },
    },
  },
};

const validate = new Ajv({ allErrors: true }).compile(SARIF_SUBSET_SCHEMA);

/** The schema violations of a SARIF log, as `instancePath message` lines; empty when valid. */
export function sarifProblems(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}
