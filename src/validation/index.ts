/** Validation: the engine, the shape schemas, date rules and batch-item rules. */
export * from "./core.js";
export * from "./dates.js";
export * from "./allocations.js";
export * as shapes from "./shapes.js";
