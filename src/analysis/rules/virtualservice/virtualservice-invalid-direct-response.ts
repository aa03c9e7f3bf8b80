import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf, isSet } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { bodySize, MAX_BODY, otherActions } from '../../validation/virtualservice';
import { isIstioHttpStatus, MAX_ISTIO_HTTP_STATUS, MIN_ISTIO_HTTP_STATUS } from '../../validators/http';

export const virtualServiceInvalidDirectResponse: Rule = {
  id: 'virtualservice-invalid-direct-response',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService directResponse has a status outside 200..600, a body over 1MiB, or is combined with route/fault/rewrite.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Direct responses Istio\'s validation webhook refuses: a `status` outside 200..600 (or missing),\n' +
    'a body over 1 MiB, or a direct response combined with route destinations, a fault or a rewrite.',
  fields: 'spec.http[].directResponse',
  fix: 'Use a status of 200..600, a body under 1 MiB, and no route/fault/rewrite.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const dr = r.route.directResponse;
        if (dr === undefined || dr === null) continue;
        const path = [...r.path, 'directResponse'];
        if (!isSet(r.route, 'redirect') && !isSet(r.route, 'delegate')) {
          for (const other of otherActions(r)) {
            report({
              object: vs,
              path,
              message: `${r.label} has both a directResponse and ${other.text}; Istio rejects the combination (a direct response answers the request itself).`,
              fix: `Remove ${other.key} from this route, or split it into two routes with different matches.`,
            });
          }
        }
        if (!isPlainObject(dr)) continue;
        const status = dr.status;
        if (status === undefined || status === null) {
          report({
            object: vs,
            path,
            message: `${r.label}: directResponse has no status; Istio requires one between ${MIN_ISTIO_HTTP_STATUS} and ${MAX_ISTIO_HTTP_STATUS}.`,
            fix: 'Add status, e.g. status: 200 or status: 503.',
          });
        } else if (typeof status === 'number' && !isIstioHttpStatus(status)) {
          report({
            object: vs,
            path: [...path, 'status'],
            message: `${r.label}: directResponse.status ${status} is not between ${MIN_ISTIO_HTTP_STATUS} and ${MAX_ISTIO_HTTP_STATUS}; Istio rejects it.`,
            fix: 'Use a status from 200 to 600 (for a redirect, use redirect instead).',
          });
        }
        const size = bodySize(dr.body);
        if (size !== undefined && size > MAX_BODY) {
          report({
            object: vs,
            path: [...path, 'body'],
            message: `${r.label}: the directResponse body is ${size} bytes; Istio rejects bodies over 1 MiB (they are pushed to every proxy).`,
            fix: 'Serve large content from a workload and route to it instead.',
          });
        }
      }
    }
  },
};
