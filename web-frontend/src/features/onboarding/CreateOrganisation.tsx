import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Problem } from '../../components/Problem.tsx';
import { api, csrfToken, data } from '../../lib/api/typed.ts';
import { isApiError } from '../../lib/api/client.ts';
import { chooseOrganisation } from '../../lib/api/organisation.ts';
import { signOut } from '../../lib/signIn.ts';
import { slugError, slugFrom } from './slug.ts';
import './onboarding.css';

/**
 * Creating an organisation: what a new account sees first (`first`: it belongs to none yet), and what "Create an
 * organisation" in the user menu opens. The creator becomes its owner; Runledger mirrors it into Keycloak so that
 * SSO and invitations work. Then the getting-started page (/welcome) takes over.
 */
export function CreateOrganisation({ first = false }: { first?: boolean }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [touched, setTouched] = useState(false);
  const create = useMutation({
    mutationFn: async (body: { name: string; slug: string }) => data(await api.POST('/api/v1/signup', { body })),
    onSuccess: (created) => {
      chooseOrganisation(created.slug);
      // A full load: every cached answer so far belonged to no organisation, or to another one.
      window.location.assign('/welcome');
    },
  });
  const effectiveSlug = slugEdited ? slug : slugFrom(name);
  const nameProblem = touched && name.trim() === '' ? 'Give your organisation a name.' : undefined;
  const slugProblem = touched ? slugError(effectiveSlug) : undefined;
  const detail = isApiError(create.error) ? (create.error.detail ?? '') : '';
  const serverOnSlug = create.isError && /slug|already|taken|exists/i.test(detail);
  return (
    <section className="page onboarding narrow" aria-labelledby="create-org-title">
      <h1 id="create-org-title">{first ? 'Welcome to Runledger' : 'Create an organisation'}</h1>
      <p className="lead">
        {first
          ? 'Your account is ready. Create your organisation: your projects, runs and reports live in it, and you invite your team to it.'
          : 'A new organisation with its own projects, members, budgets and bill. You become its owner.'}
      </p>
      <form
        className="onboarding-form"
        aria-label="New organisation"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (name.trim() === '' || slugError(effectiveSlug)) return;
          create.mutate({ name: name.trim(), slug: effectiveSlug });
        }}
      >
        <label htmlFor="org-name">Organisation name</label>
        <input
          id="org-name"
          value={name}
          autoFocus
          placeholder="e.g. Acme Research"
          aria-invalid={Boolean(nameProblem)}
          aria-describedby={nameProblem ? 'org-name-error' : undefined}
          onChange={(event) => {
            setName(event.target.value);
            create.reset();
          }}
        />
        {nameProblem ? <p className="field-error" id="org-name-error" role="alert">{nameProblem}</p> : null}
        <label htmlFor="org-slug">Short name (in links and the API)</label>
        <input
          id="org-slug"
          className="mono"
          value={effectiveSlug}
          aria-invalid={Boolean(slugProblem) || serverOnSlug}
          aria-describedby="org-slug-hint"
          onChange={(event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
            create.reset();
          }}
        />
        <p className="hint" id="org-slug-hint">
          Lowercase letters, digits and hyphens; people in several organisations pick it in the switcher.
        </p>
        {slugProblem ? <p className="field-error" role="alert">{slugProblem}</p> : null}
        {serverOnSlug ? <p className="field-error" role="alert">{detail}</p> : null}
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create organisation'}
        </button>
        {create.isError && !serverOnSlug ? <Problem error={create.error} what="Creating the organisation" /> : null}
      </form>
      {first ? (
        <aside className="onboarding-note">
          <h2>Were you invited?</h2>
          <p>
            An invitation is matched to the e-mail address you signed in with. If a colleague invited another address,
            ask them to invite this one, then sign in again.{' '}
            <button type="button" className="link-button" onClick={() => signOut(csrfToken())}>
              Sign out
            </button>
          </p>
        </aside>
      ) : null}
    </section>
  );
}
