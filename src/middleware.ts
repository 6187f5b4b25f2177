/**
 * What the `@smithy` middleware stack sees of a call: the request in the
 * shape of `@smithy/types`' `HttpRequest`, the handler context the AWS SDK's
 * tools read (`clientName`, `commandName`), and the user agent headers.
 *
 * The steps run once per call, around the whole of "sign, send with retries,
 * parse" (the stack's terminal handler): build-step middleware sees the
 * serialized request and every attempt sends its headers, signed afresh.
 */
import type { HandlerExecutionContext, HttpRequest, MiddlewareStack } from "@smithy/types";
import type { HttpRequestSpec } from "./transport/types.js";
import { SDK_NAME, SDK_VERSION } from "./version.js";

/** The client's class name, as the AWS SDK's tools expect it (X-Ray names its subsegment after it, without `Client`). */
export const CLIENT_NAME = "PartnerCentralRevenueMeasurementClient";

/** The service id of the model (`sdkId`), as in the AWS SDK client's `config.serviceId`. */
export const SERVICE_ID = "PartnerCentral Revenue Measurement";

/** The handler context of one call: what X-Ray, Powertools and logging middleware read. */
export function handlerContext(operation: string, command: object, logger: unknown): HandlerExecutionContext {
  return {
    clientName: CLIENT_NAME,
    commandName: `${operation}Command`,
    logger: logger as HandlerExecutionContext["logger"],
    __smithy_context: { service: "PartnerCentralRevenueMeasurement", operation, commandInstance: command as never },
  };
}

/**
 * True when the stack holds no middleware at all. Asked through the stack's
 * own `applyToStack()` (it adds each entry to the given stack), because
 * `identify()` leaves out entries placed relative to a missing middleware.
 */
export function isEmptyStack(stack: MiddlewareStack<any, any>): boolean {
  let entries = 0;
  const count = () => void entries++;
  stack.applyToStack({ add: count, addRelativeTo: count } as unknown as MiddlewareStack<any, any>);
  return entries === 0;
}

/** Our request as a `@smithy/types` `HttpRequest` (what middleware expects in `args.request`). */
export function toHttpRequest(request: HttpRequestSpec): HttpRequest {
  const { url } = request;
  return {
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: request.headers,
    body: request.body,
  };
}

/** Back from a (possibly changed) `HttpRequest` to the request the transport sends. */
export function fromHttpRequest(request: HttpRequest): HttpRequestSpec {
  const url = new URL(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}`);
  url.pathname = request.path;
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) if (v != null) url.searchParams.append(key, v);
  }
  return { method: "POST", url, headers: request.headers, body: request.body as Uint8Array };
}

/** `customUserAgent`: a string, or `[name, version]` pairs as in the AWS SDK. */
export type UserAgentOption = string | [name: string, version?: string][];

/** One `name/version` section with the AWS SDK's escaping (characters outside the token set become `-`). */
function uaSection(name: string, version?: string): string {
  const n = name
    .split("/")
    .map((part) => part.replace(/[^!$%&'*+\-.^_`|~\w]/g, "-"))
    .join("/");
  return version === undefined ? n : `${n}/${version.replace(/[^!$%&'*+\-.^_`|~\w#]/g, "-")}`;
}

/**
 * The `user-agent` and `x-amz-user-agent` headers, built once per client in
 * the AWS SDK's format: `user-agent` has the SDK, the user agent spec version,
 * OS, language, runtime, API and app id (`AWS_SDK_UA_APP_ID`) sections, then
 * the custom ones; `x-amz-user-agent` the SDK and the custom sections.
 */
export function userAgentHeaders(custom: UserAgentOption | undefined, appId: string | undefined): Record<string, string> {
  const sdk = uaSection(SDK_NAME, SDK_VERSION);
  const runtime =
    typeof process !== "undefined" && process.versions?.node
      ? [uaSection("os", process.platform), "lang/js", uaSection("md", `nodejs#${process.versions.node}`)]
      : ["lang/js"];
  const extra = typeof custom === "string" ? [custom] : (custom ?? []).map(([name, version]) => uaSection(name, version));
  const full = [sdk, "ua/2.1", ...runtime, uaSection("api", `${SDK_NAME}#${SDK_VERSION}`)];
  if (appId) full.push(uaSection("app", appId));
  return { "user-agent": [...full, ...extra].join(" "), "x-amz-user-agent": [sdk, ...extra].join(" ") };
}
