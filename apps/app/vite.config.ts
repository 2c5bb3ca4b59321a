import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { libraryChunks } from '../../scripts/library-chunks.ts';

// The customer (car owner) app is served by the API server under /app/.
// Build from this folder: `npx vite build` → apps/app/dist.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    // antd-mobile is not a chunk of its own: split by the pages that use it, the sign-in page
    // loads only the components it shows.
    rolldownOptions: libraryChunks(),
  },
  server: {
    port: 5174,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000' },
    },
  },
  preview: { port: 4174 },
});
