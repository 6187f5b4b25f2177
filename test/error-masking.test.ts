/**
 * Account ids in error messages (the README's promise), the members of error
 * types the SDK does not know, and null input members.
 */
import { describe, expect, it } from "vitest";
import {
  AccessDeniedException,
  CreateMarketplaceRevenueShareAllocationCommand,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementServiceException,
  ValidationException,
} from "../src/index.js";
import { maskAccountIds } from "../src/errors.js";
import { decodeCbor, encodeCbor } from "../src/protocol/cbor.js";
import { parseResponse } from "../src/protocol/rpcv2-cbor.js";
import { OWN_HTTP_HANDLER, type HttpRequestSpec } from "../src/transport/types.js";

const META = { attempts: 1, totalRetryDelay: 0 };
const ACCOUNT = "123456789012";
const CUSTOMER = "210987654321";

function errorFrom(status: number, body: Record<string, unknown>): Error {
  const parsed = parseResponse({ statusCode: status, headers: { "content-type": "application/cbor" }, body: encodeCbor(body) }, META);
  if (!("error" in parsed)) throw new Error("expected an error");
  return parsed.error;
}

describe("account ids in error messages are masked to their last four digits", () => {
  it("maskAccountIds masks runs of exactly 12 digits, also inside ARNs, and nothing else", () => {
    expect(maskAccountIds(`arn:aws:iam::${ACCOUNT}:role/Partner`)).toBe("arn:aws:iam::********9012:role/Partner");
    expect(maskAccountIds(`${ACCOUNT} and ${CUSTOMER}.`)).toBe("********9012 and ********4321.");
    expect(maskAccountIds("1234567890123 12345678901 2026-07-01 ra-abc123def4567")).toBe(
      "1234567890123 12345678901 2026-07-01 ra-abc123def4567",
    );
  });

  it("an AccessDenied message naming an IAM ARN: message and Message masked, the service text kept non-enumerable", () => {
    const text = `User: arn:aws:iam::${ACCOUNT}:role/Partner is not authorized to perform: partnercentral:GetRevenueAttribution`;
    const e = errorFrom(403, { __type: "com.amazonaws.partnercentralrevenuemeasurement#AccessDeniedException", Message: text, Reason: "ACCESS_DENIED" });
    expect(e).toBeInstanceOf(AccessDeniedException);
    const ex = e as AccessDeniedException;
    expect(ex.message).toBe(text.replace(ACCOUNT, "********9012"));
    expect(ex.Message).toBe(ex.message);
    expect(ex.$unmaskedMessage).toBe(text);
    for (const shown of [ex.message, ex.Message, ex.stack, JSON.stringify(ex), String(ex)]) expect(shown).not.toContain(ACCOUNT);
    expect(Object.keys(ex)).not.toContain("$unmaskedMessage");
  });

  it("a ValidationException FieldList message naming a customer account is masked; Name still locates the member", () => {
    const e = errorFrom(400, {
      __type: "com.amazonaws.partnercentralrevenuemeasurement#ValidationException",
      Message: `Customer account ${CUSTOMER} is not linked`,
      Reason: "BUSINESS_VALIDATION_FAILED",
      FieldList: [
        { Name: "RevenueShareAllocations[3].CustomerAwsAccountId", Code: "INVALID_VALUE", Message: `Account ${CUSTOMER} is not linked to ${ACCOUNT}` },
      ],
    }) as ValidationException;
    expect(e).toBeInstanceOf(ValidationException);
    expect(e.message).toBe("Customer account ********4321 is not linked");
    expect(e.FieldList).toEqual([
      { Name: "RevenueShareAllocations[3].CustomerAwsAccountId", Code: "INVALID_VALUE", Message: "Account ********4321 is not linked to ********9012" },
    ]);
    expect(JSON.stringify(e)).not.toMatch(/210987654321|123456789012/);
  });

  it("errors built directly (e.g. by a mock) are masked too", () => {
    const e = new AccessDeniedException({ message: `denied for ${ACCOUNT}`, $metadata: META });
    expect(e.message).toBe("denied for ********9012");
    expect(e.$unmaskedMessage).toBe(`denied for ${ACCOUNT}`);
  });
});

describe("an error type the SDK does not know keeps its body's members", () => {
  it("copies the members onto the error, never over its own", () => {
    const e = errorFrom(400, {
      __type: "smithy.example#ComplexError",
      TopLevel: "Top level",
      Nested: { Foo: "bar" },
      Message: `Nope for ${ACCOUNT}`,
      name: "Impostor",
      $fault: "server",
    }) as PartnerCentralRevenueMeasurementServiceException & Record<string, unknown>;
    expect(e).toBeInstanceOf(PartnerCentralRevenueMeasurementServiceException);
    expect(e.name).toBe("ComplexError");
    expect(e.$fault).toBe("client");
    expect(e.TopLevel).toBe("Top level");
    expect(e.Nested).toEqual({ Foo: "bar" });
    expect(e.Message).toBe("Nope for ********9012");
    expect(e.toJSON()).toMatchObject({ name: "ComplexError", TopLevel: "Top level", Nested: { Foo: "bar" } });
  });
});

describe("an unknown error's text members have account ids masked too", () => {
  it("masks them on the error and in its JSON", () => {
    const e = errorFrom(403, {
      __type: "UnknownThingException",
      message: `acct ${ACCOUNT}`,
      OwnerAccountId: ACCOUNT,
    }) as PartnerCentralRevenueMeasurementServiceException & Record<string, unknown>;
    expect(e.OwnerAccountId).toBe("********9012");
    expect(JSON.stringify(e)).not.toContain(ACCOUNT);
  });
});

describe("null input members are absent", () => {
  function capturingClient(): { client: PartnerCentralRevenueMeasurementClient; sent: HttpRequestSpec[] } {
    const sent: HttpRequestSpec[] = [];
    const client = new PartnerCentralRevenueMeasurementClient({
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      validation: false,
      requestHandler: {
        [OWN_HTTP_HANDLER]: true,
        async handle(request: HttpRequestSpec) {
          sent.push(request);
          return { statusCode: 200, headers: { "content-type": "application/cbor" }, body: encodeCbor({}) };
        },
      },
    });
    return { client, sent };
  }

  it("leaves a null member out of the body and fills ClientToken when it is null", async () => {
    const { client, sent } = capturingClient();
    const input = {
      Catalog: "AWS",
      ProductId: "prod-abc123def4567",
      EffectiveFrom: "2026-07-01",
      EffectiveUntil: null,
      RevenueSharePercent: "15.50",
      ClientToken: null,
    };
    await client.send(new CreateMarketplaceRevenueShareAllocationCommand(input as never));
    const body = decodeCbor(sent[0]!.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["Catalog", "ClientToken", "EffectiveFrom", "ProductId", "RevenueSharePercent"]);
    expect(body.ClientToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent[0]!.body).not.toContain(0xf6); // no CBOR null anywhere
  });
});
