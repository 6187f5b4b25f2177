// Every error the SDK throws descends from one root class, and JSON.stringify keeps what a log needs.
import { describe, expect, it } from "vitest";
import {
  AbortError,
  AllocationsTaskSupersededError,
  ClientValidationError,
  CredentialsUnavailableError,
  NetworkError,
  PaginationLoopError,
  PartnerCentralRevenueMeasurementError,
  PartnerCentralRevenueMeasurementServiceException,
  ThrottlingException,
  WaiterTimeoutError,
} from "../src/index.js";
import { InvalidConfigurationError } from "../src/endpoints.js";
import { CborDecodeError } from "../src/protocol/cbor.js";

const task = { TaskId: "raatask-aaaaaaaaaaaaa", Status: "IN_PROGRESS" } as never;

describe("one root error class", () => {
  const samples: [string, Error][] = [
    ["ClientValidationError", new ClientValidationError("Op", [{ Name: "Catalog", Message: "is required", Code: "REQUIRED_FIELD_MISSING" }])],
    ["NetworkError", new NetworkError("socket hang up", { code: "ECONNRESET" })],
    ["AbortError", new AbortError()],
    ["CredentialsUnavailableError", new CredentialsUnavailableError("none")],
    ["ThrottlingException", new ThrottlingException({ message: "slow down", $metadata: { attempts: 1, totalRetryDelay: 0 } })],
    ["WaiterTimeoutError", new WaiterTimeoutError({ TaskId: "raatask-aaaaaaaaaaaaa", maxWaitMs: 1000, attempts: 2 })],
    ["AllocationsTaskSupersededError", new AllocationsTaskSupersededError("raatask-bbbbbbbbbbbbb", task)],
    ["PaginationLoopError", new PaginationLoopError("ListX", "tok", 3)],
    ["InvalidConfigurationError", new InvalidConfigurationError("Invalid Configuration: Missing Region")],
    ["CborDecodeError", new CborDecodeError("Unexpected end of CBOR input")],
  ];

  it.each(samples)("%s is a PartnerCentralRevenueMeasurementError and an Error", (name, error) => {
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
  });

  it.each(samples)("%s: JSON.stringify keeps name and message", (name, error) => {
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json.name).toBe(name);
    expect(json.message).toBe(error.message);
    expect(json.stack).toBeUndefined();
  });

  it("keeps members and $metadata of a service exception, and exposes the request id", () => {
    const error = new ThrottlingException({
      message: "Rate exceeded",
      ServiceCode: "partnercentral",
      QuotaCode: "L-1234",
      $metadata: { attempts: 3, totalRetryDelay: 250, httpStatusCode: 429, requestId: "req-1" },
    });
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementServiceException);
    expect(error.requestId).toBe("req-1");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: "ThrottlingException",
      message: "Rate exceeded",
      ServiceCode: "partnercentral",
      QuotaCode: "L-1234",
      $retryable: true,
      $metadata: { attempts: 3, requestId: "req-1" },
    });
  });

  it("keeps the FieldList of a validation error", () => {
    const error = new ClientValidationError("CreateX", [{ Name: "ProductId", Message: "must match", Code: "INVALID_STRING_FORMAT" }]);
    expect(JSON.parse(JSON.stringify(error)).FieldList).toEqual([{ Name: "ProductId", Message: "must match", Code: "INVALID_STRING_FORMAT" }]);
  });

  it("keeps the cause chain's names and messages, bounded in depth", () => {
    const inner = new Error("connect ECONNREFUSED 127.0.0.1:1");
    const error = new NetworkError("request failed", { code: "ECONNREFUSED", cause: inner });
    const json = JSON.parse(JSON.stringify(error));
    expect(json.cause).toEqual({ name: "Error", message: "connect ECONNREFUSED 127.0.0.1:1" });
    let deep: Error = new Error("bottom");
    for (let i = 0; i < 10; i++) deep = new Error(`level ${i}`, { cause: deep });
    const top = JSON.parse(JSON.stringify(new AbortError("aborted", { cause: deep })));
    let depth = 0;
    for (let c = top.cause; c && typeof c === "object"; c = c.cause) depth++;
    expect(depth).toBeLessThanOrEqual(4);
  });
});

describe("instanceof across copies of the package (its ES module and CommonJS builds loaded side by side)", () => {
  it("an error from one copy is an instance of the other copy's classes, and only of those it descends from", async () => {
    const { vi } = await import("vitest");
    vi.resetModules();
    const other = (await import("../src/errors.js")) as typeof import("../src/errors.js");
    expect(other.PartnerCentralRevenueMeasurementError).not.toBe(PartnerCentralRevenueMeasurementError); // a second copy
    const theirs = new other.ThrottlingException({ message: "slow down", $metadata: { attempts: 1, totalRetryDelay: 0 } });
    expect(theirs).toBeInstanceOf(PartnerCentralRevenueMeasurementError);
    expect(theirs).toBeInstanceOf(PartnerCentralRevenueMeasurementServiceException);
    expect(theirs).toBeInstanceOf(ThrottlingException);
    expect(theirs).not.toBeInstanceOf(NetworkError);
    const ours = new NetworkError("reset", { code: "ECONNRESET" });
    expect(ours).toBeInstanceOf(other.PartnerCentralRevenueMeasurementError);
    expect(ours).toBeInstanceOf(other.NetworkError);
    expect(ours).not.toBeInstanceOf(other.ThrottlingException);
    expect(new Error("plain")).not.toBeInstanceOf(other.PartnerCentralRevenueMeasurementError);
    expect({ name: "NetworkError" }).not.toBeInstanceOf(other.NetworkError);
  });
});
