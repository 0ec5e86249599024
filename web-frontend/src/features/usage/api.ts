import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';
import type { Meter } from '../../lib/meters.ts';
import type { BudgetBody } from './budgetForm.ts';
import { monthRange, type Month } from './period.ts';

export type CurrentUsage = components['schemas']['Summary'];
export type MeterUsage = components['schemas']['MeterUsage'];
export type UsageSeries = components['schemas']['UsageView'];
export type BudgetStatus = components['schemas']['BudgetStatus'];
export type BudgetAlert = components['schemas']['Alert'];

/** This month's usage per meter and per project, with the server's end-of-month forecast. */
export function useCurrentUsage(enabled = true) {
  return useQuery({
    queryKey: ['usage', 'current'],
    enabled,
    queryFn: async ({ signal }) => data(await api.GET('/api/v1/usage/current', { signal })),
  });
}

async function series(month: Month, meter: Meter, project: string | undefined, signal: AbortSignal) {
  const { from, to } = monthRange(month);
  return data(
    await api.GET('/api/v1/usage', {
      params: { query: { meter, from, to, granularity: 'DAY', ...(project ? { project } : {}) } },
      signal,
    }),
  );
}

/** Daily usage of each meter over a month, for the whole organisation. */
export function useMeterSeries(month: Month, meters: readonly Meter[]) {
  return useQueries({
    queries: meters.map((meter) => ({
      queryKey: ['usage', 'series', month, meter, ''],
      queryFn: ({ signal }: { signal: AbortSignal }) => series(month, meter, undefined, signal),
    })),
  });
}

/** Daily usage of one meter over a month, per project. */
export function useProjectSeries(month: Month, meter: Meter, projects: readonly string[]) {
  return useQueries({
    queries: projects.map((project) => ({
      queryKey: ['usage', 'series', month, meter, project],
      queryFn: ({ signal }: { signal: AbortSignal }) => series(month, meter, project, signal),
    })),
  });
}

/** The organisation's budgets with this month's standing (a hundred at most per organisation: the whole list). */
export function useBudgets(enabled = true) {
  return useQuery({
    queryKey: ['budgets'],
    enabled,
    queryFn: ({ signal }) =>
      allPages(async (cursor) =>
        data(await api.GET('/api/v1/budgets', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } }, signal })),
      ),
  });
}

/** Thresholds crossed, newest first: the first page (50) is the history people read. */
export function useBudgetAlerts(enabled = true) {
  return useQuery({
    queryKey: ['budgets', 'alerts'],
    enabled,
    queryFn: async ({ signal }) =>
      data(await api.GET('/api/v1/budgets/alerts', { params: { query: { limit: 50 } }, signal })),
  });
}

/** The plan's currency, for money budgets (USD unless a custom plan says otherwise). */
export function usePlanCurrency(enabled = true) {
  return useQuery({
    queryKey: ['billing', 'plan'],
    enabled,
    queryFn: async ({ signal }) => data(await api.GET('/api/v1/billing/plan', { signal })),
    select: (plan) => plan.current?.currency ?? 'USD',
  });
}

/** Create (no id) or replace a budget; the answer carries a new webhook's signing secret, once. */
export function useSaveBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string | undefined; body: BudgetBody }) =>
      id
        ? data(await api.PUT('/api/v1/budgets/{budgetId}', { params: { path: { budgetId: id } }, body }))
        : data(await api.POST('/api/v1/budgets', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['budgets'] }),
  });
}

export function useDeleteBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE('/api/v1/budgets/{budgetId}', { params: { path: { budgetId: id } } });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['budgets'] }),
  });
}
