// Jest 29 with its defaults for a CommonJS project (no --experimental-vm-modules), run by test/jest.test.ts.
module.exports = {
  rootDir: __dirname,
  testEnvironment: "node",
  testMatch: ["<rootDir>/*.test.cjs"],
  transform: {},
};
