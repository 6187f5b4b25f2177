/**
 * Endpoint resolution (the service model's endpoint rules): the partition table, FIPS variants,
 * custom endpoints and the SigV4 signing region that goes with each.
 */
import { PartnerCentralRevenueMeasurementError } from "./errors.js";

/** Where to send requests and how to sign them. */
export interface ResolvedEndpoint {
  /** Base URL, without a trailing slash. */
  url: URL;
  /** The region SigV4 signs with. */
  signingRegion: string;
}

/**
 * Thrown for a configuration that cannot work: one that cannot produce an endpoint (when the client is created), or a
 * `fetch` option where the `ky` package cannot be loaded (on the first request).
 */
export class InvalidConfigurationError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "InvalidConfigurationError";
}

interface Partition {
  prefix: string;
  host: string;
  fipsHost: string;
  signingRegion: string;
}

const PARTITIONS: Partition[] = [
  {
    prefix: "cn-",
    host: "partnercentral-prm.global.api.amazonwebservices.com.cn",
    fipsHost: "partnercentral-prm-fips.global.api.amazonwebservices.com.cn",
    signingRegion: "cn-northwest-1",
  },
  {
    prefix: "us-gov-",
    host: "partnercentral-prm.us-gov.api.aws",
    fipsHost: "partnercentral-prm-fips.us-gov.api.aws",
    signingRegion: "us-gov-west-1",
  },
];

const AWS_PARTITION: Partition = {
  prefix: "",
  host: "partnercentral-prm.global.api.aws",
  fipsHost: "partnercentral-prm-fips.global.api.aws",
  signingRegion: "us-east-1",
};

/**
 * Resolves the endpoint for a region, following the service's endpoint rules.
 * A custom endpoint is used as given and signed with the client's region
 * (`us-east-1` when no region is set).
 */
export function resolveEndpoint(params: {
  region?: string;
  useFipsEndpoint?: boolean;
  endpoint?: string;
}): ResolvedEndpoint {
  const { region, useFipsEndpoint, endpoint } = params;
  if (endpoint !== undefined) {
    if (useFipsEndpoint) {
      throw new InvalidConfigurationError("Invalid Configuration: FIPS and custom endpoint are not supported");
    }
    const url = parseCustomEndpoint(endpoint);
    // The model resolves a custom endpoint without a region; SigV4 then needs some region: use the aws partition's.
    return { url: stripSlash(url), signingRegion: region || AWS_PARTITION.signingRegion };
  }
  if (!region) throw new InvalidConfigurationError("Invalid Configuration: Missing Region");
  const partition = PARTITIONS.find((p) => region.startsWith(p.prefix)) ?? AWS_PARTITION;
  const host = useFipsEndpoint ? partition.fipsHost : partition.host;
  return { url: new URL(`https://${host}`), signingRegion: partition.signingRegion };
}

function stripSlash(url: URL): URL {
  if (url.pathname.endsWith("/")) url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

/**
 * Reads a custom endpoint, refusing what a request cannot carry faithfully: a user name or password (no transport
 * sends them as the service expects, and they would end up in error messages), and a query string or fragment (RPC
 * v2 CBOR requests have none, and SigV4 would not sign it). No message repeats the endpoint's credentials.
 */
function parseCustomEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    const shown = JSON.stringify(String(endpoint).replace(/\/\/[^/?#]*@/, "//***@"));
    throw new InvalidConfigurationError(`Invalid Configuration: endpoint ${shown} is not a URL`);
  }
  if (url.username || url.password) {
    throw new InvalidConfigurationError(
      "Invalid Configuration: endpoint must not contain a user name or password (user:password@); " +
        "requests are signed with the `credentials` option",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidConfigurationError(`Invalid Configuration: endpoint must be http or https, got ${url.protocol}`);
  }
  // `href` rather than `search`: an empty "?" leaves `search` empty yet is still part of the URL given.
  if (url.search || url.href.includes("?")) {
    throw new InvalidConfigurationError(
      "Invalid Configuration: endpoint must not have a query string (?...): the service's requests carry none, and it would not be signed",
    );
  }
  if (url.hash || url.href.includes("#")) {
    throw new InvalidConfigurationError("Invalid Configuration: endpoint must not have a fragment (#...)");
  }
  return url;
}
