import type { ReactNode } from 'react';
import { Skeleton } from '../../components/Skeleton.tsx';
import { rememberForSignIn } from '../../lib/signIn.ts';
import { SIGN_IN_URL, type LoadFailure } from './api.ts';
import { ReportBlocks, usePanelState } from './Blocks.tsx';
import { formatInstant } from './format.ts';
import type { Load } from './load.ts';
import type { RenderedReport, ReportDocument } from './types.ts';
import './reports.css';

/** The part both report screens share: title, description, blocks, and the meta line the caller gives. */
export function ReportPage({
  report,
  data,
  meta,
  shareToken,
  children,
}: {
  report: ReportDocument;
  data: Load<RenderedReport>;
  meta: ReactNode;
  /** Set on a share-link page: artifact files download through the link. */
  shareToken?: string;
  children?: ReactNode;
}) {
  const panels = usePanelState(data, (failure) => failureText(failure, 'data'));
  return (
    <article className="report">
      <header className="report-header">
        <h2>{report.title}</h2>
        <p className="report-meta">{meta}</p>
        {report.description ? <p className="report-description">{report.description}</p> : null}
      </header>
      <ReportBlocks blocks={report.blocks} panels={panels} shareToken={shareToken} />
      {data.kind === 'loaded' ? (
        <p className="report-meta">Data rendered {formatInstant(data.value.renderedAt)}.</p>
      ) : null}
      {children}
    </article>
  );
}

/** Shaped like a report (title, meta line, two panels), so nothing jumps when it arrives. */
export function LoadingReport() {
  return (
    <div className="report report-loading" aria-busy="true">
      <p role="status" className="visually-hidden">
        Loading report…
      </p>
      <Skeleton width="45%" height={28} />
      <Skeleton width="30%" height={14} className="gap" />
      <Skeleton height={300} className="gap" />
      <Skeleton height={300} className="gap" />
    </div>
  );
}

/** A whole-screen failure: what happened, and what the reader can do about it. */
export function ReportFailure({
  failure,
  shared,
  onRetry,
}: {
  failure: LoadFailure;
  shared: boolean;
  onRetry: () => void;
}) {
  const retry = (
    <button type="button" onClick={onRetry}>
      Try again
    </button>
  );
  switch (failure.kind) {
    case 'notFound':
      return (
        <div role="alert" className="report-state">
          <h2>Report not found</h2>
          <p>
            {shared
              ? 'This link does not exist or was revoked. Ask the person who shared it for a new link.'
              : 'This report does not exist, or it belongs to another organisation.'}
          </p>
        </div>
      );
    case 'rateLimited':
      return (
        <div role="alert" className="report-state">
          <h2>Too many requests</h2>
          <p>{failureText(failure, 'report')}</p>
          {retry}
        </div>
      );
    case 'unauthorized':
      return (
        <div role="alert" className="report-state">
          <h2>Sign in to read this report</h2>
          <p>
            <a href={SIGN_IN_URL} onClick={() => rememberForSignIn(window.location.pathname)}>
              Sign in
            </a>{' '}
            with your organisation's account; you will come back to this report.
          </p>
        </div>
      );
    case 'forbidden':
      return (
        <div role="alert" className="report-state">
          <h2>Not allowed</h2>
          <p>{failure.detail ?? 'Your role does not allow reading this report.'}</p>
        </div>
      );
    case 'network':
    case 'server':
      return (
        <div role="alert" className="report-state">
          <h2>Could not load the report</h2>
          <p>{failureText(failure, 'report')}</p>
          {retry}
        </div>
      );
  }
}

export function failureText(failure: LoadFailure, what: 'report' | 'data'): string {
  switch (failure.kind) {
    case 'notFound':
      return `the ${what} was not found`;
    case 'rateLimited':
      return failure.retryAfterSeconds !== undefined
        ? `This link is being read too often right now (rate limited). Try again in ${failure.retryAfterSeconds} s.`
        : 'This link is being read too often right now (rate limited). Try again in a minute.';
    case 'unauthorized':
      return 'sign in to see it';
    case 'forbidden':
      return failure.detail ?? 'not allowed';
    case 'network':
      return 'Runledger could not be reached. Check your connection and try again.';
    case 'server':
      return `The server answered ${failure.status}: ${failure.message}`;
  }
}
