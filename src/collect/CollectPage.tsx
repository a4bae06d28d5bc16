// 汇总: the office that receives the uploads gathers many reports into a collection, kept
// in this browser, and sees the list, the refused files, who is missing and the sum.
// Loaded on demand (App.tsx): nothing here weighs on the first screen.
import { type DragEvent, startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseReportBytes } from '../export/jsonFile';
import { navigate } from '../navigate';
import { whenIdle } from '../preload';
import { type Report, emptyReport } from '../report';
import { unpackCells } from './packed';
import { parseAgencyList } from '../report/summary';
import { getStorage } from '../storage';
// Straight from its module, not the storage barrel: the barrel is in the first screen's
// bundle, and a re-export there pulled 汇总's storage and its summary code into it.
import {
  CollectionRepository,
  type NewEntry,
  type StoredCollection,
  type StoredEntry,
  collectFailureMessage,
  entryRecord,
  replacedBy,
} from '../storage/collections';
import { ListView } from './ListView';
import { MissingView } from './MissingView';
import { downloadCsv, downloadWorkbook } from './exports';
import {
  type CollectionModel,
  DEFAULT_SUM_CHOICE,
  type SumChoice,
  deriveCollection,
  deriveCollectionInSlices,
  mapInSlices,
  sumSelection,
  withTicked,
  yearInName,
  yieldToPage,
} from './model';
import { OpenedReport } from './OpenedReport';
import type { EntryResult, InputFile } from './process';
import { type CollectJob, type CollectProgress, WorkerPool, collectFiles, loadBlocks } from './reader';
import { SumView } from './SumView';
import './collect.css';

type Tab = 'list' | 'refused' | 'missing' | 'sum';

function useRepository(): { repo: CollectionRepository | null; failed: string | null } {
  const [state, setState] = useState<{ repo: CollectionRepository | null; failed: string | null }>({
    repo: null,
    failed: null,
  });
  useEffect(() => {
    const conn = getStorage();
    void conn.ready.then((r) => {
      if (r && conn.db) setState({ repo: new CollectionRepository(conn.db), failed: null });
      else {
        const h = conn.getHealth();
        setState({ repo: null, failed: 'message' in h ? h.message : '浏览器存储不可用。' });
      }
    });
  }, []);
  return state;
}

/**
 * The collection workers, started at idle once 汇总 shows, so a load finds them with their code
 * compiled (issue 15: cold workers spent as much CPU compiling as reading); ended when 汇总 closes.
 */
function useWorkerPool(repo: CollectionRepository | null): WorkerPool | null {
  const [pool, setPool] = useState<WorkerPool | null>(null);
  useEffect(() => {
    if (!repo) return;
    const p = new WorkerPool();
    setPool(p);
    const cancel = whenIdle(() => p.fill(repo.workerStore('').db));
    return () => {
      cancel();
      p.dispose();
    };
  }, [repo]);
  return pool;
}

/** Reports read in one load up to which its end runs without pauses (see take). */
const SMALL_LOAD = 2000;

