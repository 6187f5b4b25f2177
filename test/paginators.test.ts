import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ClientValidationError,
  PaginationLoopError,
  PartnerCentralRevenueMeasurementClient,
  paginateListMarketplaceRevenueShareAllocations,
  paginateListMarketplaceRevenueShares,
  paginateListRevenueAttributionAllocations,
  paginateListRevenueAttributions,
  type PaginationConfiguration,
} from "../src/index.js";
import { cborResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { localClientConfig, resetCaptureServer } from "./helpers/local-client.js";

let server: CaptureServer;
let client: PartnerCentralRevenueMeasurementClient;

beforeAll(async () => {
  server = await startCaptureServer();
  client = new PartnerCentralRevenueMeasurementClient(localClientConfig(server.endpoint));
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => resetCaptureServer(server));

type AnyPaginator = (config: PaginationConfiguration, input: never) => AsyncGenerator<Record<string, unknown>>;

interface Case {
  operation: string;
  paginate: AnyPaginator;
  items: string;
  input: Record<string, unknown>;
  item: (n: number) => Record<string, unknown>;
}

const RA = "ra-abc123def4567";
const PROD = "prod-abc123def4567";

const cases: Case[] = [
  {
    operation: "ListRevenueAttributions",
    paginate: paginateListRevenueAttributions as unknown as AnyPaginator,
    items: "RevenueAttributionSummaries",
    input: { Catalog: "AWS", SortBy: "LastModifiedDate" },
    item: (n) => ({ Id: `ra-${String(n).padStart(13, "0")}`, TenancyModel: "MULTI_TENANT" }),
  },
  {
    operation: "ListRevenueAttributionAllocations",
    paginate: paginateListRevenueAttributionAllocations as unknown as AnyPaginator,
    items: "RevenueAttributionAllocationSummaries",
    input: { Catalog: "AWS", RevenueAttributionIdentifier: RA, EntityTypeFilters: ["OFFER"] },
    item: (n) => ({ RevenueAttributionAllocationId: `alloc-${String(n).padStart(13, "0")}`, EntityType: "OFFER" }),
  },
  {
    operation: "ListMarketplaceRevenueShares",
    paginate: paginateListMarketplaceRevenueShares as unknown as AnyPaginator,
    items: "MarketplaceRevenueShareSummaries",
    input: { Catalog: "Sandbox" },
    item: (n) => ({ ProductId: `prod-${String(n).padStart(13, "0")}`, Arn: `arn-${n}` }),
  },
  {
    operation: "ListMarketplaceRevenueShareAllocations",
    paginate: paginateListMarketplaceRevenueShareAllocations as unknown as AnyPaginator,
    items: "MarketplaceRevenueShareAllocationSummaries",
    input: { Catalog: "AWS", ProductId: PROD, Status: "ACTIVE" },
    item: (n) => ({ MarketplaceRevenueShareAllocationId: `mrsa-${String(n).padStart(13, "0")}`, ProductId: PROD }),
  },
];

function page(c: Case, ids: number[], nextToken?: string) {
  const body: Record<string, unknown> = { [c.items]: ids.map(c.item) };
  if (nextToken !== undefined) body.NextToken = nextToken;
  return cborResponse(body);
}

async function collect(gen: AsyncGenerator<Record<string, unknown>>) {
  const pages: Record<string, unknown>[] = [];
  try {
    for await (const p of gen) pages.push(p);
  } catch (error) {
    return { pages, error };
  }
  return { pages, error: undefined };
}

describe.each(cases)("$operation paginator", (c) => {
  it("follows NextToken over three pages and stops when it is absent", async () => {
    server.queue.push(page(c, [1, 2], "token-1"), page(c, [3, 4], "token-2"), page(c, [5]));
    const input = { ...c.input };
    const { pages, error } = await collect(c.paginate({ client, pageSize: 2 }, input as never));
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(3);
    expect(pages.flatMap((p) => p[c.items] as unknown[])).toEqual([1, 2, 3, 4, 5].map(c.item));
    expect(pages.map((p) => p.NextToken)).toEqual(["token-1", "token-2", undefined]);
    expect(pages[2]!.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });

    expect(server.requests).toHaveLength(3);
    for (const req of server.requests) {
      expect(req.path).toBe(`/service/PartnerCentralRevenueMeasurement/operation/${c.operation}`);
    }
    const bodies = server.requests.map((r) => r.body as Record<string, unknown>);
    expect(bodies[0]).toEqual({ ...c.input, MaxResults: 2 });
    expect(bodies[1]).toEqual({ ...c.input, MaxResults: 2, NextToken: "token-1" });
    expect(bodies[2]).toEqual({ ...c.input, MaxResults: 2, NextToken: "token-2" });
    expect(input).toEqual(c.input); // the caller's input is not modified
  });

  it("throws PaginationLoopError when the service returns the token it was given", async () => {
    server.queue.push(page(c, [1], "token-1"), page(c, [2], "token-1"), page(c, [3]));
    const { pages, error } = await collect(c.paginate({ client }, c.input as never));
    expect(pages).toHaveLength(2); // the page carrying the repeated token is still delivered
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(error).toMatchObject({ name: "PaginationLoopError", operation: c.operation, token: "token-1", pages: 2 });
    expect(server.requests).toHaveLength(2);
  });
});

describe("paginate (shared loop)", () => {
  const c = cases[0]!;

  it("detects a token seen two pages earlier", async () => {
    server.queue.push(page(c, [1], "a"), page(c, [2], "b"), page(c, [3], "a"), page(c, [4]));
    const { pages, error } = await collect(c.paginate({ client }, c.input as never));
    expect(pages).toHaveLength(3);
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect((error as PaginationLoopError).message).toContain("ListRevenueAttributions");
    expect(server.requests).toHaveLength(3);
  });

  it("starts from startingToken (over the input's NextToken) and counts it as used", async () => {
    server.queue.push(page(c, [1], "start"));
    const { pages, error } = await collect(
      c.paginate({ client, startingToken: "start" }, { ...c.input, NextToken: "ignored" } as never),
    );
    expect(pages).toHaveLength(1);
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect((server.requests[0]!.body as Record<string, unknown>).NextToken).toBe("start");
  });

  it("uses the input's NextToken and MaxResults when no config overrides them", async () => {
    server.queue.push(page(c, [1]));
    const { pages } = await collect(c.paginate({ client }, { ...c.input, NextToken: "resume", MaxResults: 7 } as never));
    expect(pages).toHaveLength(1);
    expect(server.requests[0]!.body).toEqual({ ...c.input, NextToken: "resume", MaxResults: 7 });
  });

  it("stops after one page when the first page has no NextToken", async () => {
    server.queue.push(page(c, []));
    const { pages, error } = await collect(c.paginate({ client }, c.input as never));
    expect(error).toBeUndefined();
    expect(pages).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects an out-of-range pageSize locally (as MaxResults), before any request", async () => {
    const { pages, error } = await collect(
      paginateListRevenueAttributionAllocations(
        { client, pageSize: 501 },
        { Catalog: "AWS", RevenueAttributionIdentifier: RA },
      ) as never,
    );
    expect(pages).toHaveLength(0);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect((error as ClientValidationError).FieldList).toEqual([
      expect.objectContaining({ Name: "MaxResults", Code: "INVALID_VALUE" }),
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it("passes abortSignal to every request", async () => {
    const controller = new AbortController();
    controller.abort();
    const { error } = await collect(c.paginate({ client, abortSignal: controller.signal }, c.input as never));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(0);
  });
});
