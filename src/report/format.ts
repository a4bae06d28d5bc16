// The report format (国办公开办函〔2021〕30号), declared once as data.
// Schema, empty report, derived totals, rules, wizard tables, print layout and
// the published-text parser are all generated from these declarations.
// Labels are verbatim from SPEC.md: do not "tidy" the punctuation.

/** A cell's JSON path, e.g. `requests.withheld.stateSecret.natural`. */
export type CellPath = string;

/** `count`: whole number ≥ 0. `fen`: 万元 held as an integer number of fen (1 万元 = 1 000 000 fen). */
export type CellUnit = 'count' | 'fen';

export interface ColumnDecl {
  readonly key: string;
  readonly label: string;
  readonly unit: CellUnit;
  /** Computed from the row's other columns (D1, D3). */
  readonly derived?: boolean;
  /** Header group this column sits under (table 三: 法人或其他组织). */
  readonly group?: string;
}

export interface RowDecl {
  /** Key path below the table, e.g. ['withheld', 'stateSecret']. */
  readonly keys: readonly string[];
  readonly label: string;
  /** Group labels from outermost to innermost, e.g. ['三、本年度办理结果', '（三）不予公开']. */
  readonly groups: readonly string[];
  /** Computed from other rows (D2). */
  readonly derived?: boolean;
}

export type TableKey = 'proactive' | 'requests' | 'reviews';

export interface ProactiveBlock {
  /** 第二十条第（一）项 … */
  readonly header: string;
  readonly columns: readonly ColumnDecl[];
  readonly rows: readonly RowDecl[];
}

// ---------------------------------------------------------------- 表二

export const PROACTIVE_BLOCK_FIRST_HEADER = '信息内容';

const countCols = (...pairs: [string, string][]): ColumnDecl[] =>
  pairs.map(([key, label]) => ({ key, label, unit: 'count' as const }));

const docColumns = countCols(['issued', '本年制发件数'], ['repealed', '本年废止件数'], ['inForce', '现行有效件数']);
const decisionColumns = countCols(['decisions', '本年处理决定数量']);

const row = (keys: string[], label: string, groups: string[] = [], derived = false): RowDecl =>
  derived ? { keys, label, groups, derived } : { keys, label, groups };

export const PROACTIVE_BLOCKS: readonly ProactiveBlock[] = [
  {
    header: '第二十条第（一）项',
    columns: docColumns,
    rows: [row(['rules'], '规章'), row(['normativeDocuments'], '行政规范性文件')],
  },
  { header: '第二十条第（五）项', columns: decisionColumns, rows: [row(['licensing'], '行政许可')] },
  {
    header: '第二十条第（六）项',
    columns: decisionColumns,
    rows: [row(['punishment'], '行政处罚'), row(['enforcement'], '行政强制')],
  },
  {
    header: '第二十条第（八）项',
    columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', unit: 'fen' }],
    rows: [row(['fees'], '行政事业性收费')],
  },
];

// ---------------------------------------------------------------- 表三

export const REQUESTS_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const REQUESTS_APPLICANTS = '申请人情况';
export const REQUESTS_ORGANISATIONS = '法人或其他组织';

export const REQUESTS_COLUMNS: readonly ColumnDecl[] = [
  { key: 'natural', label: '自然人', unit: 'count' },
  { key: 'commercial', label: '商业企业', unit: 'count', group: REQUESTS_ORGANISATIONS },
  { key: 'research', label: '科研机构', unit: 'count', group: REQUESTS_ORGANISATIONS },
  { key: 'nonprofit', label: '社会公益组织', unit: 'count', group: REQUESTS_ORGANISATIONS },
  { key: 'legal', label: '法律服务机构', unit: 'count', group: REQUESTS_ORGANISATIONS },
  { key: 'other', label: '其他', unit: 'count', group: REQUESTS_ORGANISATIONS },
  { key: 'total', label: '总计', unit: 'count', derived: true },
];

const RESULTS = '三、本年度办理结果';
const WITHHELD = '（三）不予公开';
const UNAVAILABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER_HANDLING = '（六）其他处理';

/** Sub-groups of 三、本年度办理结果 whose items add up into （七）总计 (D2). */
export const REQUESTS_SUBGROUPS = [
  { key: 'withheld', label: WITHHELD },
  { key: 'unavailable', label: UNAVAILABLE },
  { key: 'notProcessed', label: NOT_PROCESSED },
  { key: 'otherHandling', label: OTHER_HANDLING },
] as const;

