import { useState } from 'react';
import { RelativeTime } from '../../components/Time.tsx';
import { isApiError } from '../../lib/api/client.ts';
import { useAddProvider, useIdentityProviders, type AddProvider } from './api.ts';
import { Field, ListState, RoleBadge, RoleField, problemText, TableHead } from './parts.tsx';
import type { Role } from './roles.ts';
import { aliasError, domainsError, fieldOfDetail, parseDomains, urlError } from './validation.ts';

/**
 * `/admin/identity-providers`: corporate single sign-on. People whose email is in a provider's domains are sent to it
 * by the sign-in page and join with its default role (viewer unless chosen otherwise).
 */
export function IdentityProvidersPage() {
  const providers = useIdentityProviders();
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="idp-title">
      <h2 id="idp-title" className="admin-section-title">Identity providers</h2>
      <p className="muted">
        Link your company’s OIDC or SAML provider for its email domains. People of those domains sign in through it and
        join with the provider’s default role. To try one, sign out and sign in with an address of one of its domains:
        the sign-in page sends you to it.
      </p>
      {!providers.isError ? (
        adding ? (
          <ProviderForm onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            Add identity provider
          </button>
        )
      ) : null}
      <ListState query={providers} what="the identity providers" rows={2}>
        {() =>
          providers.data!.length === 0 ? (
            <div className="empty-state admin-gap">
              <h2>No identity providers linked</h2>
              <p>
                Everyone signs in with a Runledger login for now. Add your provider to let people of your email domains
                use their company login (and be let in with a role you choose).
              </p>
            </div>
          ) : (
            <table className="admin-table admin-gap" aria-label="Identity providers">
              <TableHead columns={['Alias', 'Kind', 'Email domains', 'New people join as', 'Linked']} />
              <tbody>
                {providers.data!.map((p) => (
                  <tr key={p.alias}>
                    <td className="mono" title={`Keycloak alias ${p.keycloakAlias}`}>{p.alias}</td>
                    <td>{p.kind}</td>
                    <td>{(p.domains ?? []).map((d) => <span key={d} className="chip mono">{d}</span>)}</td>
                    <td><RoleBadge role={p.defaultRole} /></td>
                    <td><RelativeTime iso={p.createdAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </ListState>
    </section>
  );
}

const FIELDS = ['alias', 'domains', 'defaultRole', 'issuer', 'authorizationUrl', 'tokenUrl', 'jwksUrl', 'clientId', 'clientSecret', 'singleSignOnServiceUrl', 'idpEntityId', 'signingCertificate'] as const;
type FieldName = (typeof FIELDS)[number];

/** The client's complaints about a provider form, by field (an empty object when it may be sent). */
export function providerErrors(kind: 'OIDC' | 'SAML', values: Partial<Record<FieldName, string>>): Partial<Record<FieldName, string>> {
  const v = (name: FieldName) => values[name] ?? '';
  const errors: Partial<Record<FieldName, string | undefined>> = {
    alias: aliasError(v('alias')),
    domains: domainsError(v('domains')),
  };
  if (kind === 'OIDC') {
    errors.issuer = urlError(v('issuer'), false);
    errors.authorizationUrl = urlError(v('authorizationUrl'), true);
    errors.tokenUrl = urlError(v('tokenUrl'), true);
    errors.jwksUrl = urlError(v('jwksUrl'), false);
    errors.clientId = v('clientId').trim() ? undefined : 'Required.';
    errors.clientSecret = v('clientSecret').trim() ? undefined : 'Required.';
  } else {
    errors.singleSignOnServiceUrl = urlError(v('singleSignOnServiceUrl'), true);
    errors.idpEntityId = v('idpEntityId').trim() ? undefined : 'Required.';
  }
  return Object.fromEntries(Object.entries(errors).filter(([, e]) => e !== undefined)) as Partial<Record<FieldName, string>>;
}

function ProviderForm({ onDone }: { onDone: () => void }) {
  const [kind, setKind] = useState<'OIDC' | 'SAML'>('OIDC');
  const [values, setValues] = useState<Partial<Record<FieldName, string>>>({ defaultRole: 'VIEWER' });
  const [submitted, setSubmitted] = useState(false);
  const add = useAddProvider();
  const errors = submitted ? providerErrors(kind, values) : {};
  const detail = isApiError(add.error) ? add.error.detail : undefined;
  const serverField = add.isError ? (fieldOfDetail(detail, FIELDS) as FieldName | undefined) : undefined;
  const serverText = add.isError ? problemText(add.error) : undefined;
  const errorOf = (name: FieldName) => errors[name] ?? (serverField === name ? serverText : undefined);
  const input = (name: FieldName, label: string, props: { placeholder?: string; type?: string; hint?: string } = {}) => (
    <Field label={label} id={`idp-${name}`} error={errorOf(name)} hint={props.hint}>
      <input
        id={`idp-${name}`}
        type={props.type ?? 'text'}
        value={values[name] ?? ''}
        placeholder={props.placeholder}
        aria-invalid={Boolean(errorOf(name))}
        onChange={(event) => {
          setValues((old) => ({ ...old, [name]: event.target.value }));
          add.reset();
        }}
      />
    </Field>
  );
  return (
    <form
      className="admin-form provider-form"
      aria-label="Add an identity provider"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (Object.keys(providerErrors(kind, values)).length > 0) return;
        const text = (name: FieldName) => (values[name]?.trim() ? values[name]!.trim() : undefined);
        const body: AddProvider = { kind, alias: text('alias')!, domains: parseDomains(values.domains ?? ''), defaultRole: values.defaultRole ?? 'VIEWER' };
        const fields: FieldName[] = kind === 'OIDC'
          ? ['issuer', 'authorizationUrl', 'tokenUrl', 'jwksUrl', 'clientId', 'clientSecret']
          : ['singleSignOnServiceUrl', 'idpEntityId', 'signingCertificate'];
        for (const name of fields) {
          const value = text(name);
          if (value) (body as Record<string, unknown>)[name] = value;
        }
        add.mutate(body, { onSuccess: onDone });
      }}
    >
      <fieldset className="kind-choice">
        <legend>Protocol</legend>
        {(['OIDC', 'SAML'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="idp-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {k === 'OIDC' ? 'OpenID Connect' : 'SAML 2.0'}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        {input('alias', 'Alias', { placeholder: 'okta', hint: 'Lowercase letters, digits and dashes' })}
        {input('domains', 'Email domains', { placeholder: 'example.com, example.org', hint: 'Each domain belongs to one organisation only' })}
        <RoleField
          id="idp-defaultRole"
          label="New people join as"
          roles={['VIEWER', 'MEMBER', 'ADMIN']}
          value={(values.defaultRole ?? 'VIEWER') as Role}
          onChange={(defaultRole) => setValues((old) => ({ ...old, defaultRole }))}
          error={errorOf('defaultRole')}
        />
        {kind === 'OIDC' ? (
          <>
            {input('issuer', 'Issuer', { placeholder: 'https://login.example.com' })}
            {input('authorizationUrl', 'Authorization URL', { placeholder: 'https://login.example.com/authorize' })}
            {input('tokenUrl', 'Token URL', { placeholder: 'https://login.example.com/token' })}
            {input('jwksUrl', 'JWKS URL (signature check)', { placeholder: 'https://login.example.com/keys' })}
            {input('clientId', 'Client ID')}
            {input('clientSecret', 'Client secret', { type: 'password' })}
          </>
        ) : (
          <>
            {input('singleSignOnServiceUrl', 'Single sign-on service URL', { placeholder: 'https://idp.example.com/sso/saml' })}
            {input('idpEntityId', 'IdP entity ID', { placeholder: 'https://idp.example.com/metadata' })}
            <Field label="Signing certificate (PEM, recommended)" id="idp-signingCertificate" error={errorOf('signingCertificate')} hint="Without it, responses are not signature-checked">
              <textarea
                id="idp-signingCertificate"
                rows={3}
                value={values.signingCertificate ?? ''}
                onChange={(event) => setValues((old) => ({ ...old, signingCertificate: event.target.value }))}
              />
            </Field>
          </>
        )}
      </div>
      {kind === 'SAML' ? (
        <p className="muted small">The API takes the provider’s SSO URL, entity ID and certificate (not a metadata URL): copy them from its metadata.</p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={add.isPending}>
          Link provider
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {add.isError && !serverField ? <p className="field-error" role="alert">{serverText}</p> : null}
    </form>
  );
}
