/**
 * The `@smithy` middleware stack of the client and of each command: steps,
 * order, plugins, relative placement, the handler context tools read, and the
 * `@smithy/types` `Client`/`Command` contract (checked by the compiler here).
 */
import type {
  BuildMiddleware,
  Client as SmithyClient,
  Command as SmithyCommand,
  HandlerExecutionContext,
  HttpRequest,
  Pluggable,
} from "@smithy/types";
import { describe, expect, it } from "vitest";
import {
  ClientValidationError,
  ConflictException,
  CreateMarketplaceRevenueShareAllocationCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  PartnerCentralRevenueMeasurementClient,
  type GetRevenueAttributionAllocationsTaskInput,
  type GetRevenueAttributionAllocationsTaskOutput,
  type MetadataBearer,
  type ResolvedClientConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  InvalidConfigurationError,
} from "../src/index.js";
import { CREATE_INPUT, CREDS, FakeHandler, GET_TASK_INPUT, ManualClock, NOW, cbor, cborError } from "./helpers/core-fakes.js";

// Compile-time contract: the client and commands are @smithy/types' Client and Command.
type Check<T extends true> = T;
export type ClientIsSmithyClient = Check<
  PartnerCentralRevenueMeasurementClient extends SmithyClient<ServiceInputTypes, ServiceOutputTypes, ResolvedClientConfig>
    ? true
    : false
>;
export type CommandIsSmithyCommand = Check<
  GetRevenueAttributionAllocationsTaskCommand extends SmithyCommand<
    ServiceInputTypes,
    GetRevenueAttributionAllocationsTaskInput,
    ServiceOutputTypes,
    GetRevenueAttributionAllocationsTaskOutput & MetadataBearer,
    ResolvedClientConfig
  >
    ? true
    : false
>;

const TASK = {
  TaskId: "raatask-abcdefghij123",
  Status: "IN_PROGRESS",
  Catalog: "AWS",
  RevenueAttributionArn: "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/ra-abcdefghij123",
  StartedAt: new Date(NOW),
  TotalRevenueAttributionAllocationRecords: 1,
};

function setup(steps = [cbor(TASK)]) {
  const handler = new FakeHandler(steps);
  const client = new PartnerCentralRevenueMeasurementClient({
    requestHandler: handler,
    credentials: CREDS,
    clock: new ManualClock(NOW),
    maxAttempts: 2,
  });
  return { handler, client };
}

const signedHeaders = (auth: string | undefined) => /SignedHeaders=([^,]+),/.exec(auth ?? "")?.[1]?.split(";") ?? [];

