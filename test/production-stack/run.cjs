// One call with each client, side by side, in a process a tracer was set up in (--require / --import).
// Prints { official, ours, spans? } as JSON. Run from a project where the package resolves by name.
const ours = require("partnercentral-revenue-measurement");
const official = require("@aws-sdk/client-partnercentral-revenue-measurement");
require("./calls.cjs").run(official, ours);
