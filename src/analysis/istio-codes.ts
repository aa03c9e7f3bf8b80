/**
 * The istioctl analyze codes of Istio's validation webhook: istioctl runs the webhook over every
 * object as one of its analyzers and reports each webhook error as IST0106 (SchemaValidationError)
 * and each webhook warning as IST0133 (SchemaWarning). A rule mirroring a webhook check carries the
 * one that matches what the webhook does with the finding.
 */
export const WEBHOOK_ERROR_CODE = 'IST0106';
export const WEBHOOK_WARNING_CODE = 'IST0133';
