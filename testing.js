// The `cdk8s-istio/testing` entry point: Jest matchers and assert functions over simulator traces
// (TypeScript and JavaScript only; not part of the jsii API). The code lives in lib/testing.
module.exports = require('./lib/testing');
