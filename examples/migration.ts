/**
 * Moving from the official `@aws-sdk/client-partnercentral-revenue-measurement`
 * is an import swap: this file is written against this SDK, and
 * test/migration.test.ts compiles and runs it a second time with only the
 * import below pointed at the official client. Both pass against the local
 * emulator.
 *
 * What changes after the swap: inputs are checked locally before they are
 * sent (`ClientValidationError`), outputs' required members are typed as
 * present, and every error is a `PartnerCentralRevenueMeasurementError`.
 */
import {
  CatalogName,
  ConflictException,
  ConflictExceptionReason,
  CreateRevenueAttributionCommand,
  GetRevenueAttributionCommand,
  ListRevenueAttributionsCommand,
  PartnerCentralRevenueMeasurementClient,
  SortOrder,
  TenancyModel,
} from "../src/index.js";

/** Creates a revenue attribution (or finds the one of that name) and returns its id and tenancy model. */
export async function ensureAttribution(
  client: PartnerCentralRevenueMeasurementClient,
  name: string,
): Promise<{ id: string | undefined; tenancy: string | undefined }> {
  try {
    const created = await client.send(
      new CreateRevenueAttributionCommand({ Catalog: CatalogName.SANDBOX, Name: name, TenancyModel: TenancyModel.MULTI_TENANT }),
    );
    const read = await client.send(new GetRevenueAttributionCommand({ Catalog: CatalogName.SANDBOX, Identifier: created.Id }));
    return { id: read.Id, tenancy: read.TenancyModel };
  } catch (e) {
    if (!(e instanceof ConflictException) || e.Reason !== ConflictExceptionReason.RESOURCE_ALREADY_EXISTS) throw e;
    const list = await client.send(new ListRevenueAttributionsCommand({ Catalog: CatalogName.SANDBOX, SortOrder: SortOrder.DESCENDING }));
    const found = list.RevenueAttributionSummaries?.find((s) => s.Name === name);
    return { id: found?.Id, tenancy: found?.TenancyModel };
  }
}
