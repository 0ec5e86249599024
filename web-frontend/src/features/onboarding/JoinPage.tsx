import { useEffect } from 'react';
import { Link } from '@tanstack/react-router';
import { Problem } from '../../components/Problem.tsx';
import { Skeleton } from '../../components/Skeleton.tsx';
import { chooseOrganisation } from '../../lib/api/organisation.ts';
import { useMemberships, useSession } from '../../lib/session.ts';
import './onboarding.css';

/**
 * Where an invitation link (/join?org=<slug>) lands a signed-in person: the sign-in accepted their invitation (it
 * is matched to their e-mail address), so they now belong to the organisation and are taken into it. Signed out,
 * the shell shows the sign-in card with the invitation instead.
 */
export function JoinPage({ org }: { org: string | undefined }) {
  const session = useSession();
  const memberships = useMemberships(session.data?.kind === 'signedIn');
  const membership = memberships.data?.find((m) => m.slug === org);
  const current = session.data?.kind === 'signedIn' ? session.data.organisation.slug : undefined;
  useEffect(() => {
    if (!membership?.slug) return;
    if (membership.slug !== current) {
      chooseOrganisation(membership.slug);
      window.location.assign('/');
    }
  }, [membership?.slug, current]);
  if (memberships.isPending) return <div className="page"><Skeleton width={320} height={20} /></div>;
  if (memberships.isError) return <div className="page"><Problem error={memberships.error} /></div>;
  if (membership && membership.slug === current) {
    return (
      <div className="page onboarding narrow">
        <h1>You are in {membership.name}</h1>
        <p className="lead">You joined as {membership.role?.toLowerCase()}.</p>
        <Link className="button primary" to="/">
          Open its projects
        </Link>
      </div>
    );
  }
  if (membership) return <div className="page"><Skeleton width={320} height={20} /></div>;
  return (
    <div className="page onboarding narrow">
      <h1>No invitation found{org ? ` for ${org}` : ''}</h1>
      <p className="lead">
        Invitations are matched to the e-mail address you signed in with. Ask an admin of {org ?? 'the organisation'} to
        invite that address, then open the link again.
      </p>
      <Link className="button" to="/">
        Back to your projects
      </Link>
    </div>
  );
}
