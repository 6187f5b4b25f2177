// otel-http.cjs plus @opentelemetry/instrumentation-aws-sdk, as auto-instrumentations-node registers both: the
// official client gets its span from the instrumentation, ours makes its own; neither may be traced twice.
require("./otel-http.cjs");
const { registerInstrumentations } = require("@opentelemetry/instrumentation");
const { AwsInstrumentation } = require("@opentelemetry/instrumentation-aws-sdk");
registerInstrumentations({ instrumentations: [new AwsInstrumentation()] });
