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
    rolldownOptions: libraryChunks({
      name: 'antd-mobile',
      test: /node_modules[\\/](antd-mobile|antd-mobile-icons|@react-spring|@use-gesture|@floating-ui|rc-field-form|async-validator|ahooks|rc-util|lodash|@babel[\\/]runtime|classnames|tslib|dayjs|runes2|staged-components|use-sync-external-store)[\\/]/,
    }),
  },
  server: {
    port: 5174,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000' },
    },
  },
  preview: { port: 4174 },
});
