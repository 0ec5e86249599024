import { useMutation, useQuery } from '@tanstack/react-query';
import { api, data } from '../../lib/api/typed.ts';
import type { components } from '../../lib/api/generated/runledger.ts';

export type PlanView = components['schemas']['PlanView'];
export type Plan = components['schemas']['Plan'];
export type MeterPrice = components['schemas']['MeterPrice'];
export type Invoice = components['schemas']['InvoiceView'];
export type InvoiceLine = components['schemas']['LineView'];
export type LineUsage = components['schemas']['LineUsageView'];

export function usePlan() {
  return useQuery({
    queryKey: ['billing', 'plan'],
    queryFn: async ({ signal }) => data(await api.GET('/api/v1/billing/plan', { signal })),
  });
}

/** The running draft: recomputed by the server on every read, so it is asked again whenever the page is. */
export function useDraft() {
  return useQuery({
    queryKey: ['billing', 'draft'],
    queryFn: async ({ signal }) => data(await api.GET('/api/v1/billing/draft', { signal })),
  });
}

/** Finalized invoices, newest first: the first 24 (two years) is the list people read. */
export function useInvoices() {
  return useQuery({
    queryKey: ['billing', 'invoices'],
    queryFn: async ({ signal }) =>
      data(await api.GET('/api/v1/billing/invoices', { params: { query: { limit: 24 } }, signal })),
  });
}

export function useInvoice(invoiceId: string) {
  return useQuery({
    queryKey: ['billing', 'invoice', invoiceId],
    queryFn: async ({ signal }) =>
      data(await api.GET('/api/v1/billing/invoices/{invoiceId}', { params: { path: { invoiceId } }, signal })),
  });
}

/** The hourly roll-ups behind one line: of the running draft (no invoice id) or of a finalized invoice. */
export function useLineUsage(invoiceId: string | undefined, line: number | undefined) {
  return useQuery({
    queryKey: ['billing', 'line', invoiceId ?? 'draft', line],
    enabled: line !== undefined,
    queryFn: async ({ signal }) => {
      const lineNumber = String(line);
      return invoiceId
        ? data(
            await api.GET('/api/v1/billing/invoices/{invoiceId}/lines/{lineNumber}/usage', {
              params: { path: { invoiceId, lineNumber } },
              signal,
            }),
          )
        : data(await api.GET('/api/v1/billing/draft/lines/{lineNumber}/usage', { params: { path: { lineNumber } }, signal }));
    },
  });
}

/** The invoice's HTML document, saved as a file (fetched through the client, so the organisation header goes along). */
export function useDownloadInvoice() {
  return useMutation({
    mutationFn: async (invoice: Invoice) => {
      const answer = await api.GET('/api/v1/billing/invoices/{invoiceId}/download', {
        params: { path: { invoiceId: invoice.id! } },
        parseAs: 'text',
      });
      const blob = new Blob([answer.data as unknown as string], { type: 'text/html;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `runledger-invoice-${invoice.period?.month ?? invoice.id}.html`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
}

/** A short-lived link to the payment provider's portal; the browser goes there. */
export function useOpenPortal() {
  return useMutation({
    mutationFn: async () => data(await api.POST('/api/v1/billing/portal', {})),
    onSuccess: (answer) => {
      if (answer.url) window.location.assign(answer.url);
    },
  });
}
