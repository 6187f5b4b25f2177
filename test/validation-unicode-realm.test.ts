/**
 * Two input misses: a `Date` from another realm is a timestamp like any other;
 * a string with a lone surrogate is refused (by validation with the member's
 * name, and by the encoder when validation is off) instead of being sent as
 * something else.
 */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  CborEncodeError,
  ClientValidationError,
  CreateRevenueAttributionCommand,
  ListMarketplaceRevenueSharesCommand,
  ListRevenueAttributionsCommand,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementError,
} from "../src/index.js";
import { decodeCbor, encodeCbor } from "../src/protocol/cbor.js";
import { OWN_HTTP_HANDLER, type HttpRequestSpec } from "../src/transport/types.js";

function capturingClient(validation = true): { client: PartnerCentralRevenueMeasurementClient; sent: HttpRequestSpec[] } {
  const sent: HttpRequestSpec[] = [];
  const client = new PartnerCentralRevenueMeasurementClient({
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    validation,
    requestHandler: {
      [OWN_HTTP_HANDLER]: true,
      async handle(request: HttpRequestSpec) {
        sent.push(request);
        const body = { MarketplaceRevenueShareSummaries: [], RevenueAttributionSummaries: [], Id: "ra-abc123def4567", Arn: "a", TenancyModel: "MULTI_TENANT" };
        return { statusCode: 200, headers: { "content-type": "application/cbor" }, body: encodeCbor(body) };
      },
    },
  });
  return { client, sent };
}

async function problems(send: () => Promise<unknown>): Promise<ClientValidationError["FieldList"]> {
  const error = await send().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientValidationError);
  return (error as ClientValidationError).FieldList;
}

describe("a Date from another realm is a timestamp", () => {
  const foreignDate = (ms: number): Date => runInNewContext(`new Date(${ms})`) as Date;

  it("is accepted by validation and sent as tag 1 around epoch seconds", async () => {
    const { client, sent } = capturingClient();
    const after = foreignDate(1_767_225_600_000);
    expect(after instanceof Date).toBe(false);
    await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS", CreatedAfter: after, CreatedBefore: foreignDate(1_767_225_600_500) }));
    const body = decodeCbor(sent[0]!.body) as Record<string, unknown>;
    expect(body.CreatedAfter).toEqual(new Date(1_767_225_600_000));
    expect(body.CreatedBefore).toEqual(new Date(1_767_225_600_500));
  });

  it("an invalid foreign Date, a string and a Date look-alike are still refused, each with its reason", async () => {
    const { client, sent } = capturingClient();
    const lookAlike = { getTime: () => 0, [Symbol.toStringTag]: "Date" };
    const fields = await problems(() =>
      client.send(
        new ListMarketplaceRevenueSharesCommand({ Catalog: "AWS", CreatedAfter: foreignDate(Number.NaN), CreatedBefore: lookAlike as never }),
      ),
    );
    expect(fields).toEqual([
      { Name: "CreatedAfter", Code: "INVALID_VALUE", Message: "must be a valid date (got Invalid Date)" },
      { Name: "CreatedBefore", Code: "INVALID_VALUE", Message: "must be a date (got object)" },
    ]);
    const strings = await problems(() => client.send(new ListMarketplaceRevenueSharesCommand({ Catalog: "AWS", CreatedAfter: "2026-01-01" as never })));
    expect(strings).toEqual([{ Name: "CreatedAfter", Code: "INVALID_VALUE", Message: "must be a date (got string)" }]);
    expect(sent).toHaveLength(0);
  });
});

describe("a string with a lone surrogate is refused with the member's name", () => {
  const rule = /^must be well-formed Unicode: a lone surrogate at index \d+ cannot be sent/;

  it("in members whose pattern would let it through (tag values, product codes) and in those whose pattern would not", async () => {
    const { client, sent } = capturingClient();
    const fields = await problems(() =>
      client.send(
        new CreateRevenueAttributionCommand({
          Catalog: "AWS",
          Name: "Attribution \ud800",
          Description: "ok",
          TenancyModel: "MULTI_TENANT",
          Tags: [
            { Key: "team", Value: "rocket 🚀" },
            { Key: "k\udc00", Value: "v" },
            { Key: "x", Value: "end\ud83d" },
          ],
        }),
      ),
    );
    expect(fields.map((f) => [f.Name, f.Code])).toEqual([
      ["Name", "INVALID_STRING_FORMAT"],
      ["Tags[1].Key", "INVALID_STRING_FORMAT"],
      ["Tags[2].Value", "INVALID_STRING_FORMAT"],
    ]);
    for (const f of fields) expect(f.Message).toMatch(rule);
    expect(fields[0]!.Message).toContain("index 12");

    const codes = await problems(() => client.send(new ListMarketplaceRevenueSharesCommand({ Catalog: "AWS", ProductCodes: ["fine", "\udfff"] })));
    expect(codes).toEqual([{ Name: "ProductCodes[1]", Code: "INVALID_STRING_FORMAT", Message: expect.stringMatching(rule) }]);
    expect(sent).toHaveLength(0);
  });

  it("in a member the schema does not know, and in a member name", async () => {
    const { client } = capturingClient();
    const fields = await problems(() =>
      client.send(new ListMarketplaceRevenueSharesCommand({ Catalog: "AWS", Extra: { Deep: ["\ud800"] }, ["Odd\ud800"]: 1 } as never)),
    );
    expect(fields.map((f) => f.Name)).toEqual(["Extra.Deep[0]", "Odd\ud800"]);
  });

  it("with validation off, the encoder refuses it and nothing is sent", async () => {
    const { client, sent } = capturingClient(false);
    const error = await client.send(new ListMarketplaceRevenueSharesCommand({ Catalog: "AWS", ProductCodes: ["\ud800"] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CborEncodeError);
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementError);
    expect((error as Error).message).toMatch(/lone surrogate/);
    expect(sent).toHaveLength(0);
  });
});
