// The wizard's steps in order, how a step is named in the URL hash (#step=requests),
// and which step a finding sends the clerk to.
import { type Finding, type SectionKey, section, sectionTitle } from '../report';

export type StepKey = 'basics' | SectionKey | 'check' | 'export';

export interface StepDecl {
  readonly key: StepKey;
  /** Short label for the step bar. */
  readonly label: string;
  /** Heading of the step's page (the template's own words for sections). */
  readonly title: string;
}

const sectionStep = (key: SectionKey, label: string): StepDecl => ({ key, label, title: sectionTitle(section(key)) });

export const STEPS: readonly StepDecl[] = [
  { key: 'basics', label: '基本信息', title: '基本信息' },
  sectionStep('overview', '一 总体情况'),
  sectionStep('proactive', '二 主动公开'),
  sectionStep('requests', '三 依申请公开'),
  sectionStep('reviews', '四 复议诉讼'),
  sectionStep('problems', '五 问题及改进'),
  sectionStep('otherMatters', '六 其他事项'),
  { key: 'check', label: '检查', title: '检查' },
  { key: 'export', label: '导出', title: '导出' },
];

export function stepDecl(key: StepKey): StepDecl {
  return STEPS.find((s) => s.key === key) ?? STEPS[0]!;
}

export function stepIndex(key: StepKey): number {
  return STEPS.findIndex((s) => s.key === key);
}

const isStepKey = (s: string | null): s is StepKey => s !== null && STEPS.some((x) => x.key === s);

/** The step named in a location hash such as `#step=requests` (other hash parameters are kept apart). */
export function stepFromHash(hash: string): StepKey | null {
  const s = new URLSearchParams(hash.replace(/^#/, '')).get('step');
  return isStepKey(s) ? s : null;
}

/** The hash with `step` set, keeping any other parameter another module put there. */
export function hashWithStep(hash: string, step: StepKey): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.set('step', step);
  return `#${params.toString()}`;
}

/** Where the clerk fixes a finding: its section is a step key. */
export const stepOfFinding = (f: Finding): StepKey => f.section;
