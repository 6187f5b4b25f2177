/**
 * In-memory test doubles for the core client tests: a scripted HTTP handler
 * (no sockets), a manual clock, canned inputs and responses.
 */
import { vi } from "vitest";
import { PartnerCentralRevenueMeasurementClient, type PartnerCentralRevenueMeasurementClientConfig } from "../../src/index.js";
import { decodeCbor, encodeCbor } from "../../src/protocol/cbor.js";
import { OWN_HTTP_HANDLER, type HttpHandler, type HttpRequestSpec, type HttpResponseSpec } from "../../src/transport/types.js";

/** What the fake handler saw for one attempt. */
export interface SeenRequest {
  url: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  timeoutMs?: number;
}

type Step = HttpResponseSpec | Error | ((req: SeenRequest, signal?: AbortSignal) => Promise<HttpResponseSpec>);

/** A handler that answers from a script; the last step repeats when the script runs out. */
export class FakeHandler implements HttpHandler {
  readonly [OWN_HTTP_HANDLER] = true as const;
  readonly requests: SeenRequest[] = [];
  constructor(private readonly steps: Step[] = [cbor({})]) {}

  async handle(
    request: HttpRequestSpec,
    options: { abortSignal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<HttpResponseSpec> {
    const seen: SeenRequest = {
      url: request.url.href,
      path: request.url.pathname,
      headers: { ...request.headers },
      body: decodeCbor(request.body) as Record<string, unknown>,
      timeoutMs: options.timeoutMs,
    };
    this.requests.push(seen);
    const step = this.steps[Math.min(this.requests.length - 1, this.steps.length - 1)]!;
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(seen, options.abortSignal);
    return step;
  }
}

/** A CBOR response. */
export function cbor(body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponseSpec {
  return {
    statusCode: status,
    headers: { "content-type": "application/cbor", "x-amzn-requestid": `rid-${status}`, ...headers },
    body: encodeCbor(body),
  };
}

/** A CBOR error response with a namespaced `__type`. */
export function cborError(type: string, status: number, members: Record<string, unknown> = {}): HttpResponseSpec {
  return cbor({ __type: `com.amazonaws.partnercentralrevenuemeasurement#${type}`, Message: `${type} happened`, ...members }, status);
}

/** A raw (non-CBOR) response. */
export function raw(status: number, contentType: string | undefined, text: string | Uint8Array): HttpResponseSpec {
  return {
    statusCode: status,
    headers: contentType ? { "content-type": contentType } : {},
    body: typeof text === "string" ? new TextEncoder().encode(text) : text,
  };
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
}

export const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

/** 2026-03-15T12:00:00Z: "today" for the date rules in these tests. */
export const NOW = Date.UTC(2026, 2, 15, 12);

export const CREATE_INPUT = {
  Catalog: "AWS",
  ProductId: "prod-abc123def4567",
  EffectiveFrom: "2026-07-01",
  EffectiveUntil: "2026-12-31",
  RevenueSharePercent: "15.50",
} as const;

export const UPDATE_INPUT = {
  Catalog: "AWS",
  ProductId: "prod-abc123def4567",
  MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
  MarketplaceRevenueShareRevision: "3",
  EffectiveUntil: "2026-09-30",
  RevenueSharePercent: "12",
  Status: "ACTIVE",
} as const;

export const GET_TASK_INPUT = { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abcdefghij123" } as const;

/** A valid batch item; `i` varies the entity. */
export function item(i = 0, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: `offer-${i}`,
    CustomerAwsAccountId: "123456789012",
    RevenueSharePercent: "10.25",
    EffectiveFrom: "2026-04-01",
    EffectiveUntil: "2026-12-31",
    ...over,
  };
}

export function startInput(items: unknown[] = [item()], over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Catalog: "AWS",
    RevenueAttributionIdentifier: "ra-abcdefghij123",
    RevenueAttributionRevision: "7",
    RevenueShareAllocations: items,
    ...over,
  };
}

/** An allocation output as the service returns it. */
export const ALLOCATION_OUTPUT = {
  MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
  ProductId: "prod-abc123def4567",
  ProductName: "Widget",
  Arn: "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/marketplace-revenue-share/prod-abc123def4567",
  EffectiveFrom: "2026-07-01",
  EffectiveUntil: "2026-12-31",
  RevenueSharePercent: "15.50",
  Status: "ACTIVE",
  CreatedDate: new Date(1_767_225_600_000),
  LastModifiedDate: new Date(1_767_225_601_500),
  LatestMarketplaceRevenueShareRevision: "4",
};

/** A client over a scripted handler: region us-east-1, the test credentials, the clock stopped at {@link NOW}. */
export function fakeClient(
  handler: FakeHandler,
  extra: PartnerCentralRevenueMeasurementClientConfig = {},
): PartnerCentralRevenueMeasurementClient {
  return new PartnerCentralRevenueMeasurementClient({
    region: "us-east-1",
    credentials: CREDS,
    requestHandler: handler,
    clock: new ManualClock(NOW),
    ...extra,
  });
}

/** Runs a promise to completion under fake timers; resolves with its value or its error. */
export async function settle<T>(p: Promise<T>): Promise<T | Error> {
  const caught = p.catch((e: Error) => e);
  await vi.runAllTimersAsync();
  return caught;
}
