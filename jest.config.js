/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // tsconfig.json sets isolatedModules, so ts-jest transpiles file by file; `pnpm typecheck` checks types.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json" }],
  },
  moduleNameMapper: {
    "^alexa-linking-component$": "<rootDir>/packages/alexa-linking-component/src/index.ts",
  },
  testTimeout: 60000,
};
