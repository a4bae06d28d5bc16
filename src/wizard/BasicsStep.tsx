// 基本信息: the agency's name and the report year. zod checks the formats at the field;
// each valid change goes straight into the store (the title above follows it).
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { parseCell } from '../report';
import { agencyProblem } from '../report/limits';
import { FieldFindings } from './FieldFindings';
import { useReportStore } from './storeContext';

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

const BasicsSchema = z.object({
  agency: z
    .string()
    .trim()
    .min(1, { error: '请填写机关名称，如“老店镇人民政府”' })
    // The same rule the JSON reader applies (report/limits.ts): length, controls, direction overrides.
    .superRefine((s, ctx) => {
      const problem = agencyProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  year: z.string().transform((text, ctx) => {
    const parsed = parseCell(text, 'count');
    if (!parsed.ok || parsed.value === null) {
      ctx.addIssue({ code: 'custom', message: '请填写四位数的年份，如 2024' });
      return z.NEVER;
    }
    if (parsed.value < YEAR_MIN || parsed.value > YEAR_MAX) {
      ctx.addIssue({ code: 'custom', message: `年份应在 ${YEAR_MIN} 至 ${YEAR_MAX} 之间` });
      return z.NEVER;
    }
    return parsed.value;
  }),
});

type BasicsInput = z.input<typeof BasicsSchema>;
type BasicsOutput = z.output<typeof BasicsSchema>;

const yearText = (year: number | null): string => (year === null ? '' : String(year));

export function BasicsStep() {
  const store = useReportStore();
  const id = useId();
  const start = store.getReport();
  const {
    register,
    subscribe,
    setValue,
    getValues,
    formState: { errors },
  } = useForm<BasicsInput, unknown, BasicsOutput>({
    resolver: zodResolver(BasicsSchema),
    mode: 'onChange',
    defaultValues: { agency: start.agency, year: yearText(start.year) },
  });

  // Form → store, field by field: the form itself never re-renders on a keystroke
  // except to show or clear its own error message.
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values, name }) => {
          if (name === 'agency') {
            // A refused name is not stored: the report keeps the last acceptable one.
            if (agencyProblem(values.agency) !== null) return;
            store.update(
              (r) => (r.agency === values.agency ? r : { ...r, agency: values.agency }),
              '输入机关名称',
              'edit',
              {
                typing: 'agency',
              },
            );
          } else if (name === 'year') {
            const text = values.year;
            const parsed = text.trim()
              ? BasicsSchema.shape.year.safeParse(text)
              : { success: true as const, data: null };
            // An unreadable year is refused at the field; the stored year stays as it was.
            if (!parsed.success) return;
            store.update((r) => (r.year === parsed.data ? r : { ...r, year: parsed.data }), '输入报告年度', 'edit', {
              typing: 'year',
            });
          }
        },
      }),
    [subscribe, store],
  );

  // Store → form, only for changes made elsewhere (undo, import): compare with the last stored value,
  // so a half-typed or invalid entry is not overwritten by an unrelated change.
  const seen = useRef({ agency: start.agency, year: start.year });
  useEffect(
    () =>
      store.subscribeText(() => {
        const { agency, year } = store.getReport();
        if (agency !== seen.current.agency && agency !== getValues('agency'))
          setValue('agency', agency, { shouldValidate: true });
        if (year !== seen.current.year) {
          const shown = BasicsSchema.shape.year.safeParse(getValues('year'));
          if (!shown.success || shown.data !== year) setValue('year', yearText(year), { shouldValidate: true });
        }
        seen.current = { agency, year };
      }),
    [store, getValues, setValue],
  );

  const yearField = register('year', {
    // Show full-width digits as typed, then tidy to ASCII once the clerk leaves the field.
    onBlur: () => {
      const y = store.getReport().year;
      const shown = BasicsSchema.shape.year.safeParse(getValues('year'));
      if (shown.success && shown.data === y) setValue('year', yearText(y));
    },
  });

  return (
    <form className="basics" noValidate onSubmit={(e) => e.preventDefault()}>
      <div className="form-row">
        <label className="field-label" htmlFor={`${id}-agency`}>
          机关名称
        </label>
        <p className="field-hint" id={`${id}-agency-hint`}>
          填写机关全称，如“老店镇人民政府”；报告标题由机关名称和年度组成。
        </p>
        <input
          id={`${id}-agency`}
          className="text-input wide"
          autoComplete="organization"
          aria-invalid={errors.agency ? true : undefined}
          aria-describedby={`${id}-agency-hint ${id}-agency-error`}
          {...register('agency')}
        />
        {errors.agency ? (
          <p className="field-error" id={`${id}-agency-error`} role="alert">
            {errors.agency.message}
          </p>
        ) : null}
        <FieldFindings path="agency" />
      </div>
      <div className="form-row">
        <label className="field-label" htmlFor={`${id}-year`}>
          报告年度
        </label>
        <p className="field-hint" id={`${id}-year-hint`}>
          报告所述的年度（通常为上一年），如 2024。
        </p>
        <input
          id={`${id}-year`}
          className="text-input year"
          inputMode="numeric"
          autoComplete="off"
          aria-invalid={errors.year ? true : undefined}
          aria-describedby={`${id}-year-hint ${id}-year-error`}
          {...yearField}
        />
        {errors.year ? (
          <p className="field-error" id={`${id}-year-error`} role="alert">
            {errors.year.message}
          </p>
        ) : null}
        <FieldFindings path="year" />
      </div>
    </form>
  );
}
