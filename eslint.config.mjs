// The linter: typescript-eslint's recommended rules over every TypeScript file of the project,
// with formatting left to prettier (eslint-config-prettier turns the style rules off).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/.pulumi-state/**", "tests/engine/toolchain/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // Node's require() is how the CLI loads verbs lazily and how plugins are found.
      "@typescript-eslint/no-require-imports": "off",
      // Resource classes declare their outputs once in an interface merged into the class, so the
      // dynamic and the plugin form share one declaration (src/cognito/resource.ts).
      "@typescript-eslint/no-unsafe-declaration-merging": "off",
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  {
    // Mocks and recorded wire data are untyped by nature.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  prettier,
);
