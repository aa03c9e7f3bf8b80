/**
 * Application protocol of a service port. Istio reads it from the port name prefix
 * (`http-…`) or `appProtocol`; without either it has to sniff the protocol.
 */
export enum Protocol {
  /** HTTP/1.1 (Istio also accepts HTTP/2 on it). */
  HTTP = 'HTTP',
  /** HTTP/2 without TLS (h2c). */
  HTTP2 = 'HTTP2',
  /** gRPC. */
  GRPC = 'GRPC',
  /** HTTPS: TLS the application terminates itself. */
  HTTPS = 'HTTPS',
  /** Opaque TLS. */
  TLS = 'TLS',
  /** Opaque TCP. */
  TCP = 'TCP',
  /** MongoDB wire protocol. */
  MONGO = 'MONGO',
  /** MySQL wire protocol. */
  MYSQL = 'MYSQL',
  /** Redis protocol. */
  REDIS = 'REDIS',
}

/** A port of a mesh service. */
export interface MeshServicePort {
  /** Port number clients call. */
  readonly port: number;

  /**
   * Container port the traffic is sent to.
   * @default - same as `port`
   */
  readonly targetPort?: number;

  /**
   * Application protocol; decides the port name prefix and `appProtocol` Istio reads.
   * @default - the protocol of a well-known port (TCP for PostgreSQL on 5432, MYSQL on 3306,
   * REDIS on 6379, MONGO on 27017, TLS on 443, TCP for Kafka 9092 and ZooKeeper 2181, …), else Protocol.HTTP
   */
  readonly protocol?: Protocol;

  /**
   * Port name. Must start with the protocol (`http`, `http-web`, …) for Istio to read it.
   * @default - the protocol in lower case, with `-<port>` added when the service has two ports of one protocol
   */
  readonly name?: string;
}
