import { defineConfig } from "vite";

// The app embeds ui/dist; relative asset paths keep it loadable from the custom protocol.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: { port: 5173, strictPort: true },
});
