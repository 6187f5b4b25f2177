// otel-http.cjs for ES modules (--import): import-in-the-middle's hook first, as auto-instrumentations-node's register does.
import { register, createRequire } from "node:module";
register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);
createRequire(import.meta.url)("./otel-http.cjs");
