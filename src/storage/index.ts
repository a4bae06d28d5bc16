// Local storage of reports: the only part of the app that touches IndexedDB (Dexie).
//
//   db.ts          the Dexie schema, record versions and their migrations, repairReport
//   repository.ts  every operation on stored reports: list, create, open, save, duplicate,
//                  rename, 回收站 (remove/restore/emptyTrash), new from last year, import,
//                  revisions (list, diff, restore — restoring keeps the replaced state first)
//   collections.ts 汇总: collections of received reports, their entries and files
//   diff.ts        what changed between two reports, in the clerk's words (pure)
//   autosave.ts    the journal, save status and failure messages;
//   autosaveController.ts  AutosaveController: each change journalled (localStorage) and staged in
//                  IndexedDB in the task after the keystroke, then saved (strict durability); flush on
//                  hide/pagehide, revisions at most every 5 min and before bulk changes,
//                  Chinese failures; newer-or-older is an edit counter, never the clock
//   tabs.ts        one writer per report across tabs (Web Locks + BroadcastChannel)
//   openReport.ts  OpenReport: the open report as one object (load, journal settled, autosave,
//                  tab lock, read-only, the editor built for each version of the report)
//   connection.ts  opening the database, its health (unavailable / blocked / closed by a
//                  newer tab) and navigator.storage.persist()
//   hooks.ts       React: lists, health, persistence (the home screen's)
//   draft.ts       React: useDraft (the binding of OpenReport), openAhead; the report page's
//                  only, not exported here, so it is not in the home screen's chunk
//   StorageBanner.tsx  the save status line and the banners (read-only, storage, persistence)
//
// Nothing else in src imports dexie or dexie-react-hooks.
export type { ReportSummary } from './repository';
export { localStorageJournal } from './autosave';
export { MEMORY_REPORT_ID, StorageConnection, getStorage, requestPersistence } from './connection';
export type { PersistenceState } from './connection';
export {
  useReportList,
  useTrashList,
  useStorageHealth,
  usePersistence,
} from './hooks';
export {
  SaveStatusLine,
  StorageHealthBanner,
  ReadOnlyBanner,
  FreedNotice,
  PersistenceNote,
  formatSavedAt,
  JournalKeptNotice,
  LocalCopyOffer,
  LostReportsOffer,
} from './StorageBanner';
export { RevisionsPanel } from './RevisionsPanel';