export const REQUESTS_ROWS: readonly RowDecl[] = [
  row(['newReceived'], '一、本年新收政府信息公开申请数量'),
  row(['carriedOver'], '二、上年结转政府信息公开申请数量'),
  row(['disclosed'], '（一）予以公开', [RESULTS]),
  row(['partiallyDisclosed'], '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [RESULTS]),
  row(['withheld', 'stateSecret'], '1.属于国家秘密', [RESULTS, WITHHELD]),
  row(['withheld', 'prohibitedByLaw'], '2.其他法律行政法规禁止公开', [RESULTS, WITHHELD]),
  row(['withheld', 'endangersSafety'], '3.危及“三安全一稳定”', [RESULTS, WITHHELD]),
  row(['withheld', 'thirdPartyRights'], '4.保护第三方合法权益', [RESULTS, WITHHELD]),
  row(['withheld', 'internalAffairs'], '5.属于三类内部事务信息', [RESULTS, WITHHELD]),
  row(['withheld', 'processInformation'], '6.属于四类过程性信息', [RESULTS, WITHHELD]),
  row(['withheld', 'enforcementCaseFiles'], '7.属于行政执法案卷', [RESULTS, WITHHELD]),
  row(['withheld', 'administrativeQuery'], '8.属于行政查询事项', [RESULTS, WITHHELD]),
  row(['unavailable', 'notHeld'], '1.本机关不掌握相关政府信息', [RESULTS, UNAVAILABLE]),
  row(['unavailable', 'needsCreation'], '2.没有现成信息需要另行制作', [RESULTS, UNAVAILABLE]),
  row(['unavailable', 'stillUnclear'], '3.补正后申请内容仍不明确', [RESULTS, UNAVAILABLE]),
  row(['notProcessed', 'complaint'], '1.信访举报投诉类申请', [RESULTS, NOT_PROCESSED]),
  row(['notProcessed', 'repeated'], '2.重复申请', [RESULTS, NOT_PROCESSED]),
  row(['notProcessed', 'publication'], '3.要求提供公开出版物', [RESULTS, NOT_PROCESSED]),
  row(['notProcessed', 'excessive'], '4.无正当理由大量反复申请', [RESULTS, NOT_PROCESSED]),
  row(['notProcessed', 'confirmation'], '5.要求行政机关确认或重新出具已获取信息', [RESULTS, NOT_PROCESSED]),
  row(['otherHandling', 'overdueCorrection'], '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [
    RESULTS,
    OTHER_HANDLING,
  ]),
  row(['otherHandling', 'overdueFee'], '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', [
    RESULTS,
    OTHER_HANDLING,
  ]),
  row(['otherHandling', 'other'], '3.其他', [RESULTS, OTHER_HANDLING]),
  row(['handledTotal'], '（七）总计', [RESULTS], true),
  row(['carriedForward'], '四、结转下年度继续办理'),
];

// ---------------------------------------------------------------- 表四

export const REVIEWS_RECONSIDERATION = '行政复议';
export const REVIEWS_LITIGATION = '行政诉讼';

export const REVIEWS_COLUMNS: readonly ColumnDecl[] = [
  { key: 'upheld', label: '结果维持', unit: 'count' },
  { key: 'corrected', label: '结果纠正', unit: 'count' },
  { key: 'other', label: '其他结果', unit: 'count' },
  { key: 'pending', label: '尚未审结', unit: 'count' },
  { key: 'total', label: '总计', unit: 'count', derived: true },
];

/** Table 四 is one printed row; each "row" here is a column group of it. */
export const REVIEWS_GROUPS: readonly RowDecl[] = [
  row(['reconsideration'], '行政复议'),
  row(['litigationDirect'], '未经复议直接起诉', [REVIEWS_LITIGATION]),
  row(['litigationAfterReconsideration'], '复议后起诉', [REVIEWS_LITIGATION]),
];

// ---------------------------------------------------------------- sections

export type SectionKey = 'overview' | 'proactive' | 'requests' | 'reviews' | 'problems' | 'otherMatters';

export interface SectionDecl {
  readonly key: SectionKey;
  readonly numeral: string;
  readonly heading: string;
  readonly kind: 'subsections' | 'table' | 'text';
}

export const SECTIONS: readonly SectionDecl[] = [
  { key: 'overview', numeral: '一', heading: '总体情况', kind: 'subsections' },
  { key: 'proactive', numeral: '二', heading: '主动公开政府信息情况', kind: 'table' },
  { key: 'requests', numeral: '三', heading: '收到和处理政府信息公开申请情况', kind: 'table' },
  { key: 'reviews', numeral: '四', heading: '政府信息公开行政复议、行政诉讼情况', kind: 'table' },
  { key: 'problems', numeral: '五', heading: '存在的主要问题及改进情况', kind: 'text' },
  { key: 'otherMatters', numeral: '六', heading: '其他需要报告的事项', kind: 'text' },
];

export const sectionTitle = (s: SectionDecl): string => `${s.numeral}、${s.heading}`;

export function section(key: SectionKey): SectionDecl {
  const s = SECTIONS.find((x) => x.key === key);
  if (!s) throw new Error(`unknown section ${key}`);
  return s;
}

/** Section 一's usual sub-sections, offered as editable defaults. */
export const OVERVIEW_DEFAULT_HEADINGS = ['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障'] as const;

/** Words by which a clerk's own heading covers a usual sub-section (「政府信息公开平台建设情况」 is 平台建设). */
const OVERVIEW_USUAL_WORDS: Record<(typeof OVERVIEW_DEFAULT_HEADINGS)[number], readonly string[]> = {
  主动公开: ['主动公开'],
  依申请公开: ['依申请'],
  政府信息管理: ['管理'],
  平台建设: ['平台'],
  监督保障: ['监督', '保障'],
};

/** The usual sub-sections no heading covers yet, to offer back. */
export function missingUsualParts(headings: readonly string[]): (typeof OVERVIEW_DEFAULT_HEADINGS)[number][] {
  return OVERVIEW_DEFAULT_HEADINGS.filter(
    (h) => !headings.some((t) => OVERVIEW_USUAL_WORDS[h].some((w) => t.includes(w))),
  );
}

/** Section 六's usual items, offered as a starting text. */
export const OTHER_MATTERS_DEFAULT_ITEMS = [
  '收取信息处理费情况',
  '落实上级年度政务公开工作要点情况',
  '人大代表建议和政协提案办理结果公开情况',
  '年度政务公开工作创新情况',
] as const;

export const REPORT_TITLE_SUFFIX = '年政府信息公开工作年度报告';
export function reportTitle(agency: string, year: number | null): string {
  return `${agency.trim()}${year ?? '____'}${REPORT_TITLE_SUFFIX}`;
}

export const FORMAT_ID = 'gov-info-disclosure-annual-report';
export const FORMAT_VERSION = 1;
