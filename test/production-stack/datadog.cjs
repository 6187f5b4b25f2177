// dd-trace with its default plugins (HTTP included), reporting to the fake agent at DD_TRACE_AGENT_URL.
// DD_TRACER_PACKAGE picks dd-trace 5 (Node 20) or 6 (Node 22+).
require(process.env.DD_TRACER_PACKAGE).init({ startupLogs: false, telemetry: { enabled: false }, remoteConfig: { enabled: false } });
