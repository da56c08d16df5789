/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type-checking happens once in `pnpm typecheck`; jest only transpiles.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json", isolatedModules: true }],
  },
  moduleNameMapper: {
    "^alexa-linking-component$": "<rootDir>/packages/alexa-linking-component/src/index.ts",
  },
  testTimeout: 60000,
};
