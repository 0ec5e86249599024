import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ApiError } from '../lib/api/client.ts';
import { describeProblem, Problem } from './Problem.tsx';

describe('problems in plain words', () => {
  it('uses the server’s detail, and says what to do for 401, 404 and 429', () => {
    expect(describeProblem(new ApiError({ status: 400, title: 'Bad Request', detail: 'limit must be between 1 and 1000' }))).toEqual({
      title: 'Bad Request',
      detail: 'limit must be between 1 and 1000',
    });
    expect(describeProblem(new ApiError({ status: 404, title: 'Not Found' })).detail).toBe(
      'It does not exist, or it is not in your organisation.',
    );
    expect(describeProblem(new ApiError({ status: 429, title: 'Too Many Requests', retryAfterSeconds: 7 })).detail).toBe(
      'The rate limit or a budget was reached. Try again in 7 s.',
    );
    expect(describeProblem(new TypeError('Failed to fetch')).title).toBe('Cannot reach the server');
  });

  it('offers to sign in on a 401 and never shows raw JSON', () => {
    render(<Problem error={new ApiError({ status: 401, title: 'Unauthorized', problem: { status: 401 } })} what="Runs" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Runs: You are signed out Sign in to see this page. Sign in');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/oauth2/authorization/keycloak');
  });

  it('links a 429 (a rate limit or a budget’s hard cap) to the usage page, where budgets are raised', () => {
    render(<Problem error={new ApiError({ status: 429, title: 'Too Many Requests', detail: 'budget reached' })} />);
    expect(screen.getByRole('link', { name: 'See usage and budgets' }).getAttribute('href')).toBe('/usage');
  });
});
