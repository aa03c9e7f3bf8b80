import { Severity } from '../../diagnostic';
import { MeshModel } from '../../model';
import { httpRoutesOf, isSet, objectAt } from '../../resources/http-routes';
import { Report, Rule } from '../../rule';

export const virtualServiceAbortWithoutErrorType: Rule = {
  id: 'virtualservice-abort-without-error-type',
  kinds: ['VirtualService'],
  severity: Severity.WARNING,
  istioCode: 'IST0133',
  summary: 'A VirtualService fault.abort sets no httpStatus or grpcStatus (Istio warns: abort configured without an error type).',
  origin: 'webhook',
  istioSource: 'pkg/config/validation: ValidateVirtualService, validateHTTPRoute and helpers',
  docs: 'An abort fault without `httpStatus`, `grpcStatus` or `http2Error`: Istio\'s validation webhook\n' +
    'accepts it with a warning, and the fault aborts nothing useful. Kept a warning, as in Istio.',
  fields: 'spec.http[].fault.abort',
  fix: 'Set httpStatus or grpcStatus.',
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
