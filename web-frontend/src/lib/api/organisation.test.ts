import { afterEach, describe, expect, it } from 'vitest';
import { chooseOrganisation, chosenOrganisation, ORGANISATION_HEADER, withOrganisation } from './organisation.ts';

describe('the chosen organisation', () => {
  afterEach(() => chooseOrganisation(undefined));

  it('is sent with every request once chosen, and not before', () => {
    expect(withOrganisation(new Headers()).has(ORGANISATION_HEADER)).toBe(false);
    chooseOrganisation('globex');
    expect(chosenOrganisation()).toBe('globex');
    expect(withOrganisation(new Headers()).get(ORGANISATION_HEADER)).toBe('globex');
  });

  it('never overrides a header the caller set itself, and is forgotten when cleared', () => {
    chooseOrganisation('globex');
    expect(withOrganisation(new Headers({ [ORGANISATION_HEADER]: 'acme' })).get(ORGANISATION_HEADER)).toBe('acme');
    chooseOrganisation(undefined);
    expect(chosenOrganisation()).toBeUndefined();
  });
});
