import { useQuery } from '@tanstack/react-query';
import { Problem } from '../../components/Problem.tsx';
import { api, data } from '../../lib/api/typed.ts';
import { formatNumber } from '../../lib/format.ts';
import { groupField, groupFilter, groupLabel } from './groups.ts';

/**
 * The runs grouped by a param, tag or attribute (`gb`): each value with its run count and, for the metric, the mean
 * and range of its runs' last values. Picking a group narrows the filter to it, so the table below shows its runs.
 */
export function GroupsPanel({
  projectId,
  groupBy,
  filter,
  metric,
  includeDeleted,
  onFilter,
}: {
  projectId: string;
  groupBy: string;
  filter: string | undefined;
  metric: string | undefined;
  /** "Show deleted": the groups count deleted runs too, as the table shows them. */
  includeDeleted: boolean;
  onFilter: (q: string) => void;
}) {
  const field = groupField(groupBy);
  const groups = useQuery({
    queryKey: ['runGroups', projectId, field, filter, metric, includeDeleted],
    enabled: field !== undefined,
    queryFn: async ({ signal }) =>
      data(
        await api.POST('/api/v1/projects/{projectId}/runs/search/groups', {
          params: { path: { projectId } },
          body: { groupBy: field!, ...(filter ? { filter } : {}), ...(metric ? { metric } : {}), ...(includeDeleted ? { includeDeleted } : {}) },
          signal,
        }),
      ),
  });
  if (field === undefined) return null;
  return (
    <section className="run-groups" aria-label={`Runs grouped by ${groupLabel(groupBy)}`}>
      {groups.isError ? <Problem error={groups.error} what="Groups" /> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">{groupLabel(groupBy)}</th>
            <th scope="col" className="num">Runs</th>
            {metric ? (
              <>
                <th scope="col" className="num" title={`Mean of the runs' last ${metric}`}>mean {metric}</th>
                <th scope="col" className="num">min</th>
                <th scope="col" className="num">max</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {groups.isPending ? (
            <tr><td className="muted" colSpan={5}>Loading…</td></tr>
          ) : null}
          {(groups.data?.groups ?? []).map((group) => (
            <tr key={group.value ?? '\u0000none'}>
              <td>
                <button type="button" className="link-button" onClick={() => onFilter(groupFilter(filter, field, group.value))}>
                  {group.value ?? <span className="muted">(none)</span>}
                </button>
              </td>
              <td className="num">{group.runs?.toLocaleString('en')}</td>
              {metric ? (
                <>
                  <td className="num">{formatMaybe(group.metric?.mean)}</td>
                  <td className="num">{formatMaybe(group.metric?.min)}</td>
                  <td className="num">{formatMaybe(group.metric?.max)}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {groups.data?.truncated ? <p className="muted">Showing the 1,000 largest groups.</p> : null}
    </section>
  );
}

function formatMaybe(value: number | undefined | null): string {
  return value === undefined || value === null ? '–' : formatNumber(value);
}
