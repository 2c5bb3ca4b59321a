import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The customer (car owner) app is served by the API server under /app/.
// Build from this folder: `npx vite build` → apps/app/dist.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5174,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000' },
    },
  },
  preview: { port: 4174 },
});
