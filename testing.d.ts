// Types of the `cdk8s-istio/testing` entry point (see testing.js).
export * from './lib/testing';
