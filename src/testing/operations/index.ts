/**
 * The 18 operations the emulator serves: each one's input model (the
 * emulator's own reading of the service model, ../model.ts) and its
 * implementation. Nothing here loads the client's commands or validation.
 */
import { PartnerCentralRevenueMeasurementError } from "../../errors.js";
import { OPERATION_MODELS, type OperationModel } from "../model.js";
import { allocationHandlers } from "./allocations.js";
import { attributionHandlers } from "./attributions.js";
import { marketplaceHandlers } from "./marketplace.js";
import { tagHandlers } from "./tags.js";
import type { Handler } from "./types.js";

export type { Handler } from "./types.js";

/** One served operation: its input model and its implementation. */
export interface EmulatedOperation {
  model: OperationModel;
  handler: Handler;
}

const handlers: Record<string, Handler> = {
  ...attributionHandlers,
  ...allocationHandlers,
  ...marketplaceHandlers,
  ...tagHandlers,
};

/** Every operation by its wire name. */
export const OPERATIONS: ReadonlyMap<string, EmulatedOperation> = new Map(
  Object.entries(OPERATION_MODELS).map(([name, model]) => {
    const handler = handlers[name];
    if (!handler) throw new PartnerCentralRevenueMeasurementError(`The emulator has no handler for ${name}`);
    return [name, { model, handler }] as const;
  }),
);
