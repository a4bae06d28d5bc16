// Offline support: the service worker precaches the app. A new version is announced and
// waits for the clerk's click, never forced mid-edit (registerType 'prompt'): the tab that
// asked for it reloads; any other open tab is told, and reloads when its clerk chooses.
import { useEffect, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import './UpdateNotice.css';

/** How often an open tab asks for a new version (a clerk may keep it open for days). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** Ask for a new version hourly and whenever the clerk comes back to the tab. */
function checkForUpdates(registration: ServiceWorkerRegistration | undefined): void {
  if (!registration) return;
  const check = () => {
    // Offline, or the server is away: try again at the next occasion.
    if (navigator.onLine) registration.update().catch(() => {});
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/**
 * Who takes over this tab. The first install claims it (nothing to say); after that a new
 * controller is a new version: this tab reloads only if its clerk clicked 「立即更新」.
 */
const takeover = {
  requested: false,
  registeredBefore: null as boolean | null,
  claims: 0,
  onNewVersion: (() => {}) as () => void,
};
if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
  // Read before the app registers its worker (registration waits for the load event).
  void navigator.serviceWorker.getRegistration().then((r) => (takeover.registeredBefore = Boolean(r)));
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const firstInstall = takeover.registeredBefore === false && takeover.claims === 0;
    takeover.claims++;
    if (firstInstall) return;
    if (takeover.requested) window.location.reload();
    else takeover.onNewVersion();
  });
}

export function UpdateNotice() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW: (_url, registration) => checkForUpdates(registration),
    // The plugin would reload every tab the new version takes over; reloads are decided above.
    onNeedReload: () => {},
  });
  const [activeElsewhere, setActiveElsewhere] = useState(false);
  // 「稍后」 holds for this page: the worker can report "waiting" again (a later check finds
  // the same version), and the notice must not pop back after she put it away. A reload or
  // the next visit shows it again.
  const [later, setLater] = useState(false);
  const showUpdate = needRefresh && !later;

  useEffect(() => {
    takeover.onNewVersion = () => setActiveElsewhere(true);
    return () => {
      takeover.onNewVersion = () => {};
    };
  }, []);

  // "Ready offline" is news once: it closes itself after a few seconds.
  useEffect(() => {
    if (!offlineReady) return;
    const t = setTimeout(() => setOfflineReady(false), 6000);
    return () => clearTimeout(t);
  }, [offlineReady, setOfflineReady]);

  if (activeElsewhere) {
    return (
      <div className="update-notice" role="status" data-testid="update-notice">
        <span>新版本已在另一个窗口启用。草稿已自动保存，刷新本页即可使用新版本。</span>
        <button type="button" onClick={() => window.location.reload()}>
          刷新本页
        </button>
      </div>
    );
  }
  if (!showUpdate && !offlineReady) return null;
  return (
    <div className="update-notice" role="status" data-testid="update-notice">
      {showUpdate ? (
        <>
          <span>有新版本可用。草稿已自动保存，可在方便时更新。</span>
          <button
            type="button"
            onClick={() => {
              takeover.requested = true;
              void updateServiceWorker(true);
            }}
          >
            立即更新
          </button>
          <button
            type="button"
            onClick={() => {
              setLater(true);
              setNeedRefresh(false);
            }}
          >
            稍后
          </button>
        </>
      ) : (
        <>
          <span>应用已可离线使用。</span>
          <button type="button" onClick={() => setOfflineReady(false)}>
            知道了
          </button>
        </>
      )}
    </div>
  );
}
