import type { components } from '../../lib/api/generated/runledger.ts';
import { formatSi } from '../../lib/format.ts';
import { isMeter, METER_INFO, toBaseUnit, toDisplayUnit, type Meter } from '../../lib/meters.ts';

export type Budget = components['schemas']['Budget'];
export type BudgetBody = components['schemas']['BudgetBody'];

/** What a budget limits: one meter's quantity, or the money value of all usage (in the plan's currency). */
export type Limits = Meter | 'MONEY';

/** The form as typed: strings as in the inputs, so a half-typed number is kept as it is. */
export type BudgetForm = {
  name: string;
  /** `''` for the whole organisation, else a project id. */
  project: string;
  limits: Limits;
  /** In the shown unit: points, hours, GB-hours, or money. */
  limit: string;
  /** Percentages, comma-separated: `50, 80, 100`. */
  thresholds: string;
  hardCap: boolean;
  webhookUrl: string;
};

export type Field = 'name' | 'project' | 'limits' | 'limit' | 'thresholds' | 'webhookUrl';
export type FieldErrors = Partial<Record<Field, string>>;

export const EMPTY_FORM: BudgetForm = {
  name: '',
  project: '',
  limits: 'DATA_POINTS',
  limit: '',
  thresholds: '50, 80, 100',
  hardCap: false,
  webhookUrl: '',
};

/** The unit a limit is typed in. */
export function limitUnit(limits: Limits, currency: string): string {
  return limits === 'MONEY' ? currency : METER_INFO[limits].unit;
}

export function formOf(budget: Budget): BudgetForm {
  const meter = isMeter(budget.meter) ? budget.meter : undefined;
  const limit = meter ? toDisplayUnit(meter, budget.limitQuantity) : (budget.limitAmount?.amount ?? 0);
  return {
    name: budget.name ?? '',
    project: budget.project ?? '',
    limits: meter ?? 'MONEY',
    // Up to 9 significant digits: a GB-hour limit read back from byte-seconds keeps no float noise.
    limit: String(Number(limit.toPrecision(9))),
    thresholds: (budget.thresholds ?? []).join(', '),
    hardCap: budget.hardCap ?? false,
    webhookUrl: budget.webhookUrl ?? '',
  };
}

function parseThresholds(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const values = parts.map((p) => Number(p.replace(/%$/, '')));
  return values.every((v) => Number.isInteger(v)) ? values : undefined;
}

/** The same checks the server makes (metering's Budgets and WebhookTargets), so most mistakes never leave the page. */
export function validate(form: BudgetForm): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  // eslint-disable-next-line no-control-regex
  if (name === '' || name.length > 200 || /[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    errors.name = 'Give the budget a name (1 to 200 characters).';
  }
  const limit = Number(form.limit.trim());
  if (form.limit.trim() === '' || !Number.isFinite(limit) || limit <= 0) {
    errors.limit = 'The limit must be a positive number.';
  } else if (form.limits !== 'MONEY' && toBaseUnit(form.limits, limit) >= 1e30) {
    errors.limit = 'The limit must be below 10^30 base units.';
  } else if (form.limits !== 'MONEY' && toBaseUnit(form.limits, limit) <= 0) {
    errors.limit = 'The limit is too small to count.';
  }
  const thresholds = parseThresholds(form.thresholds);
  if (thresholds === undefined) errors.thresholds = 'Thresholds are whole percentages, comma-separated (50, 80, 100).';
  else if (thresholds.length > 10 || thresholds.some((t) => t < 1 || t > 1000)) {
    errors.thresholds = 'Up to 10 thresholds, each between 1 and 1000 %.';
  }
  const url = form.webhookUrl.trim();
  if (url !== '') {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      errors.webhookUrl = 'Not a valid URL.';
    }
    if (parsed) {
      if (parsed.protocol !== 'https:') errors.webhookUrl = 'Webhooks go to https:// URLs only.';
      else if (parsed.username || parsed.password) errors.webhookUrl = 'Leave credentials out of the URL; the webhook is signed.';
      else if (parsed.hash) errors.webhookUrl = 'Leave the #fragment out.';
      else if (url.length > 2000) errors.webhookUrl = 'The URL is too long.';
    }
  }
  return errors;
}

/** The request body: the limit in the meter's base unit (or money in the plan's currency). */
export function bodyOf(form: BudgetForm, currency: string): BudgetBody {
  const limit = Number(form.limit.trim());
  const thresholds = parseThresholds(form.thresholds) ?? [];
  return {
    name: form.name.trim(),
    ...(form.project ? { project: form.project } : {}),
    ...(form.limits === 'MONEY' ? { currency, limit } : { meter: form.limits, limit: toBaseUnit(form.limits, limit) }),
    ...(thresholds.length > 0 ? { thresholds: [...new Set(thresholds)].sort((a, b) => a - b) } : {}),
    hardCap: form.hardCap,
    ...(form.webhookUrl.trim() ? { webhookUrl: form.webhookUrl.trim() } : {}),
  };
}

/**
 * The field a server's problem `detail` is about, so it shows next to that field: the server names it in its words
 * ("name must be…", "the limit must be…", "thresholds are…", "webhookUrl host … does not resolve", "project '…' does
 * not exist"). A detail about none of them shows above the buttons.
 */
export function fieldOfProblem(detail: string | undefined): Field | undefined {
  if (!detail) return undefined;
  const text = detail.toLowerCase();
  if (text.startsWith('webhookurl') || text.includes('webhook')) return 'webhookUrl';
  if (text.startsWith('name ')) return 'name';
  if (text.includes('threshold')) return 'thresholds';
  if (text.includes('currency') || text.includes('meter') || text.includes('money')) return 'limits';
  if (text.includes('limit')) return 'limit';
  if (text.startsWith('project')) return 'project';
  return undefined;
}

/** The budget's use of its limit as UI.md colours it: neutral, amber from the first warning threshold, red at the cap. */
export function levelOf(percent: number, thresholds: readonly number[]): 'ok' | 'warning' | 'reached' {
  if (percent >= 100) return 'reached';
  // The warning threshold is the last one before the cap (80 with the default 50, 80, 100).
  const warning = thresholds.filter((t) => t < 100);
  const from = warning.length > 0 ? Math.max(...warning) : 80;
  return percent >= from ? 'warning' : 'ok';
}

/** A budget's use in percent as the tables show it: `< 0.1`, `4.2`, `87`, and far past the limit `127M`. */
export function formatPercent(percent: number): string {
  if (percent > 0 && percent < 0.1) return '< 0.1';
  if (percent >= 10_000) return formatSi(percent);
  return percent.toFixed(percent < 10 ? 1 : 0);
}
