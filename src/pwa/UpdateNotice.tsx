// Offline support: the service worker precaches the app. A new version is announced and
// waits for the clerk's click, never forced mid-edit (registerType 'prompt'): the tab that
// asked for it reloads; any other open tab is told, and reloads when its clerk chooses.
import { type CSSProperties, type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
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

/** Where the notice may sit, in order of preference: corners of the window, then its edges' middles. */
const SPOTS: readonly CSSProperties[] = [
  { top: 4, left: '50%', transform: 'translateX(-50%)' },
  { bottom: 8, right: 8 },
  { bottom: 8, left: 8 },
  { top: 4, right: 8 },
  { top: 4, left: 8 },
  { bottom: 8, left: '50%', transform: 'translateX(-50%)' },
];
const CONTROLS = 'button, a[href], input, textarea, select, summary, [role="button"], [tabindex]:not([tabindex="-1"])';

/** The spot's box for a notice of this size, in window coordinates. */
function spotBox(spot: CSSProperties, w: number, h: number): DOMRect {
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const x =
    spot.left === '50%' ? (vw - w) / 2 : typeof spot.left === 'number' ? spot.left : vw - w - Number(spot.right);
  const y = typeof spot.top === 'number' ? spot.top : vh - h - Number(spot.bottom);
  return new DOMRect(x, y, w, h);
}

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

/** How often the notice looks again for a free spot while the page changes (scrolling: each frame). */
export const CHANGES_MS = 400;

/**
 * The first spot where the notice covers no button, link or field of the page (issue 12: at
 * the top centre it covered 「新建汇总」) nor its title (the report's name, in the wizard),
 * followed as the page scrolls, resizes or changes.
 */
export function useFreeSpot(ref: RefObject<HTMLElement | null>, shown: boolean): CSSProperties {
  const [spot, setSpot] = useState(0);
  useLayoutEffect(() => {
    if (!shown) return;
    let frame = 0;
    const place = () => {
      frame = 0;
      const el = ref.current;
      if (!el) return;
      const { width, height } = el.getBoundingClientRect();
      const controls: DOMRect[] = [];
      for (const c of document.querySelectorAll(CONTROLS)) {
        if (el.contains(c)) continue;
        // Not the wizard's steps drawn ahead out of sight (content-visibility: hidden): on a new
        // report their fields filled every other spot, so it sat on the title.
        if (c.checkVisibility?.({ visibilityProperty: true }) === false) continue;
        const r = c.getBoundingClientRect();
        if (r.width && r.height) controls.push(r);
      }
      // The page's title too (the report's name): its text, not its full-width block.
      const title = document.querySelector('h1');
      if (title) {
        const range = document.createRange();
        range.selectNodeContents(title);
        const r = range.getBoundingClientRect?.();
        if (r?.width && r.height) controls.push(r);
      }
      const hits = SPOTS.map((s) => {
        const box = spotBox(s, width, height);
        return controls.filter((r) => overlaps(box, r)).length;
      });
      // None free (a page full of fields): the spot that covers fewest.
      const free = hits.indexOf(0);
      setSpot(free >= 0 ? free : hits.indexOf(Math.min(...hits)));
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(place);
    };
    // The page's own changes at most every CHANGES_MS: a 汇总 load changes the page every few
    // frames (its progress), and a look at every control each frame (a forced layout among
    // them) was main-thread work in the load, once a task of 83 ms at 10,000 reports.
    let pending = 0;
    const changed = () => {
      if (!pending)
        pending = window.setTimeout(() => {
          pending = 0;
          later();
        }, CHANGES_MS);
    };
    place();
    const changes = new MutationObserver(changed);
    changes.observe(document.body, { subtree: true, childList: true });
    window.addEventListener('scroll', later, { passive: true, capture: true });
    window.addEventListener('resize', later);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(pending);
      changes.disconnect();
      window.removeEventListener('scroll', later, { capture: true });
      window.removeEventListener('resize', later);
    };
  }, [ref, shown]);
  return SPOTS[spot]!;
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
  const box = useRef<HTMLDivElement>(null);

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

  const shown = activeElsewhere || showUpdate || offlineReady;
  const style = useFreeSpot(box, shown);

  if (activeElsewhere) {
    return (
      <div className="update-notice" role="status" data-testid="update-notice" ref={box} style={style}>
        <span>新版本已在另一个窗口启用。草稿已自动保存，刷新本页即可使用新版本。</span>
        <button type="button" onClick={() => window.location.reload()}>
          刷新本页
        </button>
      </div>
    );
  }
  if (!shown) return null;
  return (
    <div className="update-notice" role="status" data-testid="update-notice" ref={box} style={style}>
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
