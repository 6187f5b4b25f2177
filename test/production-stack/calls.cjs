// The calls both clients make: one ListRevenueAttributions against TEST_ENDPOINT, the outcome and, when a tracer
// setup left `globalThis.__testSpans`, the finished spans.
const credentials = { accessKeyId: process.env.TEST_ACCESS_KEY_ID, secretAccessKey: process.env.TEST_SECRET_ACCESS_KEY };
// TEST_CALL=notfound: a GetRevenueAttribution of an id that does not exist (a 404 ResourceNotFoundException).
const command = (mod) =>
  process.env.TEST_CALL === "notfound"
    ? new mod.GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: "ra-doesnotexist1" })
    : new mod.ListRevenueAttributionsCommand({ Catalog: "AWS" });
async function call(mod, extra = {}) {
  const client = new mod.PartnerCentralRevenueMeasurementClient({ endpoint: process.env.TEST_ENDPOINT, region: "us-east-1", credentials, ...extra });
  try {
    const out = await client.send(command(mod));
    return { ok: true, status: out.$metadata.httpStatusCode };
  } catch (e) {
    return { ok: false, error: `${e.name}: ${e.message}` };
  } finally {
    client.destroy();
  }
}
exports.run = async (official, ours) => {
  const inside = globalThis.__testRunInside ?? ((fn) => fn());
  const result = {};
  await inside(async () => {
    result.official = await call(official);
    result.ours = await call(ours);
  });
  if (globalThis.__testSpans) result.spans = await globalThis.__testSpans();
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
};
