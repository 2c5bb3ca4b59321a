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
    rolldownOptions: libraryChunks(
      {
        name: 'antd',
        test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|dayjs|@emotion)[\\/]/,
      },
      {
        // The charts of a few pages, the biggest library: out of the entry, so that once pages
        // load on demand it leaves the first load.
        name: 'echarts',
        test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib)[\\/]/,
      },
    ),
  },
});
