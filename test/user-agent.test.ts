/** The `user-agent` and `x-amz-user-agent` headers: this SDK and its version, in the AWS SDK's format. */
import { readFileSync } from "node:fs";
import * as Official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  GetRevenueAttributionAllocationsTaskCommand,
  ListTagsForResourceCommand,
  PartnerCentralRevenueMeasurementClient,
} from "../src/index.js";
import { SDK_NAME, SDK_VERSION } from "../src/version.js";
import { cborResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { CREDS, FakeHandler, GET_TASK_INPUT, cbor } from "./helpers/core-fakes.js";

const ARN = "arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/revenue-attribution/ra-abcdefghij123";
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string };

async function headersOf(config: ConstructorParameters<typeof PartnerCentralRevenueMeasurementClient>[0] = {}) {
  const handler = new FakeHandler([cbor({})]);
  const client = new PartnerCentralRevenueMeasurementClient({ requestHandler: handler, credentials: CREDS, ...config });
  await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
  return handler.requests[0]!.headers;
}

describe("user agent", () => {
  it("names the package and the version of package.json", () => {
    expect(SDK_NAME).toBe(pkg.name);
    expect(SDK_VERSION).toBe(pkg.version);
  });

  it("sends both headers in the AWS SDK's section format", async () => {
    const headers = await headersOf();
    const sdk = `${pkg.name}/${pkg.version}`;
    expect(headers["x-amz-user-agent"]).toBe(sdk);
    expect(headers["user-agent"]).toBe(
      `${sdk} ua/2.1 os/${process.platform} lang/js md/nodejs#${process.versions.node} api/${pkg.name}#${pkg.version}`,
    );
  });

  it("appends customUserAgent, as a string or as escaped [name, version] pairs, to both headers", async () => {
    const asString = await headersOf({ customUserAgent: "my-app/1.2.0" });
    expect(asString["user-agent"]).toMatch(/ my-app\/1\.2\.0$/);
    expect(asString["x-amz-user-agent"]).toBe(`${pkg.name}/${pkg.version} my-app/1.2.0`);
    const pairs = await headersOf({ customUserAgent: [["my app", "1.2 beta"], ["feature"]] });
    expect(pairs["x-amz-user-agent"]).toBe(`${pkg.name}/${pkg.version} my-app/1.2-beta feature`);
  });

  it("adds the app id of AWS_SDK_UA_APP_ID to user-agent", async () => {
    vi.stubEnv("AWS_SDK_UA_APP_ID", "billing/v2");
    try {
      expect((await headersOf())["user-agent"]).toMatch(/ app\/billing-v2$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("user agent, side by side with the official client", () => {
  let server: CaptureServer;
  beforeAll(async () => {
    server = await startCaptureServer();
    server.fallback = () => cborResponse({});
  });
  afterAll(() => server.close());

  it("has the same sections in the same order; only the SDK's name and version and the official client's feature and exec-env sections differ", async () => {
    const config = { endpoint: server.endpoint, region: "us-east-1", credentials: CREDS, customUserAgent: [["my-app", "1.0"]] as [string, string][] };
    await new Official.PartnerCentralRevenueMeasurementClient(config).send(new Official.ListTagsForResourceCommand({ resourceArn: ARN }));
    await new PartnerCentralRevenueMeasurementClient(config).send(new ListTagsForResourceCommand({ resourceArn: ARN }));
    const [theirs, ours] = server.requests.map((r) => r.headers);
    const shape = (ua: unknown) =>
      String(ua)
        .split(" ")
        .filter((s) => !/^(m|exec-env)\//.test(s))
        .map((s) => s.replace(/^(aws-sdk-js|partnercentral-revenue-measurement)\/.*/, "<sdk>").replace(/[#/].*$/, ""));
    expect(shape(ours!["user-agent"])).toEqual(shape(theirs!["user-agent"]));
    expect(shape(ours!["x-amz-user-agent"])).toEqual(shape(theirs!["x-amz-user-agent"]));
    expect(String(theirs!["x-amz-user-agent"])).toMatch(/^aws-sdk-js\/\S+ my-app\/1\.0$/);
  });
});
