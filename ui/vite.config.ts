import { defineConfig } from "vite";

// The app embeds ui/dist; relative asset paths keep it loadable from the custom protocol.
// Two pages: the main window and the tray's small quick-create window.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      input: {
        // Relative to the UI folder, where every build runs.
        main: "index.html",
        quick: "quick.html",
      },
    },
  },
  server: { port: 5173, strictPort: true },
});
