// Only a registered tracer provider, no instrumentation: what a bundled handler under the ADOT layer sees of
// OpenTelemetry for its own code.
const { NodeTracerProvider, SimpleSpanProcessor, InMemorySpanExporter } = require("@opentelemetry/sdk-trace-node");
const exporter = new InMemorySpanExporter();
new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
globalThis.__testSpans = () => exporter.getFinishedSpans().map((s) => ({ name: s.name, kind: s.kind, attributes: s.attributes, status: s.status, events: s.events.map((e) => e.name), spanId: s.spanContext().spanId }));
