import type { EmulatorState } from "../state.js";

/**
 * An operation's implementation: takes the decoded (and already validated)
 * input and returns the output members, or throws a `ServiceError`.
 * Handlers are synchronous, so requests never interleave inside one.
 */
export type Handler = (input: Record<string, unknown>, state: EmulatorState) => Record<string, unknown>;
