import { describe, expect, it } from 'vitest';
import { aliasError, domainsError, emailError, fieldOfDetail, parseDomains, urlError } from './validation.ts';
import { providerErrors } from './IdentityProvidersPage.tsx';

describe('settings form checks', () => {
  it('want a real-looking email address for an invitation', () => {
    expect(emailError('')).toBe('Enter an email address.');
    expect(emailError('ada')).toBe('This is not an email address.');
    expect(emailError('ada@example.com')).toBeUndefined();
  });

  it('read email domains separated by commas or spaces, lowercased, without an @', () => {
    expect(parseDomains('Example.com, @corp.example.org  x.io')).toEqual(['example.com', 'corp.example.org', 'x.io']);
    expect(domainsError('')).toMatch(/at least one/);
    expect(domainsError('example.com, not a domain')).toBe('“not” is not an email domain.');
  });

  it('want aliases and URLs the server accepts', () => {
    expect(aliasError('Okta!')).toBeDefined();
    expect(aliasError('okta-eu')).toBeUndefined();
    expect(urlError('ftp://x', true)).toBe('Use an http(s) URL.');
    expect(urlError('', false)).toBeUndefined();
    expect(urlError('', true)).toBe('Required.');
  });

  it('ask an OIDC provider for endpoints and a client, and a SAML one for its SSO URL and entity id', () => {
    expect(Object.keys(providerErrors('OIDC', { alias: 'okta', domains: 'example.com' })).sort()).toEqual(
      ['authorizationUrl', 'clientId', 'clientSecret', 'tokenUrl'],
    );
    expect(Object.keys(providerErrors('SAML', { alias: 'adfs', domains: 'example.com' })).sort()).toEqual(['idpEntityId', 'singleSignOnServiceUrl']);
  });

  it('find the field a server problem names, so its detail is shown next to it', () => {
    expect(fieldOfDetail('alias must be 1-40 lowercase letters, digits or dashes', ['alias', 'domains'])).toBe('alias');
    expect(fieldOfDetail("'x' is not an email domain", ['alias', 'domains'])).toBe('domains');
    expect(fieldOfDetail('clientId is required', ['clientId', 'alias'])).toBe('clientId');
    expect(fieldOfDetail('something else went wrong', ['alias'])).toBeUndefined();
  });
});
