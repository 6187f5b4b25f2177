/** Validation, for the package's own modules: the engine, date rules and batch-item rules (the shape schemas are in shapes.ts). */
export * from "./core.js";
export * from "./dates.js";
export * from "./allocations.js";
