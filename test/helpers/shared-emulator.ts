/** One emulator for a test file: started before its tests, reset (faults off, counters cleared) after each, closed at the end. */
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/testing/index.js";

/** Registers the hooks; `onStart` receives the emulator once it listens. Mocks are restored after each test. */
export function useSharedEmulator(onStart: (emulator: Emulator) => void, options: EmulatorOptions = {}): void {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
    onStart(emulator);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    emulator?.setFaults({});
    emulator?.reset();
  });
  afterAll(async () => {
    await emulator?.close();
  });
}
