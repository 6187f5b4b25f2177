/** The package name and version, sent in the user agent (test/user-agent.test.ts checks them against package.json). */
export const SDK_NAME = "partnercentral-revenue-measurement";
export const SDK_VERSION = "0.1.0";
