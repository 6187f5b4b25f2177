// A CommonJS user's Jest test: require() of the package's CommonJS build (PCRM_DIST, built by test/jest.test.ts)
// and a real send() to the emulator, with explicit credentials and with the default credential chain.
const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const dist = process.env.PCRM_DIST;
const {
  CreateRevenueAttributionCommand,
  GetRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  TenancyModel,
} = require(join(dist, "index.cjs"));
const { startEmulator } = require(join(dist, "testing.cjs"));

let emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

async function createAndRead(client, Name) {
  const created = await client.send(
    new CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name, TenancyModel: TenancyModel.SINGLE_TENANT }),
  );
  const read = await client.send(new GetRevenueAttributionCommand({ Catalog: "Sandbox", Identifier: created.Id }));
  return { created, read };
}

test("sends with explicit credentials", async () => {
  const client = new PartnerCentralRevenueMeasurementClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
  const { created, read } = await createAndRead(client, "Jest explicit");
  expect(created.Id).toMatch(/^ra-[a-z0-9]{13}$/);
  expect(read.Name).toBe("Jest explicit");
  expect(read.$metadata.httpStatusCode).toBe(200);
  client.destroy();
});

test("sends with the default credential chain (an ini file in HOME, no keys in the environment)", async () => {
  const home = mkdtempSync(join(tmpdir(), "pcrm-jest-home-"));
  const saved = { ...process.env };
  try {
    mkdirSync(join(home, ".aws"));
    writeFileSync(
      join(home, ".aws", "credentials"),
      `[default]\naws_access_key_id = ${emulator.credentials.accessKeyId}\naws_secret_access_key = ${emulator.credentials.secretAccessKey}\n`,
    );
    for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
    process.env.HOME = home;
    process.env.USERPROFILE = home;
    const client = new PartnerCentralRevenueMeasurementClient({ endpoint: emulator.endpoint, region: emulator.region });
    const { read } = await createAndRead(client, "Jest default chain");
    expect(read.Name).toBe("Jest default chain");
    client.destroy();
  } finally {
    process.env = saved;
    rmSync(home, { recursive: true, force: true });
  }
});
