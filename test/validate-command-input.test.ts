// validateCommandInput: the documented way to check an input without sending it, the same check send() runs.
import { describe, expect, it } from "vitest";
import {
  ClientValidationError,
  GetRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  validateCommandInput,
} from "../src/index.js";

describe("validateCommandInput", () => {
  it("returns nothing for a valid input", () => {
    expect(validateCommandInput(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: "ra-abc123def4567" }))).toEqual([]);
  });

  it("returns every problem in the service's FieldList shape, the same as send() throws", async () => {
    const command = new StartRevenueAttributionAllocationsTaskCommand({
      Catalog: "Nope" as never,
      RevenueAttributionIdentifier: "ra-abc123def4567",
      RevenueAttributionRevision: "0",
      RevenueShareAllocations: [],
    });
    const problems = validateCommandInput(command);
    expect(problems.map((p) => p.Name).sort()).toEqual(["Catalog", "RevenueAttributionRevision", "RevenueShareAllocations"]);
    const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "B" } });
    const thrown = await client.send(command).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ClientValidationError);
    expect((thrown as ClientValidationError).FieldList).toEqual(problems);
  });
});
