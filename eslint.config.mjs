import js from "@eslint/js";
import tseslint from "typescript-eslint";

const CORE_ONLY = "src/core is plain TypeScript: it imports nothing outside src/core (no edge, no host API).";

export default tseslint.config(
  { ignores: ["node_modules/", "build/", "dist/", "out/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["fs", "path", "node:*", "exceljs", "jszip", "react*", "@fluentui/*"],
              message: CORE_ONLY,
            },
            // Relative paths that climb out of src/core (from its top level or from one of its rooms).
            {
              regex: "^\\.\\./(\\.\\./)*(office|xlsx|cli|taskpane|export|commands)(/|$)",
              message: CORE_ONLY,
            },
            { regex: "^(\\.\\./){2,}", message: CORE_ONLY },
          ],
        },
      ],
      "no-restricted-globals": ["error", "process", "Buffer", "window", "document", "Office", "Excel"],
    },
  },
);