describe("client.middlewareStack", () => {
  it("runs a build-step middleware: its header is sent on every attempt and signed", async () => {
    const { handler, client } = setup([cborError("InternalServerException", 500), cbor(TASK)]);
    const addHeader: BuildMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => (args) => {
      (args.request as HttpRequest).headers["x-partner-trace"] = "abc";
      return next(args);
    };
    client.middlewareStack.add(addHeader, { step: "build", name: "partnerTrace" });
    const out = await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(out.TaskId).toBe(TASK.TaskId);
    expect(out.$metadata.attempts).toBe(2);
    expect(handler.requests.map((r) => r.headers["x-partner-trace"])).toEqual(["abc", "abc"]);
    expect(signedHeaders(handler.requests[1]!.headers.authorization)).toContain("x-partner-trace");
  });

  it("runs the steps in the AWS SDK's order and gives each the args of its step", async () => {
    const { client } = setup();
    const seen: string[] = [];
    for (const step of ["deserialize", "finalizeRequest", "build", "serialize", "initialize"] as const) {
      client.middlewareStack.add(
        (next) => async (args) => {
          seen.push(`${step}:${"request" in args && args.request ? "request" : "input"}`);
          const result = await next(args);
          if (step === "deserialize") seen.push(`output ${(result.output as { TaskId?: string }).TaskId}, status ${(result.response as { statusCode: number }).statusCode}`);
          return result;
        },
        { step } as never,
      );
    }
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    // As in the AWS SDK, the serializer itself sits in the serialize step after the client's own middleware there.
    expect(seen).toEqual([
      "initialize:input",
      "serialize:input",
      "build:request",
      "finalizeRequest:request",
      "deserialize:request",
      `output ${TASK.TaskId}, status 200`,
    ]);
  });

  it("serializes what initialize middleware leaves in args.input", async () => {
    const { handler, client } = setup();
    client.middlewareStack.add(
      (next) => (args) =>
        next({ ...args, input: { ...(args.input as GetRevenueAttributionAllocationsTaskInput), RevenueAttributionIdentifier: "ra-zzzzzzzzzz999" } }),
      { step: "initialize", name: "rewrite" },
    );
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(handler.requests[0]!.body.RevenueAttributionIdentifier).toBe("ra-zzzzzzzzzz999");
  });

  it("gives middleware the context X-Ray and Powertools read: clientName, commandName, and config.region()", async () => {
    const { client } = setup();
    let context: HandlerExecutionContext | undefined;
    client.middlewareStack.add((next, ctx) => (args) => ((context = ctx), next(args)), { step: "build" });
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(context?.clientName).toBe("PartnerCentralRevenueMeasurementClient");
    expect(context?.commandName).toBe("GetRevenueAttributionAllocationsTaskCommand");
    expect(await client.config.region()).toBe("us-east-1");
    expect(client.config.serviceId).toBe("PartnerCentral Revenue Measurement");
  });

  it("remove() by name and use() of a plugin work as in the AWS SDK", async () => {
    const { handler, client } = setup();
    const plugin: Pluggable<ServiceInputTypes, ServiceOutputTypes> = {
      applyToStack: (stack) =>
        stack.add(
          (next) => (args) => {
            (args.request as HttpRequest).headers["x-plugin"] = "1";
            return next(args);
          },
          { step: "build", name: "myPlugin" },
        ),
    };
    client.middlewareStack.use(plugin);
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(client.middlewareStack.remove("myPlugin")).toBe(true);
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(handler.requests.map((r) => r.headers["x-plugin"])).toEqual(["1", undefined]);
  });

  it("places middleware relative to getUserAgentMiddleware (what Powertools does) and lets it edit the user agent", async () => {
    const { handler, client } = setup();
    const addMyTool: BuildMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => (args) => {
      const request = args.request as HttpRequest;
      request.headers["user-agent"] += " my-tool/2";
      return next(args);
    };
    client.middlewareStack.addRelativeTo(addMyTool,
      { relation: "after", toMiddleware: "getUserAgentMiddleware", name: "addMyTool" },
    );
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(handler.requests[0]!.headers["user-agent"]).toMatch(/^partnercentral-revenue-measurement\/\S+ .* my-tool\/2$/);
  });

  it("passes service errors through the stack with their $metadata", async () => {
    const { client } = setup([cborError("ConflictException", 409, { Reason: "REVISION_MISMATCH" })]);
    const errors: unknown[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (e) {
          errors.push(e);
          throw e;
        }
      },
      { step: "build" },
    );
    const error = await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect(errors).toEqual([error]);
    expect((error as ConflictException).$metadata.httpStatusCode).toBe(409);
  });

  it("sends the same request with and without middleware (the empty-stack fast path is not a different path)", async () => {
    const plain = setup();
    const withMw = setup();
    withMw.client.middlewareStack.add((next) => (args) => next(args), { step: "build" });
    const input = { ...CREATE_INPUT, ClientToken: "token-1" };
    await plain.client.send(new CreateMarketplaceRevenueShareAllocationCommand(input));
    await withMw.client.send(new CreateMarketplaceRevenueShareAllocationCommand(input));
    const [a, b] = [plain.handler.requests[0]!, withMw.handler.requests[0]!];
    expect(b.url).toBe(a.url);
    expect(b.body).toEqual(a.body);
    const stable = (h: Record<string, string>) => {
      const { authorization: _a, "amz-sdk-invocation-id": _i, ...rest } = h;
      return rest;
    };
    expect(stable(b.headers)).toEqual(stable(a.headers));
  });
});

describe("command.middlewareStack", () => {
  it("applies to that command only", async () => {
    const { handler, client } = setup();
    const command = new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT);
    command.middlewareStack.add(
      (next) => (args) => {
        (args.request as HttpRequest).headers["x-once"] = "yes";
        return next(args);
      },
      { step: "build" },
    );
    await client.send(command);
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(handler.requests.map((r) => r.headers["x-once"])).toEqual(["yes", undefined]);
  });

  it("resolveMiddleware() gives the handler tools call, bound to the client whose config is passed", async () => {
    const { handler, client } = setup();
    const command = new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT);
    const run = command.resolveMiddleware(client.middlewareStack, client.config, {});
    const result = await run({ input: command.input });
    expect(result.output.TaskId).toBe(TASK.TaskId);
    expect(handler.requests).toHaveLength(1);
    expect(() => command.resolveMiddleware(client.middlewareStack, {}, {})).toThrow(InvalidConfigurationError);
  });
});

describe("resolveMiddleware() prepares the input as send() does", () => {
  it("fills one idempotency token for every attempt, and validates before any request", async () => {
    const { handler, client } = setup([cborError("InternalServerException", 500), cbor({})]);
    const command = new CreateMarketplaceRevenueShareAllocationCommand(CREATE_INPUT);
    await command.resolveMiddleware(client.middlewareStack, client.config, {})({ input: command.input });
    const tokens = handler.requests.map((r) => r.body.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).toBe(tokens[0]);
    const bad = new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT, ProductId: "nope" });
    await expect(bad.resolveMiddleware(client.middlewareStack, client.config, {})({ input: bad.input })).rejects.toBeInstanceOf(
      ClientValidationError,
    );
    expect(handler.requests).toHaveLength(2);
  });
});

describe("send() with a callback", () => {
  it("calls back with the output, or with the error", async () => {
    const { client } = setup([cbor(TASK), cborError("ConflictException", 409)]);
    const ok = await new Promise((resolve) =>
      client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), (err: unknown, data?: object) => resolve({ err, data })),
    );
    expect(ok).toMatchObject({ err: null, data: { TaskId: TASK.TaskId } });
    const failed = await new Promise<{ err: unknown }>((resolve) =>
      client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), {}, (err) => resolve({ err })),
    );
    expect(failed.err).toBeInstanceOf(ConflictException);
  });
});
