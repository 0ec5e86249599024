import { isMeter, type Meter } from '../../lib/meters.ts';
import { parseMonth } from './period.ts';

/** `/usage`: the month shown (`period=YYYY-MM`, the current one when absent) and the meter the project views show. */
export type UsageSearch = { period?: string; meter?: Meter };

export function validateUsageSearch(raw: Record<string, unknown>): UsageSearch {
  const search: UsageSearch = {};
  const period = parseMonth(raw['period']);
  if (period) search.period = period;
  if (isMeter(raw['meter'])) search.meter = raw['meter'];
  return search;
}

/** `/budgets`: the budget open in the editor (`edit=<id>`, or `edit=new`). */
export type BudgetsSearch = { edit?: string };

export function validateBudgetsSearch(raw: Record<string, unknown>): BudgetsSearch {
  const edit = raw['edit'];
  return typeof edit === 'string' && (edit === 'new' || /^[0-9a-f-]{36}$/i.test(edit)) ? { edit } : {};
}
