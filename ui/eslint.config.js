import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/bindings.ts"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      // Text from Zoho or the user must never become markup.
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Use textContent or DOM nodes; never parse strings as HTML." },
        { property: "outerHTML", message: "Use DOM nodes." },
        { property: "insertAdjacentHTML", message: "Use DOM nodes." },
      ],
    },
  },
);
