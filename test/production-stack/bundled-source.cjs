// A handler as CDK's NodejsFunction bundles it (esbuild, one file): both clients inside the bundle.
const ours = require("partnercentral-revenue-measurement");
const official = require("@aws-sdk/client-partnercentral-revenue-measurement");
require("./calls.cjs").run(official, ours);
