import { afterEach, describe, expect, it, vi } from "vitest";
import { GetRevenueAttributionAllocationsTaskCommand, PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { InvalidConfigurationError, resolveEndpoint } from "../src/endpoints.js";
import { CREDS, FakeHandler, GET_TASK_INPUT } from "./helpers/core-fakes.js";

/**
 * The `smithy.rules#endpointTests` of the service model
 * (aws/aws-sdk-js-v3, codegen/sdk-codegen/aws-models/partnercentral-revenue-measurement.json),
 * transcribed: params, then the expected URL and SigV4 signing region, or the expected error.
 * A sigv4 scheme without a signingRegion means "the client's region".
 */
const MODEL_CASES: Array<{
  doc: string;
  params: { Region?: string; UseFIPS?: boolean; Endpoint?: string };
  url?: string;
  signingRegion?: string;
  error?: string;
}> = [
  {
    doc: "For custom endpoint with region not set and fips disabled",
    params: { Endpoint: "https://example.com", UseFIPS: false },
    url: "https://example.com",
  },
  {
    doc: "For custom endpoint with fips enabled",
    params: { Endpoint: "https://example.com", UseFIPS: true },
    error: "Invalid Configuration: FIPS and custom endpoint are not supported",
  },
  {
    doc: "For region us-east-1 with FIPS enabled and DualStack enabled",
    params: { Region: "us-east-1", UseFIPS: true },
    url: "https://partnercentral-prm-fips.global.api.aws",
    signingRegion: "us-east-1",
  },
  {
    doc: "For region us-east-1 with FIPS disabled and DualStack enabled",
    params: { Region: "us-east-1", UseFIPS: false },
    url: "https://partnercentral-prm.global.api.aws",
    signingRegion: "us-east-1",
  },
  {
    doc: "For region cn-northwest-1 with FIPS enabled and DualStack enabled",
    params: { Region: "cn-northwest-1", UseFIPS: true },
    url: "https://partnercentral-prm-fips.global.api.amazonwebservices.com.cn",
    signingRegion: "cn-northwest-1",
  },
  {
    doc: "For region cn-northwest-1 with FIPS disabled and DualStack enabled",
    params: { Region: "cn-northwest-1", UseFIPS: false },
    url: "https://partnercentral-prm.global.api.amazonwebservices.com.cn",
    signingRegion: "cn-northwest-1",
  },
  {
    doc: "For region us-gov-west-1 with FIPS enabled and DualStack enabled",
    params: { Region: "us-gov-west-1", UseFIPS: true },
    url: "https://partnercentral-prm-fips.us-gov.api.aws",
    signingRegion: "us-gov-west-1",
  },
  {
    doc: "For region us-gov-west-1 with FIPS disabled and DualStack enabled",
    params: { Region: "us-gov-west-1", UseFIPS: false },
    url: "https://partnercentral-prm.us-gov.api.aws",
    signingRegion: "us-gov-west-1",
  },
  { doc: "Missing region", params: {}, error: "Invalid Configuration: Missing Region" },
];

const noSlash = (u: URL): string => u.href.replace(/\/$/, "");

describe("resolveEndpoint: the model's endpoint test cases", () => {
  it.each(MODEL_CASES)("$doc", ({ params, url, signingRegion, error }) => {
    const run = () =>
      resolveEndpoint({ region: params.Region, useFipsEndpoint: params.UseFIPS, endpoint: params.Endpoint });
    if (error) {
      expect(run).toThrow(InvalidConfigurationError);
      expect(run).toThrow(error);
      return;
    }
    const resolved = run();
    expect(noSlash(resolved.url)).toBe(url);
    if (signingRegion) expect(resolved.signingRegion).toBe(signingRegion);
  });
});

describe("resolveEndpoint: partitions (API.md section 2)", () => {
  it.each([
    ["eu-west-1", false, "https://partnercentral-prm.global.api.aws", "us-east-1"],
    ["ap-southeast-2", true, "https://partnercentral-prm-fips.global.api.aws", "us-east-1"],
    ["cn-north-1", false, "https://partnercentral-prm.global.api.amazonwebservices.com.cn", "cn-northwest-1"],
    ["us-gov-east-1", false, "https://partnercentral-prm.us-gov.api.aws", "us-gov-west-1"],
    ["us-gov-east-1", true, "https://partnercentral-prm-fips.us-gov.api.aws", "us-gov-west-1"],
  ])("%s (fips %s) → %s signed for %s", (region, fips, url, signingRegion) => {
    const resolved = resolveEndpoint({ region, useFipsEndpoint: fips });
    expect(noSlash(resolved.url)).toBe(url);
    expect(resolved.signingRegion).toBe(signingRegion);
  });

  it("uses a custom endpoint as given and signs with the client's region", () => {
    const resolved = resolveEndpoint({ region: "eu-central-1", endpoint: "http://127.0.0.1:8080/base/" });
    expect(resolved.url.href).toBe("http://127.0.0.1:8080/base");
    expect(resolved.signingRegion).toBe("eu-central-1");
  });

  it("signs a custom endpoint without a region for us-east-1", () => {
    expect(resolveEndpoint({ endpoint: "https://example.com" }).signingRegion).toBe("us-east-1");
  });

  it.each([["not a url"], ["ftp://example.com"], [""]])("rejects the custom endpoint %j", (endpoint) => {
    expect(() => resolveEndpoint({ region: "us-east-1", endpoint })).toThrow(InvalidConfigurationError);
  });
});

describe("the client uses the resolved endpoint", () => {
  afterEach(() => vi.unstubAllEnvs());

  const send = async (config: ConstructorParameters<typeof PartnerCentralRevenueMeasurementClient>[0]) => {
    const handler = new FakeHandler();
    const client = new PartnerCentralRevenueMeasurementClient({ credentials: CREDS, ...config, requestHandler: handler });
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    return handler.requests[0]!;
  };

  it.each([
    ["us-east-1", "https://partnercentral-prm.global.api.aws/", "us-east-1"],
    ["eu-west-1", "https://partnercentral-prm.global.api.aws/", "us-east-1"],
    ["cn-northwest-1", "https://partnercentral-prm.global.api.amazonwebservices.com.cn/", "cn-northwest-1"],
    ["us-gov-west-1", "https://partnercentral-prm.us-gov.api.aws/", "us-gov-west-1"],
  ])("region %s → %s, SigV4 scope region %s, service partnercentral", async (region, base, signingRegion) => {
    const req = await send({ region });
    expect(req.url).toBe(`${base}service/PartnerCentralRevenueMeasurement/operation/GetRevenueAttributionAllocationsTask`);
    expect(req.headers.authorization).toContain(`/${signingRegion}/partnercentral/aws4_request`);
  });

  it("uses the FIPS host when useFipsEndpoint is set", async () => {
    const req = await send({ region: "us-east-1", useFipsEndpoint: true });
    expect(req.url.startsWith("https://partnercentral-prm-fips.global.api.aws/service/")).toBe(true);
  });

  it("reads AWS_USE_FIPS_ENDPOINT", async () => {
    vi.stubEnv("AWS_USE_FIPS_ENDPOINT", "true");
    const req = await send({ region: "us-east-1" });
    expect(req.url.startsWith("https://partnercentral-prm-fips.global.api.aws/")).toBe(true);
  });

  it("signs a custom endpoint with the client's region", async () => {
    const req = await send({ region: "eu-west-1", endpoint: "http://127.0.0.1:9/prefix" });
    expect(req.url).toBe("http://127.0.0.1:9/prefix/service/PartnerCentralRevenueMeasurement/operation/GetRevenueAttributionAllocationsTask");
    expect(req.headers.authorization).toContain("/eu-west-1/partnercentral/aws4_request");
  });

  it("refuses FIPS with a custom endpoint at construction", () => {
    expect(
      () => new PartnerCentralRevenueMeasurementClient({ endpoint: "https://example.com", useFipsEndpoint: true }),
    ).toThrow("Invalid Configuration: FIPS and custom endpoint are not supported");
  });
});
