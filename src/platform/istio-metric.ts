/**
 * Istio's standard metrics, as a Telemetry metrics override selects them. The Prometheus names
 * are in brackets.
 */
export enum IstioMetric {
  /** Every standard metric. */
  ALL_METRICS = 'ALL_METRICS',
  /** Requests, for HTTP, HTTP/2 and gRPC (`istio_requests_total`). */
  REQUEST_COUNT = 'REQUEST_COUNT',
  /** Request durations (`istio_request_duration_milliseconds`). */
  REQUEST_DURATION = 'REQUEST_DURATION',
  /** Request body sizes (`istio_request_bytes`). */
  REQUEST_SIZE = 'REQUEST_SIZE',
  /** Response body sizes (`istio_response_bytes`). */
  RESPONSE_SIZE = 'RESPONSE_SIZE',
  /** TCP connections opened (`istio_tcp_connections_opened_total`). */
  TCP_OPENED_CONNECTIONS = 'TCP_OPENED_CONNECTIONS',
  /** TCP connections closed (`istio_tcp_connections_closed_total`). */
  TCP_CLOSED_CONNECTIONS = 'TCP_CLOSED_CONNECTIONS',
  /** Bytes sent in responses over TCP (`istio_tcp_sent_bytes_total`). */
  TCP_SENT_BYTES = 'TCP_SENT_BYTES',
  /** Bytes received in requests over TCP (`istio_tcp_received_bytes_total`). */
  TCP_RECEIVED_BYTES = 'TCP_RECEIVED_BYTES',
  /** gRPC messages sent by clients (`istio_request_messages_total`). */
  GRPC_REQUEST_MESSAGES = 'GRPC_REQUEST_MESSAGES',
  /** gRPC messages sent by servers (`istio_response_messages_total`). */
  GRPC_RESPONSE_MESSAGES = 'GRPC_RESPONSE_MESSAGES',
}
