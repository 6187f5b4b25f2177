// otel-aws.cjs for ES modules (--import): import-in-the-middle's hook first.
import { register, createRequire } from "node:module";
register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);
createRequire(import.meta.url)("./otel-aws.cjs");
