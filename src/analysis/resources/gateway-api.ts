/** Label Istio puts on the pods it deploys for a Kubernetes Gateway API Gateway. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
