import { Severity } from '../../diagnostic';
import { isPlainObject } from '../../manifest';
import { MeshModel } from '../../model';
import { httpRoutesOf, isSet, objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';

export const virtualServiceInvalidFault: Rule = {
  id: 'virtualservice-invalid-fault',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService fault has neither delay nor abort, or uses http2Error or exponentialDelay, which Istio does not support.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Fault injection that Istio\'s validation webhook refuses: a `fault` with neither `delay` nor\n' +
    '`abort`, an `abort.http2Error` (not supported yet), or a `delay.exponentialDelay` (not supported yet).',
  fields: 'spec.http[].fault',
  fix: 'Give the fault a delay (fixedDelay) or an abort; drop http2Error and exponentialDelay.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const fault = r.route.fault;
        if (!isPlainObject(fault)) continue;
        const path = [...r.path, 'fault'];
        if (!isSet(fault, 'delay') && !isSet(fault, 'abort')) {
          report({
            object: vs,
            path,
            message: `${r.label}: fault ${JSON.stringify(fault)} has neither a delay nor an abort; Istio's validation webhook rejects it.`,
            fix: 'Add delay: { fixedDelay: "5s", percentage: { value: 10 } } and/or abort: { httpStatus: 503, percentage: { value: 10 } }, or remove fault.',
          });
        }
        const abort = objectAt(fault, 'abort');
        if (abort && isSet(abort, 'http2Error')) {
          report({
            object: vs,
            path: [...path, 'abort', 'http2Error'],
            message: `${r.label}: fault.abort.http2Error ${JSON.stringify(abort.http2Error)} is not supported by Istio yet; the validation webhook rejects it.`,
            fix: 'Abort with an HTTP status (abort.httpStatus: 503) or a gRPC status (abort.grpcStatus: "UNAVAILABLE") instead.',
          });
        }
        const delay = objectAt(fault, 'delay');
        if (delay && isSet(delay, 'exponentialDelay')) {
          report({
            object: vs,
            path: [...path, 'delay', 'exponentialDelay'],
            message: `${r.label}: fault.delay.exponentialDelay ${JSON.stringify(delay.exponentialDelay)} is not supported by Istio yet; the validation webhook rejects it.`,
            fix: `Use delay.fixedDelay: ${JSON.stringify(delay.exponentialDelay)} instead.`,
          });
        }
      }
    }
  },
};
