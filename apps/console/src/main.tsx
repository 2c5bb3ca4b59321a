import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startI18n } from './i18n.ts';
import App from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root element missing from index.html');

void startI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
