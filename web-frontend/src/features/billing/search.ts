/** `/billing` and `/billing/invoices/{id}`: the line whose usage is open (`line=N`). */
export type BillingSearch = { line?: number };

export function validateBillingSearch(raw: Record<string, unknown>): BillingSearch {
  const line = Number(raw['line']);
  return raw['line'] !== undefined && Number.isInteger(line) && line > 0 && line < 1000 ? { line } : {};
}
