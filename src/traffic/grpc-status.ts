/**
 * gRPC status codes, by the names Istio accepts in a fault injection's `abort.grpcStatus`
 * (the canonical codes of grpc/grpc's `statuscodes.md`).
 */
export enum GrpcStatus {
  /** 0: not an error. */
  OK = 'OK',
  /** 1: the operation was cancelled, typically by the caller. */
  CANCELLED = 'CANCELLED',
  /** 2: unknown error. */
  UNKNOWN = 'UNKNOWN',
  /** 3: the client sent an invalid argument. */
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
  /** 4: the deadline expired before the operation completed. */
  DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED',
  /** 5: a requested entity was not found. */
  NOT_FOUND = 'NOT_FOUND',
  /** 6: the entity the client tried to create already exists. */
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  /** 7: the caller may not run the operation. */
  PERMISSION_DENIED = 'PERMISSION_DENIED',
  /** 8: a resource (quota, memory, …) ran out. */
  RESOURCE_EXHAUSTED = 'RESOURCE_EXHAUSTED',
  /** 9: the system is not in the state the operation needs. */
  FAILED_PRECONDITION = 'FAILED_PRECONDITION',
  /** 10: the operation was aborted (e.g. a concurrency conflict). */
  ABORTED = 'ABORTED',
  /** 11: the operation went past the valid range. */
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  /** 12: the operation is not implemented. */
  UNIMPLEMENTED = 'UNIMPLEMENTED',
  /** 13: internal error. */
  INTERNAL = 'INTERNAL',
  /** 14: the service is unavailable right now; retrying may help. */
  UNAVAILABLE = 'UNAVAILABLE',
  /** 15: unrecoverable data loss or corruption. */
  DATA_LOSS = 'DATA_LOSS',
  /** 16: the request lacks valid credentials. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
}
