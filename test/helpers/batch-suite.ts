/**
 * The setup the batch tests share: an emulator, a client for it and a fresh
 * revenue attribution before each test. Two flavours:
 * - {@link useAttributionSuite}: real time, emulator tasks of a few milliseconds;
 * - {@link useFakeClockSuite}: fake timers, tasks that run until the test's
 *   fixed task time has passed on the fake clock (for deadlines and estimates).
 * Read the members inside tests and hooks (they are set by the hooks).
 */
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { CreateRevenueAttributionCommand, type CatalogName, type PartnerCentralRevenueMeasurementClient } from "../../src/index.js";
import { startEmulator, type Emulator } from "../../src/testing/index.js";
import { FAKE_TIMERS, drive, makeClient } from "./allocations-script.js";
import { useEmulator } from "./emulator-suite.js";

/** What a test reads: the emulator, the client, the attribution created for it and its stored state. */
export interface AttributionSuite {
  readonly emulator: Emulator;
  readonly client: PartnerCentralRevenueMeasurementClient;
  /** The id of the attribution created before the test (undefined with `attribution: false`). */
  readonly attribution: string;
  /** The attribution as the emulator holds it now. */
  stored(): ReturnType<Emulator["inspect"]>["revenueAttributions"][number];
}

interface AttributionOptions {
  /** The new attribution's name; `false`: create none (the test makes its own). */
  attribution: string | false;
  catalog?: CatalogName;
}

const createAttribution = (client: PartnerCentralRevenueMeasurementClient, Catalog: CatalogName, Name: string) =>
  client.send(new CreateRevenueAttributionCommand({ Catalog, Name, TenancyModel: "MULTI_TENANT" }));

function suiteOver(state: { emulator?: Emulator; client?: PartnerCentralRevenueMeasurementClient; attribution?: string }): AttributionSuite {
  return {
    get emulator() {
      return state.emulator!;
    },
    get client() {
      return state.client!;
    },
    get attribution() {
      return state.attribution!;
    },
    stored: () => state.emulator!.inspect().revenueAttributions.find((a) => a.Id === state.attribution)!,
  };
}

/** Real time: one emulator for the file (tasks of `taskDurationMs`), reset before each test, and a new attribution. */
export function useAttributionSuite(options: AttributionOptions & { taskDurationMs: number }): AttributionSuite {
  const emulated = useEmulator({ taskDurationMs: options.taskDurationMs });
  const state: { emulator?: Emulator; client?: PartnerCentralRevenueMeasurementClient; attribution?: string } = {};
  beforeEach(async () => {
    state.emulator = emulated.emulator;
    state.client = emulated.client;
    state.emulator.reset();
    state.emulator.setTaskDurationMs(options.taskDurationMs); // a test may have changed it
    state.attribution = options.attribution === false ? undefined : (await createAttribution(state.client, options.catalog ?? "AWS", options.attribution)).Id;
  });
  return suiteOver(state);
}

/**
 * Fake clock: tasks stay IN_PROGRESS until `taskMs` of fake time have passed since they started; `run` settles a
 * promise while driving the fake timers and ending due tasks. Signatures are not verified (the fake clock would
 * make them stale).
 */
export function useFakeClockSuite(options: AttributionOptions & { taskMs: number }): AttributionSuite & { run<T>(promise: Promise<T>): Promise<T> } {
  const state: { emulator?: Emulator; client?: PartnerCentralRevenueMeasurementClient; attribution?: string } = {};
  beforeAll(async () => {
    state.emulator = await startEmulator({ verifySignatures: false, taskDurationMs: Infinity });
  });
  afterAll(() => state.emulator?.close());
  beforeEach(async () => {
    vi.useFakeTimers(FAKE_TIMERS);
    state.emulator!.reset();
    state.client = makeClient(state.emulator!.endpoint);
    state.attribution =
      options.attribution === false ? undefined : (await drive(createAttribution(state.client, options.catalog ?? "AWS", options.attribution))).Id;
  });
  afterEach(() => {
    state.client?.destroy();
    vi.useRealTimers();
  });
  const run = <T>(promise: Promise<T>): Promise<T> =>
    drive(promise, () => {
      const tasks = state.emulator!.inspect().revenueAttributions.flatMap((a) => a.Tasks);
      if (tasks.some((t) => t.Status === "IN_PROGRESS" && t.StartedAt.getTime() + options.taskMs <= Date.now())) state.emulator!.finishTasks();
    });
  return Object.assign(suiteOver(state), { run });
}
