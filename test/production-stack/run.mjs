// run.cjs as an ES module: the package's import entry.
import * as ours from "partnercentral-revenue-measurement";
import * as official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { createRequire } from "node:module";
createRequire(import.meta.url)("./calls.cjs").run(official, ours);
