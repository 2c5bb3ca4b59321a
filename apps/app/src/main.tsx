import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { unstableSetRender } from 'antd-mobile';
import { startI18n } from './i18n.ts';
import './styles.css';
import { App } from './App.tsx';
import { earlyTenantSlug, pointManifestAt } from './api.ts';

// antd-mobile's imperative APIs (Toast, Dialog) render through createRoot (needed on React 19).
unstableSetRender((node, container) => {
  const host = container as (Element | DocumentFragment) & { __liukeRoot?: Root };
  const root = (host.__liukeRoot ??= createRoot(host));
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host.__liukeRoot;
  };
});

// "/app" → "/app/" so the router (basename "/app/") and the service worker scope match.
const base = import.meta.env.BASE_URL;
if (window.location.pathname === base.replace(/\/$/, '')) {
  window.history.replaceState(null, '', `${base}${window.location.search}${window.location.hash}`);
}

// Installed from here, the app carries the shop's name (the manifest is served per shop).
pointManifestAt(earlyTenantSlug());

const container = document.getElementById('root');
if (!container) throw new Error('#root missing');
void startI18n().then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// Installable PWA: the service worker caches the app shell (production builds only).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((error: unknown) => {
      console.warn('Service worker registration failed', error);
    });
  });
}
