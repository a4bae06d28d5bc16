// Offline support: the service worker precaches the app. A new version is announced and
// waits for the clerk's click, never forced mid-edit (registerType 'prompt').
import { useEffect } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import './UpdateNotice.css';

export function UpdateNotice() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();

  // "Ready offline" is news once; it must not sit over the check panel all day.
  useEffect(() => {
    if (!offlineReady) return;
    const t = setTimeout(() => setOfflineReady(false), 8000);
    return () => clearTimeout(t);
  }, [offlineReady, setOfflineReady]);

  if (!needRefresh && !offlineReady) return null;
  return (
    <div className="update-notice" role="status" data-testid="update-notice">
      {needRefresh ? (
        <>
          <span>有新版本可用。草稿已自动保存，可在方便时更新。</span>
          <button type="button" onClick={() => void updateServiceWorker(true)}>
            立即更新
          </button>
          <button type="button" onClick={() => setNeedRefresh(false)}>
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
