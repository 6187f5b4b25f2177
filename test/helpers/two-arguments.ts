/**
 * Many batch tests build one object holding both the service data and the
 * call's options (their fixtures predate the two-argument shape). `inTwo`
 * splits such an object into the configuration (client and options) and the
 * input, by the configuration's option names, so those tests keep one fixture
 * per case while every call uses the real `(configuration, input)` shape.
 */
import type { PartnerCentralRevenueMeasurementClient } from "../../src/index.js";
import type { SubmitAllocationsConfiguration, SubmitAllocationsInput } from "../../src/batch/index.js";

const OPTION_NAMES = new Set<string>([
  "deadline",
  "onProgress",
  "onPoll",
  "onRecordFailure",
  "startsPerSecond",
  "maxWaitMs",
  "minDelayMs",
  "maxDelayMs",
  "taskDurationEstimateMs",
  "abortSignal",
]);

type Options = Omit<SubmitAllocationsConfiguration, "client">;

export function inTwo(
  client: PartnerCentralRevenueMeasurementClient,
  mixed: SubmitAllocationsInput & Options,
): [SubmitAllocationsConfiguration, SubmitAllocationsInput] {
  const options: Record<string, unknown> = {};
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(mixed)) (OPTION_NAMES.has(name) ? options : input)[name] = value;
  return [{ ...(options as Options), client }, input as unknown as SubmitAllocationsInput];
}
