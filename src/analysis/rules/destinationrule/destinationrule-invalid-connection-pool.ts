import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { trafficPoliciesOf } from '../../resources/destinationrule';
import { isSet } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { NON_NEGATIVE } from '../../validation/destinationrule';

export const destinationRuleInvalidConnectionPool: Rule = {
  id: 'destinationrule-invalid-connection-pool',
  kinds: ['DestinationRule'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A DestinationRule connectionPool is empty, has a negative limit, or combines h2UpgradePolicy UPGRADE with useClientProtocol.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateDestinationRule, validateTrafficPolicy and helpers, agent.ValidateTLS',
  docs: 'Connection pools Istio\'s validation webhook refuses: neither `http` nor `tcp` settings, a\n' +
    'negative limit (`http1MaxPendingRequests`, `http2MaxRequests`, `maxRequestsPerConnection`,\n' +
    '`maxRetries`, `maxConcurrentStreams`, `tcp.maxConnections`), or `h2UpgradePolicy: UPGRADE`\n' +
    'together with `useClientProtocol: true`. Durations are checked by `destinationrule-invalid-duration`.',
  fields: 'trafficPolicy.connectionPool',
  fix: 'Set tcp or http settings with non-negative limits; do not combine UPGRADE with useClientProtocol.',
  check(model: MeshModel, report: Report): void {
    for (const dr of model.destinationRules()) {
      for (const p of trafficPoliciesOf(dr)) {
        const pool = p.policy.connectionPool;
        if (pool === undefined || pool === null) continue;
        const path = [...p.path, 'connectionPool'];
        if (!isPlainObject(pool)) continue;
        if (!isSet(pool, 'http') && !isSet(pool, 'tcp')) {
          report({
            object: dr,
            path,
            message: `The connectionPool of ${p.label} is ${JSON.stringify(pool)}: it has neither http nor tcp settings, and Istio rejects an empty connection pool.`,
            fix: 'Add limits, e.g. connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 10 } }, or remove connectionPool.',
          });
          continue;
        }
        for (const { section, field } of NON_NEGATIVE) {
          const s = pool[section];
          if (!isPlainObject(s) || typeof s[field] !== 'number' || s[field] >= 0) continue;
          report({
            object: dr,
            path: [...path, section, field],
            message: `connectionPool.${section}.${field} of ${p.label} is ${s[field]}; Istio rejects negative limits.`,
            fix: `Use a positive limit, or remove ${field} to keep Envoy's default (effectively unlimited).`,
          });
        }
        const http = pool.http;
        if (isPlainObject(http) && http.h2UpgradePolicy === 'UPGRADE' && http.useClientProtocol === true) {
          report({
            object: dr,
            path: [...path, 'http', 'useClientProtocol'],
            message: `connectionPool.http of ${p.label} sets h2UpgradePolicy UPGRADE and useClientProtocol true; Istio rejects the pair (one forces HTTP/2 upstream, the other keeps the client's protocol).`,
            fix: 'Remove useClientProtocol to upgrade to HTTP/2, or remove h2UpgradePolicy (or set DO_NOT_UPGRADE) to keep the client protocol.',
          });
        }
      }
    }
  },
};
