/**
 * A test file's emulator and a client for it, started before the file's
 * tests and closed after them.
 */
import { afterAll, beforeAll } from "vitest";
import { PartnerCentralRevenueMeasurementClient } from "../../src/index.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/testing/index.js";

/**
 * Waiter timing for emulator tasks of a few milliseconds, and starts not
 * paced to the published 1 per second (the emulator has no quota unless asked).
 */
export const FAST_POLL = { minDelayMs: 5, maxDelayMs: 20, maxWaitMs: 10_000 } as const;
/** {@link FAST_POLL}, and starts as fast as the emulator takes them (it enforces no quota unless asked). */
export const FAST_WAIT = { ...FAST_POLL, startsPerSecond: 1000 } as const;

/** Registers the hooks; read `emulator` and `client` inside tests and hooks. */
export function useEmulator(options: EmulatorOptions): { readonly emulator: Emulator; readonly client: PartnerCentralRevenueMeasurementClient } {
  const suite = {} as { emulator: Emulator; client: PartnerCentralRevenueMeasurementClient };
  beforeAll(async () => {
    suite.emulator = await startEmulator(options);
    const { endpoint, region, credentials } = suite.emulator;
    suite.client = new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials });
  });
  afterAll(async () => {
    suite.client?.destroy();
    await suite.emulator?.close();
  });
  return suite;
}
