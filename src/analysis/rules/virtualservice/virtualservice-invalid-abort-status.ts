import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { httpRoutesOf, objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';
import { GRPC_STATUS_NAMES, isIstioHttpStatus, MAX_ISTIO_HTTP_STATUS, MIN_ISTIO_HTTP_STATUS, suggestGrpcStatus } from '../../validators/http';

export const virtualServiceInvalidAbortStatus: Rule = {
  id: 'virtualservice-invalid-abort-status',
  kinds: ['VirtualService'],
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  summary: 'A VirtualService fault.abort.httpStatus is outside 200..600, or its grpcStatus is not a gRPC status name.',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'Abort faults whose status Istio\'s validation webhook refuses: an `httpStatus` outside 200..600,\n' +
    'or a `grpcStatus` that is not one of gRPC\'s status names (`UNAVAILABLE`, `NOT_FOUND`, …).',
  fields: 'spec.http[].fault.abort',
  fix: 'Use an httpStatus of 200..600 or a gRPC status name such as UNAVAILABLE.',
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
