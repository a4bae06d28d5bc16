import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { whenQuiet } from './preload';
import { UpdateNotice } from './pwa/UpdateNotice';
import './styles/base.css';

/**
 * On a first visit the service worker is registered in the clerk's first pause (issue 12):
 * installing it stores and compiles every precached script for the code cache, about a second
 * of CPU that, on a 2-core laptop, slowed the first open of a report when it ran at start-up.
 * A page the worker already controls registers at once (update checks, news from other tabs).
 */
function UpdateNoticeAfterPause() {
  const [registered, setRegistered] = useState(() => Boolean(navigator.serviceWorker?.controller));
  useEffect(() => (registered ? undefined : whenQuiet(2000, () => setRegistered(true))), [registered]);
  return registered ? <UpdateNotice /> : null;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
    <UpdateNoticeAfterPause />
  </StrictMode>,
);
