import { defineConfig } from 'vite';

// The dashboard UI: plain TypeScript + uPlot, bundled into web/dist and served by the dashboard
// service (which builds it on start when the bundle is missing or stale).
export default defineConfig({
  base: '/',
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
