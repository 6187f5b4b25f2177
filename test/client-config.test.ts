/**
 * Configuration defaults and credential handling of the client.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  GetRevenueAttributionAllocationsTaskCommand,
  PartnerCentralRevenueMeasurementClient,
  type PartnerCentralRevenueMeasurementClientConfig,
  InvalidConfigurationError,
} from "../src/index.js";
import { createCredentialResolver, credentialsFromEnv } from "../src/auth/credentials.js";
import { CREDS, FakeHandler, GET_TASK_INPUT, ManualClock, NOW, cbor } from "./helpers/core-fakes.js";

const chain = vi.hoisted(() => ({
  calls: 0,
  result: { accessKeyId: "AKIDFROMCHAIN", secretAccessKey: "chain-secret" } as Record<string, unknown>,
}));
// The chain is loaded by name at run time (src/optional-module.ts): the fake stands in for that one name.
vi.mock("../src/optional-module.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/optional-module.js")>();
  const fakeChain = {
    defaultProvider: () => async () => {
      chain.calls++;
      return chain.result;
    },
  };
  return {
    loadOptionalModule: async (name: string) =>
      name === "@aws-sdk/credential-provider-node" ? fakeChain : real.loadOptionalModule(name),
  };
});

const ENV_NAMES = [
  "AWS_REGION",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
  "AWS_USE_FIPS_ENDPOINT",
  "AWS_MAX_ATTEMPTS",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
];

beforeEach(() => {
  for (const name of ENV_NAMES) vi.stubEnv(name, ""); // empty counts as unset
  chain.calls = 0;
  chain.result = { accessKeyId: "AKIDFROMCHAIN", secretAccessKey: "chain-secret" };
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function sendOnce(config: PartnerCentralRevenueMeasurementClientConfig = {}) {
  const handler = new FakeHandler([cbor({})]);
  const client = new PartnerCentralRevenueMeasurementClient({ requestHandler: handler, ...config });
  await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
  return { client, request: handler.requests[0]! };
}

describe("region", () => {
  it("defaults to us-east-1 (config.region is a provider, as in the AWS SDK)", async () => {
    expect(await new PartnerCentralRevenueMeasurementClient().config.region()).toBe("us-east-1");
  });

  it("reads AWS_REGION", async () => {
    vi.stubEnv("AWS_REGION", "cn-north-1");
    const client = new PartnerCentralRevenueMeasurementClient();
    expect(await client.config.region()).toBe("cn-north-1");
    expect(client.config.endpoint.url.hostname).toBe("partnercentral-prm.global.api.amazonwebservices.com.cn");
  });

  it("prefers the explicit region", async () => {
    vi.stubEnv("AWS_REGION", "cn-north-1");
    expect(await new PartnerCentralRevenueMeasurementClient({ region: "eu-west-1" }).config.region()).toBe("eu-west-1");
  });
});

describe("endpoint", () => {
  it("defaults to the partition's endpoint", () => {
    expect(new PartnerCentralRevenueMeasurementClient().config.endpoint.url.href).toBe("https://partnercentral-prm.global.api.aws/");
  });

  it("reads AWS_ENDPOINT_URL", () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://localhost:4566");
    expect(new PartnerCentralRevenueMeasurementClient().config.endpoint.url.href).toBe("http://localhost:4566/");
  });

  it("prefers the service-specific AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT", () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://localhost:4566");
    vi.stubEnv("AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT", "http://localhost:7000");
    expect(new PartnerCentralRevenueMeasurementClient().config.endpoint.url.href).toBe("http://localhost:7000/");
  });

  it("prefers the explicit endpoint over both variables", () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://localhost:4566");
    vi.stubEnv("AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT", "http://localhost:7000");
    const client = new PartnerCentralRevenueMeasurementClient({ endpoint: "http://127.0.0.1:9999" });
    expect(client.config.endpoint.url.href).toBe("http://127.0.0.1:9999/");
  });

  it("ignores the variables when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true", () => {
    vi.stubEnv("AWS_ENDPOINT_URL", "http://localhost:4566");
    vi.stubEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
    expect(new PartnerCentralRevenueMeasurementClient().config.endpoint.url.hostname).toBe("partnercentral-prm.global.api.aws");
  });

  it("sends to the configured endpoint and signs with the client's region", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT", "http://127.0.0.1:1234/base");
    const { request } = await sendOnce({ region: "ap-south-1", credentials: CREDS });
    expect(request.url).toBe("http://127.0.0.1:1234/base/service/PartnerCentralRevenueMeasurement/operation/GetRevenueAttributionAllocationsTask");
    expect(request.headers.authorization).toContain("/ap-south-1/partnercentral/aws4_request");
  });
});

describe("other settings", () => {
  it("has the documented defaults", () => {
    const { config } = new PartnerCentralRevenueMeasurementClient();
    expect(config).toMatchObject({ maxAttempts: 3, validation: true, useFipsEndpoint: false, requestTimeoutMs: 30_000 });
    expect(config.endpoint.signingRegion).toBe("us-east-1");
    expect(config.clock).toBe(Date);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses maxAttempts %s", (maxAttempts) => {
    expect(() => new PartnerCentralRevenueMeasurementClient({ maxAttempts })).toThrow(InvalidConfigurationError);
  });

  it("refuses a non-numeric AWS_MAX_ATTEMPTS", () => {
    vi.stubEnv("AWS_MAX_ATTEMPTS", "many");
    expect(() => new PartnerCentralRevenueMeasurementClient()).toThrow(InvalidConfigurationError);
  });

  it("passes requestTimeoutMs to the handler, and a per-call value wins", async () => {
    const handler = new FakeHandler([cbor({})]);
    const client = new PartnerCentralRevenueMeasurementClient({ credentials: CREDS, requestHandler: handler, requestTimeoutMs: 1500 });
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { requestTimeoutMs: 200 });
    // What signing took (a millisecond or two on a first call) comes off the attempt's budget.
    const [first, second] = handler.requests.map((r) => r.timeoutMs!);
    expect(first).toBeLessThanOrEqual(1500);
    expect(first).toBeGreaterThan(1400);
    expect(second).toBeLessThanOrEqual(200);
    expect(second).toBeGreaterThan(100);
  });

  it("one budget per attempt: the time credentials took is gone from the request's timeout", async () => {
    vi.useFakeTimers();
    try {
      const handler = new FakeHandler([cbor({})]);
      const slowCredentials = () => new Promise<typeof CREDS>((resolve) => setTimeout(() => resolve(CREDS), 300));
      const client = new PartnerCentralRevenueMeasurementClient({ credentials: slowCredentials, requestHandler: handler, requestTimeoutMs: 500 });
      const sent = client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
      await vi.advanceTimersByTimeAsync(300);
      await sent;
      expect(handler.requests.map((r) => r.timeoutMs)).toEqual([200]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("signs with the configured clock", async () => {
    const { request } = await sendOnce({ credentials: CREDS, clock: new ManualClock(NOW) });
    expect(request.headers["x-amz-date"]).toBe("20260315T120000Z");
    expect(request.headers.authorization).toContain("Credential=AKIDEXAMPLE/20260315/us-east-1/partnercentral/aws4_request");
  });

  it("logs one debug line per attempt with operation, status and request id", async () => {
    const lines: string[] = [];
    await sendOnce({ credentials: CREDS, logger: { debug: (m: unknown) => lines.push(String(m)) } });
    expect(lines).toEqual(["GetRevenueAttributionAllocationsTask attempt 1: HTTP 200, request id rid-200"]);
  });

  it("works with a logger that has no debug method", async () => {
    await expect(sendOnce({ credentials: CREDS, logger: {} })).resolves.toBeDefined();
  });

  it("destroy() releases the handler and the client stays usable", async () => {
    const handler = new FakeHandler([cbor({})]);
    const destroy = vi.fn();
    Object.assign(handler, { destroy });
    const client = new PartnerCentralRevenueMeasurementClient({ credentials: CREDS, requestHandler: handler });
    client.destroy();
    expect(destroy).toHaveBeenCalledTimes(1);
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(handler.requests).toHaveLength(1);
  });
});

describe("credentials", () => {
  it("uses static credentials as given, with a session token", async () => {
    const { request } = await sendOnce({ credentials: { ...CREDS, sessionToken: "tok" } });
    expect(request.headers.authorization).toContain("Credential=AKIDEXAMPLE/");
    expect(request.headers["x-amz-security-token"]).toBe("tok");
    expect(chain.calls).toBe(0);
  });

  it("takes keys from the environment without loading the provider chain", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "env-secret");
    vi.stubEnv("AWS_SESSION_TOKEN", "env-token");
    const { request } = await sendOnce();
    expect(request.headers.authorization).toContain("Credential=AKIDFROMENV/");
    expect(request.headers["x-amz-security-token"]).toBe("env-token");
    expect(chain.calls).toBe(0);
  });

  it("falls back to the standard chain, lazily, once, and caches its result", async () => {
    const handler = new FakeHandler([cbor({})]);
    const client = new PartnerCentralRevenueMeasurementClient({ requestHandler: handler });
    expect(chain.calls).toBe(0); // nothing resolved at construction
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(chain.calls).toBe(1);
    expect(handler.requests[1]!.headers.authorization).toContain("Credential=AKIDFROMCHAIN/");
  });

  it("refreshes chain credentials five minutes before they expire", async () => {
    const clock = new ManualClock(NOW);
    chain.result = { accessKeyId: "AKIDTEMP", secretAccessKey: "s", expiration: new Date(NOW + 60 * 60_000) };
    const handler = new FakeHandler([cbor({})]);
    const client = new PartnerCentralRevenueMeasurementClient({ requestHandler: handler, clock });
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    clock.ms = NOW + 54 * 60_000; // 6 minutes left: cached
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(chain.calls).toBe(1);
    clock.ms = NOW + 55 * 60_000; // 5 minutes left: refresh
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(chain.calls).toBe(2);
  });
});

describe("createCredentialResolver", () => {
  it("returns static credentials without calling anything", async () => {
    const resolve = createCredentialResolver(CREDS, () => 0);
    expect(await resolve()).toBe(CREDS);
  });

  it("shares one in-flight call between concurrent callers", async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const resolve = createCredentialResolver(async () => {
      calls++;
      await gate;
      return CREDS;
    }, () => 0);
    const all = Promise.all([resolve(), resolve(), resolve()]);
    release();
    expect(await all).toEqual([CREDS, CREDS, CREDS]);
    expect(calls).toBe(1);
  });

  it("does not cache a failure", async () => {
    let calls = 0;
    const resolve = createCredentialResolver(async () => {
      calls++;
      if (calls === 1) throw new Error("IMDS not reachable");
      return CREDS;
    }, () => 0);
    await expect(resolve()).rejects.toThrow("IMDS not reachable");
    await expect(resolve()).resolves.toBe(CREDS);
    expect(calls).toBe(2);
  });

  it("keeps credentials without an expiration forever", async () => {
    let calls = 0;
    let now = 0;
    const resolve = createCredentialResolver(async () => {
      calls++;
      return CREDS;
    }, () => now);
    await resolve();
    now = 10 ** 12;
    await resolve();
    expect(calls).toBe(1);
  });
});

describe("credentialsFromEnv", () => {
  it("needs both the key id and the secret", () => {
    expect(credentialsFromEnv({ AWS_ACCESS_KEY_ID: "A" })).toBeUndefined();
    expect(credentialsFromEnv({ AWS_SECRET_ACCESS_KEY: "S" })).toBeUndefined();
    expect(credentialsFromEnv({ AWS_ACCESS_KEY_ID: "A", AWS_SECRET_ACCESS_KEY: "S" })).toEqual({ accessKeyId: "A", secretAccessKey: "S" });
    expect(credentialsFromEnv({ AWS_ACCESS_KEY_ID: "A", AWS_SECRET_ACCESS_KEY: "S", AWS_SESSION_TOKEN: "T" })).toEqual({
      accessKeyId: "A",
      secretAccessKey: "S",
      sessionToken: "T",
    });
  });
});
