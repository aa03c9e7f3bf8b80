import { Severity } from '../diagnostic';
import { isPlainObject } from '../manifest';
import { MeshModel } from '../model';
import { Report, Rule } from '../rule';
import { httpRoutesOf, isSet, objectAt } from './virtualservice-http-routes';
import { GRPC_STATUS_NAMES, isIstioHttpStatus, MAX_ISTIO_HTTP_STATUS, MIN_ISTIO_HTTP_STATUS, suggestGrpcStatus } from '../validators/http';

/**
 * Fault injection that Istio's validation webhook refuses: a `fault` with neither `delay` nor
 * `abort`, an `abort.http2Error` (not supported yet), or a `delay.exponentialDelay` (not supported yet).
 */
export const virtualServiceInvalidFault: Rule = {
  id: 'virtualservice-invalid-fault',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService fault has neither delay nor abort, or uses http2Error or exponentialDelay, which Istio does not support.',
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

/**
 * Abort faults whose status Istio's validation webhook refuses: an `httpStatus` outside 200..600,
 * or a `grpcStatus` that is not one of gRPC's status names (`UNAVAILABLE`, `NOT_FOUND`, …).
 */
export const virtualServiceInvalidAbortStatus: Rule = {
  id: 'virtualservice-invalid-abort-status',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService fault.abort.httpStatus is outside 200..600, or its grpcStatus is not a gRPC status name.',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const abort = objectAt(objectAt(r.route, 'fault'), 'abort');
        if (!abort) continue;
        const path = [...r.path, 'fault', 'abort'];
        if (typeof abort.httpStatus === 'number' && !isIstioHttpStatus(abort.httpStatus)) {
          report({
            object: vs,
            path: [...path, 'httpStatus'],
            message: `${r.label}: fault.abort.httpStatus ${abort.httpStatus} is not between ${MIN_ISTIO_HTTP_STATUS} and ${MAX_ISTIO_HTTP_STATUS}; Istio's validation webhook rejects it.`,
            fix: 'Abort with an error status such as 503, 500 or 429.',
          });
        }
        if (typeof abort.grpcStatus === 'string' && !GRPC_STATUS_NAMES.includes(abort.grpcStatus)) {
          const suggestion = suggestGrpcStatus(abort.grpcStatus);
          report({
            object: vs,
            path: [...path, 'grpcStatus'],
            message: `${r.label}: fault.abort.grpcStatus ${JSON.stringify(abort.grpcStatus)} is not a gRPC status name; Istio's validation webhook rejects it.`,
            fix: suggestion
              ? `Write grpcStatus: "${suggestion}".`
              : `Use one of ${GRPC_STATUS_NAMES.join(', ')} (names, not numbers).`,
          });
        }
      }
    }
  },
};

/**
 * An abort fault without `httpStatus`, `grpcStatus` or `http2Error`: Istio's validation webhook
 * accepts it with a warning, and the fault aborts nothing useful. Kept a warning, as in Istio.
 */
export const virtualServiceAbortWithoutErrorType: Rule = {
  id: 'virtualservice-abort-without-error-type',
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A VirtualService fault.abort sets no httpStatus or grpcStatus (Istio warns: abort configured without an error type).',
  check(model: MeshModel, report: Report): void {
    for (const vs of model.virtualServices()) {
      for (const r of httpRoutesOf(vs)) {
        const abort = objectAt(objectAt(r.route, 'fault'), 'abort');
        if (!abort) continue;
        if (isSet(abort, 'httpStatus') || isSet(abort, 'grpcStatus') || isSet(abort, 'http2Error')) continue;
        report({
          object: vs,
          path: [...r.path, 'fault', 'abort'],
          message: `${r.label}: fault.abort ${JSON.stringify(abort)} has no httpStatus or grpcStatus, so it does not say how to abort; Istio accepts it with a warning.`,
          fix: 'Add httpStatus (e.g. 503) or grpcStatus (e.g. "UNAVAILABLE"), or remove abort.',
        });
      }
    }
  },
};
