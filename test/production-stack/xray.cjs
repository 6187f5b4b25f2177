// X-Ray's captureHTTPsGlobal on node:http, and every call inside a segment (automatic mode).
const AWSXRay = require("aws-xray-sdk-core");
AWSXRay.setLogger({ debug() {}, info() {}, warn() {}, error() {} });
AWSXRay.setDaemonAddress("127.0.0.1:9");
AWSXRay.captureHTTPsGlobal(require("node:http"));
globalThis.__testRunInside = (fn) =>
  AWSXRay.getNamespace().runPromise(async () => {
    AWSXRay.setSegment(new AWSXRay.Segment("production-stack-test"));
    await fn();
  });