export default function CollectPage({ collectionId }: { collectionId: string | null }) {
  const { repo, failed } = useRepository();
  const pool = useWorkerPool(repo);
  const [collections, setCollections] = useState<StoredCollection[] | null>(null);
  const reload = useCallback(async () => {
    if (repo) setCollections(await repo.list());
  }, [repo]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const current = collections?.find((c) => c.id === collectionId) ?? null;
  return (
    <div className="app-home co-page">
      <header className="app-bar">
        <h1>汇总</h1>
        <button type="button" className="app-bar-action" onClick={() => navigate('#')}>
          返回报告列表
        </button>
      </header>
      {failed ? (
        <p role="alert" className="app-message">
          {failed} 汇总需要在本机保存收到的报告，请换用普通（非无痕）窗口。
        </p>
      ) : null}
      {repo && collections ? (
        <>
          <CollectionPicker repo={repo} collections={collections} currentId={collectionId} onChanged={reload} />
          {current ? (
            <CollectionView
              key={current.id}
              repo={repo}
              pool={pool}
              collection={current}
              all={collections}
              onChanged={reload}
            />
          ) : null}
        </>
      ) : !failed ? (
        <p className="app-message">正在打开…</p>
      ) : null}
    </div>
  );
}

const open = (id: string) => navigate(`#view=collect&c=${encodeURIComponent(id)}`);

function CollectionPicker({
  repo,
  collections,
  currentId,
  onChanged,
}: {
  repo: CollectionRepository;
  collections: StoredCollection[];
  currentId: string | null;
  onChanged: () => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  // Until the clerk types a year herself, the year follows the one her name states.
  const [yearTyped, setYearTyped] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameChanged = (value: string) => {
    setName(value);
    const stated = yearInName(value);
    if (!yearTyped && stated !== null) setYear(String(stated));
  };
  const create = async () => {
    const y = Number(year);
    if (!name.trim()) return setError('请填写汇总名称，例如「某县 2025 年度」。');
    if (!Number.isInteger(y) || y < 2008 || y > 2100) return setError('报告年度应为 2008 至 2100 之间的年份。');
    try {
      const id = await repo.create(name.trim(), y);
      setName('');
      setYearTyped(false);
      setError(null);
      await onChanged();
      open(id);
    } catch (e) {
      setError(collectFailureMessage(e));
    }
  };
  return (
    <section className="co-picker" aria-label="汇总列表">
      {collections.length ? (
        <ul className="co-collections">
          {collections.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={c.id === currentId ? 'co-tab co-tab--on' : 'co-tab'}
                aria-current={c.id === currentId ? 'true' : undefined}
                onClick={() => open(c.id)}
              >
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="co-muted">还没有汇总。新建一个，再把各单位报送的 JSON 文件（或其压缩包）拖到页面上。</p>
      )}
      <form
        className="co-new"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          汇总名称{' '}
          <input value={name} onChange={(e) => nameChanged(e.target.value)} placeholder="例如：某县 2025 年度" />
        </label>
        <label>
          报告年度{' '}
          <input
            value={year}
            inputMode="numeric"
            size={6}
            onChange={(e) => {
              setYear(e.target.value);
              setYearTyped(true);
            }}
          />
        </label>
        <button type="submit" className="co-btn">
          新建汇总
        </button>
        {error ? (
          <span role="alert" className="co-bad">
            {error}
          </span>
        ) : null}
      </form>
    </section>
  );
}

function CollectionView({
  repo,
  pool,
  collection,
  all,
  onChanged,
}: {
  repo: CollectionRepository;
  pool: WorkerPool | null;
  collection: StoredCollection;
  all: StoredCollection[];
  onChanged: () => Promise<void>;
}) {
  const [entries, setEntries] = useState<StoredEntry[] | null>(null);
  const [previous, setPrevious] = useState<StoredEntry[]>([]);
  const [tab, setTab] = useState<Tab>('list');
  const [choice, setChoiceState] = useState<SumChoice>(collection.sumChoice ?? DEFAULT_SUM_CHOICE);
  const [job, setJob] = useState<CollectJob | null>(null);
  const [progress, setProgress] = useState<CollectProgress | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [replace, setReplace] = useState(false);
  const [opened, setOpened] = useState<{
    fileName: string;
    report: Report;
    status: 'draft' | 'final';
    text: string;
    previous: { report: Report; fileName: string } | null;
  } | null>(null);
  /**
   * The received bytes of this page's loads (the picked files themselves: handles, no copy), so
   * what was read but could not be stored still opens; such entries are listed from memory and
   * lost on reload (the clerk is told).
   */
  const memoryBlobs = useRef(new Map<string, Blob>());
  const memoryIds = useRef(new Set<string>());
  const prevCollection = useMemo(
    () =>
      collection.year === null
        ? undefined
        : all.find((c) => c.year === (collection.year ?? 0) - 1 && c.id !== collection.id),
    [all, collection],
  );

  useEffect(() => {
    let live = true;
    void repo
      .removeStaleLoads(collection.id)
      .catch(() => 0)
      .then(() => repo.entries(collection.id))
      .then((e) => live && setEntries(e));
    if (prevCollection) void repo.entries(prevCollection.id).then((e) => live && setPrevious(e));
    return () => {
      live = false;
    };
  }, [repo, collection.id, prevCollection]);

  // Derived in slices after each change (10,000 rows at once held the page 60 ms and more);
  // until then the page shows the model it has. `of`: the entries it was derived from.
  const [derived, setDerived] = useState<{ model: CollectionModel; of: readonly StoredEntry[] | null }>(() => ({
    model: deriveCollection([]),
    of: null,
  }));
  // The entries and previous the latest model was derived from, and the entries as last
  // rendered: the end of a load derives the model before it sets the entries, in one render.
  const derivedFrom = useRef<{ of: readonly StoredEntry[] | null; previous: readonly StoredEntry[] }>({
    of: null,
    previous,
  });
  const entriesNow = useRef(entries);
  entriesNow.current = entries;
  useEffect(() => {
    if (entries === null) return;
    if (derivedFrom.current.of === entries && derivedFrom.current.previous === previous) return;
    let live = true;
    void deriveCollectionInSlices(entries, previous, () => live, { year: collection.year }).then((m) => {
      if (m && live) {
        derivedFrom.current = { of: entries, previous };
        startTransition(() => setDerived({ model: m, of: entries }));
      }
    });
    return () => {
      live = false;
    };
  }, [entries, previous, collection.year]);
  const model = derived.model;
  const chosen = useMemo(() => new Set(sumSelection(model, choice).map((e) => e.id)), [model, choice]);
  // Kept with the collection, so the sum is the same after a reload and in the exports.
  const setChoice = (next: SumChoice) => {
    setChoiceState(next);
    repo
      .update(collection.id, { sumChoice: next })
      .catch((e) => setMessage({ kind: 'error', text: collectFailureMessage(e) }));
  };
  // A report of another year in this collection is most often a file sent to the wrong office or year.
  const otherYear = useMemo(
    () => (collection.year === null ? 0 : model.counted.filter((e) => e.row.year !== collection.year).length),
    [model, collection.year],
  );

  const take = async (inputs: InputFile[]) => {
    if (!inputs.length || job) return;
    setMessage(null);
    setOpened(null);
    const started = performance.now();
    // The workers store what they read as a pending load; without one (storage refused even
    // that small write) they store nothing and the page tries to add it all at the end.
    const load = await repo.beginLoad(collection.id, loadBlocks(inputs)).catch(() => null);
    const j = collectFiles(inputs, {
      onProgress: setProgress,
      ...(pool ? { pool } : {}),
      ...(load
        ? {
            store: { ...repo.workerStore(collection.id), job: load.job, addedAt: load.addedAt },
            seqBase: load.seqBase,
          }
        : {}),
    });
    setJob(j);
    for (const b of j.blobs) memoryBlobs.current.set(b.id, b.blob);
    const abort = () => {
      if (load) void repo.abortLoad(collection.id, load.job).catch(() => undefined);
    };
    let results: EntryResult[] | null;
    try {
      results = await j.finished;
    } catch (e) {
      setJob(null);
      setProgress(null);
      pool?.fill(repo.workerStore('').db);
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
      abort();
      return;
    }
    setJob(null);
    setProgress(null);
    // A cancelled load ended its workers: new ones warm up for the next.
    pool?.fill(repo.workerStore('').db);
    if (!results) {
      abort();
      setMessage({ kind: 'info', text: '已取消，本次没有加入任何文件。' });
      return;
    }
    const ok = results.filter((r) => r.kind === 'ok').length;
    const read = `读取了 ${results.length} 个文件：${ok} 份报告，${results.length - ok} 个未通过。`;
    // For the bench's split (bench/collect.spec.ts): worker phases in the detail.
    performance.measure('collect:read', { start: started, detail: { ...j.timing, files: results.length } });
    const storing = performance.now();
    // The end of a load of 10,000 is a few steps of some 10 ms each: each in its own task. Of a
    // few hundred, a few ms in all, and each pause let the page draw a frame of the old list.
    const small = results.length <= SMALL_LOAD;
    const pause = () => (small ? Promise.resolve() : yieldToPage());
    await pause();
    const inOrder = [...results].sort((a, b) => a.seq - b.seq);
    await pause();
    const current = entries ?? [];
    const keepInMemory = (list: readonly EntryResult[]) => {
      for (const r of list) memoryIds.current.add(r.id);
    };
    /** Lists what was read in place of `gone`; returns the records listed and the ones taken out. */
    const show = async (gone: readonly string[], list: readonly EntryResult[]) => {
      const out = new Set(gone);
      const addedAt = load?.addedAt ?? Date.now();
      const added = (await mapInSlices(list, (r) => entryRecord(r, collection.id, addedAt)))!;
      const before = entriesNow.current;
      const removed = (before ?? []).filter((e) => out.has(e.id));
      const next = [...(before ?? []).filter((e) => !out.has(e.id)), ...added];
      // The model of the new list first, then entries and model in one render (not the list
      // drawn twice). Entries changed meanwhile (a removal): set them, the effect derives.
      const model = await deriveCollectionInSlices(next, previous, () => entriesNow.current === before, {
        year: collection.year,
      });
      const update = () => {
        if (model) {
          derivedFrom.current = { of: next, previous };
          setDerived({ model, of: next });
          setEntries(next);
        } else setEntries((es) => [...(es ?? []).filter((e) => !out.has(e.id)), ...added]);
      };
      // A transition: React renders the list of thousands in slices, so the page never freezes.
      // A small load's list at once: the slices only added frames before it showed.
      if (small) update();
      else startTransition(update);
      return { added, removed };
    };
    if (!load) {
      try {
        const { added, removed } = await repo.add(collection.id, inOrder as NewEntry[], { replace, blobs: j.blobs });
        const gone = new Set(removed);
        startTransition(() => setEntries((es) => [...(es ?? []).filter((e) => !gone.has(e.id)), ...added]));
        await onChanged();
        setMessage({ kind: 'info', text: read });
      } catch (e) {
        keepInMemory(inOrder);
        await show([], inOrder);
        setMessage({ kind: 'error', text: collectFailureMessage(e) });
      }
      return;
    }
    const stored = inOrder.filter((r) => r.stored);
    const unstored = inOrder.filter((r) => !r.stored);
    const gone = replacedBy(current, stored, replace);
    // The commit (a worker wrote the received bytes meanwhile: j.kept) runs while the list is
    // derived and drawn: its disk flush is off the path to the list. The message waits for it.
    const commit = (async () => {
      const failed = await j.kept;
      if (failed) throw failed;
      await repo.commitLoad(collection.id, load.job, gone);
    })();
    commit.catch(() => undefined);
    keepInMemory(unstored);
    await pause();
    const shown = await show(gone, inOrder);
    try {
      await commit;
    } catch (e) {
      abort();
      // Nothing was replaced, and what was read stays listed from memory (lost on reload: the message says so).
      keepInMemory(inOrder);
      const back = new Set(shown.removed.map((e) => e.id));
      startTransition(() =>
        setEntries((es) =>
          [...(es ?? []).filter((e) => !back.has(e.id)), ...shown.removed].sort((a, b) => a.seq - b.seq),
        ),
      );
      setMessage({ kind: 'error', text: collectFailureMessage(e) });
      return;
    }
    performance.measure('collect:store', { start: storing });
    void onChanged();
    setMessage(
      unstored.length
        ? {
            kind: 'error',
            text: `已保存 ${stored.length} 个文件；另有 ${unstored.length} 个没有保存：${collectFailureMessage(j.storeError)}`,
          }
        : { kind: 'info', text: read },
    );
  };

  const openEntry = async (id: string) => {
    const entry = entries?.find((e) => e.id === id);
    if (!entry) return;
    const bytes = await repo.entryBytes(entry, memoryBlobs.current).catch(() => null);
    if (!bytes) return setMessage({ kind: 'error', text: `找不到文件「${entry.fileName}」的内容，请重新加入该文件。` });
    const r = parseReportBytes(bytes, entry.fileName);
    if (!r.ok)
      return setMessage({ kind: 'error', text: `文件「${entry.fileName}」无法打开：${r.problems[0]?.message ?? ''}` });
    // W1/W2 against the same agency's report in last year's collection, as in the list.
    const last = model.previousOf.get(id);
    const previous = last
      ? {
          report: { ...emptyReport(last.row.agency, last.row.year), cells: unpackCells(last.cells) },
          fileName: last.fileName,
        }
      : null;
    setOpened({
      fileName: entry.fileName,
      report: r.report,
      status: r.status,
      text: new TextDecoder().decode(bytes),
      previous,
    });
  };

  const removeEntry = async (id: string) => {
    const entry = entries?.find((e) => e.id === id);
    if (!entry || !window.confirm(`从本汇总中移除「${entry.fileName}」？`)) return;
    try {
      if (!memoryIds.current.has(id)) await repo.removeEntry(collection.id, id);
      setEntries((es) => (es ?? []).filter((e) => e.id !== id));
    } catch (e) {
      setMessage({ kind: 'error', text: collectFailureMessage(e) });
    }
  };

  const removeCollection = async () => {
    if (!window.confirm(`删除汇总「${collection.name}」及其中的全部文件？各单位的原文件不受影响。`)) return;
    try {
      await repo.remove(collection.id);
      await onChanged();
      navigate('#view=collect');
    } catch (e) {
      setMessage({ kind: 'error', text: collectFailureMessage(e) });
    }
  };

  const saveExpected = async (expected: string[]) => {
    try {
      await repo.update(collection.id, { expected });
      await onChanged();
    } catch (e) {
      setMessage({ kind: 'error', text: collectFailureMessage(e) });
    }
  };

  // Stable handlers, so the memoised list does not re-render on each progress tick.
  const actions = useRef({ openEntry, removeEntry });
  actions.current = { openEntry, removeEntry };
  const onOpen = useCallback((id: string) => void actions.current.openEntry(id), []);
  const onRemove = useCallback((id: string) => void actions.current.removeEntry(id), []);
  const tick = useRef((_id: string, _on: boolean) => {});
  tick.current = (id, on) => setChoice(withTicked(choice, model, id, on));
  const onTick = useCallback((id: string, on: boolean) => tick.current(id, on), []);

  const lastYearList = useMemo(() => {
    if (!prevCollection) return null;
    if (prevCollection.expected.length) return prevCollection.expected;
    return parseAgencyList(
      deriveCollection(previous)
        .counted.map((e) => e.row.agency)
        .join('\n'),
    );
  }, [prevCollection, previous]);

  return (
    <main className="co-view" aria-labelledby="co-title">
      <div className="co-view-head">
        <h2 id="co-title">
          {collection.name}
          {collection.year ? `（${collection.year} 年度报告）` : ''}
        </h2>
        <button type="button" className="co-link" onClick={() => void removeCollection()}>
          删除此汇总
        </button>
      </div>
      <Intake busy={job !== null} onFiles={(f) => void take(f)} replace={replace} onReplace={setReplace} />
      {job && progress ? (
        <div className="co-progress">
          <progress max={Math.max(1, progress.total)} value={progress.done} aria-label="读取进度" />
          <span role="status">
            已读取 {progress.done} / {progress.total} 个文件
          </span>
          <button type="button" className="co-btn" onClick={() => job.cancel()}>
            取消
          </button>
        </div>
      ) : null}
      {message?.kind === 'error' ? (
        <p role="alert" className="co-bad">
          {message.text}
        </p>
      ) : null}
      {entries === null || derived.of === null ? (
        <p className="app-message">正在读取本汇总…</p>
      ) : (
        <>
          {/* What the last load did, on the line of the counts when it fits: rows of the list show sooner. */}
          <div className="co-statline">
            <p className="co-stats" data-testid="co-stats">
              {`报告 ${model.counted.length} 份（定稿 ${model.finals}，草稿 ${model.drafts}，有错误 ${model.withErrors}）`}
              {`，重复 ${model.duplicates} 份，未通过的文件 ${model.refused.length} 个`}
              {otherYear ? (
                <span className="co-bad">{`；其中 ${otherYear} 份不是 ${collection.year} 年度的报告，不计入合计（列表「显示」选「非本年度」）`}</span>
              ) : null}
            </p>
            {message && message.kind !== 'error' ? (
              <p role="status" className="co-info">
                {message.text}
              </p>
            ) : null}
          </div>
          {/* The exports beside the tabs, not on a line of their own: a 1280×609 screen shows the list's rows. */}
          <div className="co-tabbar">
            <div className="co-tabs" role="tablist" aria-label="汇总内容">
              {(
                [
                  ['list', `报告列表（${model.ok.length}）`],
                  ['refused', `未通过的文件（${model.refused.length}）`],
                  ['missing', '未报送'],
                  ['sum', '合计'],
                ] as const
              ).map(([k, label]) => (
                <button
                  key={k}
                  type="button"
                  role="tab"
                  aria-selected={tab === k && !opened}
                  className={tab === k && !opened ? 'co-tab co-tab--on' : 'co-tab'}
                  onClick={() => {
                    setOpened(null);
                    setTab(k);
                  }}
                >
                  {label}
                </button>
              ))}
            </div>
            <div className="co-actions">
              <button
                type="button"
                className="co-btn"
                disabled={!model.ok.length}
                onClick={() => downloadWorkbook(model, choice, collection.name, collection.year)}
              >
                导出 Excel（合计与列表）
              </button>
              <button
                type="button"
                className="co-btn"
                disabled={!model.ok.length}
                onClick={() => downloadCsv(model, collection.name)}
              >
                导出 CSV（每份报告一行）
              </button>
            </div>
          </div>
          {opened ? (
            <OpenedReport {...opened} onClose={() => setOpened(null)} />
          ) : tab === 'list' ? (
            <ListView items={model.items} chosen={chosen} onOpen={onOpen} onRemove={onRemove} onTick={onTick} />
          ) : tab === 'refused' ? (
            <RefusedView model={model} onRemove={(id) => void removeEntry(id)} />
          ) : tab === 'missing' ? (
            <MissingView
              expected={collection.expected}
              counted={model.counted}
              year={collection.year}
              lastYear={lastYearList}
              onSave={(list) => void saveExpected(list)}
            />
          ) : (
            <SumView model={model} name={collection.name} year={collection.year} choice={choice} onChoice={setChoice} />
          )}
        </>
      )}
    </main>
  );
}

function RefusedView({
  model,
  onRemove,
}: {
  model: ReturnType<typeof deriveCollection>;
  onRemove: (id: string) => void;
}) {
  if (!model.refused.length) return <p className="co-ok">没有未通过的文件。</p>;
  return (
    <table className="co-table co-refused">
      <thead>
        <tr>
          <th scope="col">文件</th>
          <th scope="col">原因（JSON 路径）</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {model.refused.map((e) => (
          <tr key={e.id} data-entry={e.id}>
            <td>{e.fileName}</td>
            <td>
              <ul>
                {e.problems.slice(0, 5).map((p) => (
                  <li key={`${p.path}:${p.message}`}>{p.message}</li>
                ))}
                {e.problems.length > 5 ? <li>等共 {e.problems.length} 处</li> : null}
              </ul>
            </td>
            <td>
              <button type="button" className="co-link" onClick={() => onRemove(e.id)}>
                移除
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------- intake

/** Files of a dropped folder, read through the entries API (a drop gives no folder listing otherwise). */
async function droppedFiles(e: DragEvent): Promise<InputFile[]> {
  const items = [...e.dataTransfer.items];
  const roots = items.map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x);
  if (!roots.length) return [...e.dataTransfer.files].map((f) => ({ name: f.name, file: f }));
  const out: InputFile[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ name: prefix + entry.name, file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns at most ~100 at a time: call until empty.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const r of roots) await walk(r, '');
  return out;
}

const isWanted = (name: string) => /\.(json|zip)$/i.test(name);

function Intake({
  busy,
  onFiles,
  replace,
  onReplace,
}: {
  busy: boolean;
  onFiles: (files: InputFile[]) => void;
  replace: boolean;
  onReplace: (v: boolean) => void;
}) {
  const [over, setOver] = useState(false);
  const fromInput = (list: FileList | null, folder: boolean) => {
    const files = [...(list ?? [])];
    // In a picked folder only reports and zips matter; picked files are all read (and refused with a reason).
    const picked = folder ? files.filter((f) => isWanted(f.name)) : files;
    onFiles(picked.map((f) => ({ name: folder && f.webkitRelativePath ? f.webkitRelativePath : f.name, file: f })));
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the two buttons inside do the same by keyboard
    <div
      className={over ? 'co-drop co-drop--over' : 'co-drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!busy) void droppedFiles(e).then(onFiles);
      }}
      data-testid="co-drop"
    >
      <p>把各单位报送的 .json 文件、文件夹或 .zip 压缩包拖到这里，或</p>
      <label className="co-btn">
        选择文件…
        <input
          type="file"
          multiple
          accept=".json,.zip,application/json,application/zip"
          disabled={busy}
          className="co-hidden-input"
          onChange={(e) => {
            fromInput(e.currentTarget.files, false);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <label className="co-btn">
        选择文件夹…
        <input
          type="file"
          disabled={busy}
          className="co-hidden-input"
          {...{ webkitdirectory: '' }}
          onChange={(e) => {
            fromInput(e.currentTarget.files, true);
            e.currentTarget.value = '';
          }}
        />
      </label>
      <label className="co-replace">
        <input type="checkbox" checked={replace} onChange={(e) => onReplace(e.target.checked)} />{' '}
        同一机关同一年度重报时，用新文件替换旧文件
      </label>
    </div>
  );
}
