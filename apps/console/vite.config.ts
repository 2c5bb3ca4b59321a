import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { libraryChunks } from '../../scripts/library-chunks.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The console is served by the API server under /console/ (and by `vite` in development,
// which forwards /api to a server started with `npm run dev`).
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  resolve: {
    // The customer app uses React 18 (hoisted to the workspace root); the console uses the
    // React 19 installed in apps/console/node_modules. Make every import (antd, router,
    // react-i18next…) resolve to that one copy.
    dedupe: ['react', 'react-dom'],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // antd is not a chunk of its own: split by the pages that use it, the sign-in page loads
    // only the components it shows. echarts, the biggest library, stays one chunk for the few
    // pages with charts.
    rolldownOptions: libraryChunks({
      name: 'echarts',
      test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib)[\\/]/,
    }),
  },
});
