import { useId, useState, type ReactNode } from 'react';
import { describeProblem } from '../../components/Problem.tsx';
import { isApiError } from '../../lib/api/client.ts';
import { METER_INFO, METERS } from '../../lib/meters.ts';
import { useSaveBudget } from './api.ts';
import {
  bodyOf,
  EMPTY_FORM,
  fieldOfProblem,
  formOf,
  limitUnit,
  validate,
  type Budget,
  type BudgetForm,
  type Field,
  type FieldErrors,
  type Limits,
} from './budgetForm.ts';

/** What a hard cap does, in plain words, per kind of budget (metering/README.md "Hard caps"; BudgetGuard). */
export function hardCapMeaning(limits: Limits): string {
  const refused =
    limits === 'DATA_POINTS'
      ? 'new metric data'
      : limits === 'TRACKED_HOURS'
        ? 'new metric data, heartbeats and new or reopened runs'
        : limits === 'STORAGE_BYTES'
          ? 'new artifact uploads'
          : 'every new write';
  return (
    `When reached, ${refused} in this budget's scope is refused with 429 until the month ends (UTC) or you raise the ` +
    'limit. The write that crosses the limit is still accepted; reading runs, reports and artifacts is never blocked.'
  );
}

/**
 * Create or edit a budget. Checked here first (the server's rules, `validate`); what the server still refuses shows
 * its problem `detail` next to the field it names. A new webhook's signing secret is shown once, after saving.
 */
export function BudgetEditor({
  budget,
  projects,
  currency,
  onDone,
  onCancel,
}: {
  budget: Budget | undefined;
  projects: { id: string; name: string }[];
  currency: string;
  onDone: (message: string | undefined) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<BudgetForm>(() => (budget ? formOf(budget) : EMPTY_FORM));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const save = useSaveBudget();
  const id = useId();

  const set = <K extends keyof BudgetForm>(key: K, value: BudgetForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const found = validate(form);
    setErrors(found);
    setFormError(undefined);
    if (Object.values(found).some(Boolean)) return;
    save.mutate(
      { id: budget?.id, body: bodyOf(form, currency) },
      {
        onSuccess: (answer) => {
          const message = budget ? `Saved budget “${form.name.trim()}”.` : `Created budget “${form.name.trim()}”.`;
          if (answer.webhookSecret) setSecret(answer.webhookSecret);
          else onDone(message);
        },
        onError: (error) => {
          const detail = isApiError(error) ? error.detail : undefined;
          const field = isApiError(error) && error.status === 400 ? fieldOfProblem(detail) : undefined;
          if (field) setErrors({ [field]: detail });
          else {
            const { title, detail: words } = describeProblem(error);
            setFormError(`${title}: ${words}`);
          }
        },
      },
    );
  };

  if (secret) {
    return (
      <section className="budget-editor" aria-label="Webhook signing secret">
        <h3>Budget saved. Copy the webhook's signing secret now</h3>
        <p>
          Each alert is POSTed to your webhook with a <span className="mono">Runledger-Signature: t=…,v1=…</span> header, an
          HMAC-SHA256 of the timestamp and the body with this secret. It is shown this once.
        </p>
        <pre className="mono secret" tabIndex={0}>{secret}</pre>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(secret)}>
            Copy
          </button>
          <button type="button" className="button primary" onClick={() => onDone(`Saved budget “${form.name.trim()}”.`)}>
            Done
          </button>
        </div>
      </section>
    );
  }

  const field = (name: Field, label: string, control: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode, hint?: ReactNode) => {
    const controlId = `${id}-${name}`;
    const error = errors[name];
    const described = [error ? `${controlId}-error` : '', hint ? `${controlId}-hint` : ''].filter(Boolean).join(' ');
    return (
      <div className={`form-field${error ? ' invalid' : ''}`}>
        <label htmlFor={controlId}>{label}</label>
        {control({ id: controlId, 'aria-invalid': Boolean(error), ...(described ? { 'aria-describedby': described } : {}) })}
        {error ? (
          <div className="field-error" id={`${controlId}-error`} role="alert">
            {error}
          </div>
        ) : null}
        {hint ? (
          <div className="field-hint muted" id={`${controlId}-hint`}>
            {hint}
          </div>
        ) : null}
      </div>
    );
  };

  return (
    <form className="budget-editor" aria-label={budget ? `Edit budget ${budget.name}` : 'New budget'} onSubmit={submit} noValidate>
      <h3>{budget ? `Edit “${budget.name}”` : 'New budget'}</h3>
      <div className="form-grid">
        {field('name', 'Name', (p) => (
          <input {...p} className="input" value={form.name} maxLength={200} onChange={(e) => set('name', e.target.value)} autoFocus />
        ))}
        {field('project', 'Scope', (p) => (
          <select {...p} className="select" value={form.project} onChange={(e) => set('project', e.target.value)}>
            <option value="">Whole organisation</option>
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                Project {project.name}
              </option>
            ))}
          </select>
        ))}
        {field('limits', 'Limits', (p) => (
          <select {...p} className="select" value={form.limits} onChange={(e) => set('limits', e.target.value as Limits)}>
            {METERS.map((meter) => (
              <option key={meter} value={meter}>
                {METER_INFO[meter].label} ({METER_INFO[meter].unit})
              </option>
            ))}
            <option value="MONEY">Money: all usage at your plan's prices ({currency})</option>
          </select>
        ), form.limits === 'MONEY' ? 'Usage of every meter, priced with your plan.' : METER_INFO[form.limits].explains)}
        {field('limit', `Monthly limit (${limitUnit(form.limits, currency)})`, (p) => (
          <input {...p} className="input num" inputMode="decimal" value={form.limit} onChange={(e) => set('limit', e.target.value)} />
        ))}
        {field(
          'thresholds',
          'Alert at (% of the limit)',
          (p) => <input {...p} className="input" value={form.thresholds} onChange={(e) => set('thresholds', e.target.value)} />,
          'Each alerts once a month: email to owners and admins, an in-app notice, and the webhook below.',
        )}
        {field(
          'webhookUrl',
          'Webhook (optional)',
          (p) => (
            <input
              {...p}
              className="input mono"
              type="url"
              placeholder="https://hooks.example.com/runledger"
              value={form.webhookUrl}
              onChange={(e) => set('webhookUrl', e.target.value)}
            />
          ),
          'https only; each alert is a signed POST, retried for up to a day.',
        )}
      </div>
      <div className="form-field hard-cap">
        <label className="checkbox">
          <input type="checkbox" checked={form.hardCap} onChange={(e) => set('hardCap', e.target.checked)} /> Hard cap
        </label>
        <div className="field-hint muted">{form.hardCap ? hardCapMeaning(form.limits) : 'Off: reaching the limit alerts, and data keeps flowing.'}</div>
      </div>
      {formError ? (
        <div className="problem" role="alert">
          {formError}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : budget ? 'Save' : 'Create budget'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
