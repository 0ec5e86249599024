import { useCallback, useMemo, useRef, useState } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ProjectTabs } from '../../components/ProjectTabs.tsx';
import { Problem } from '../../components/Problem.tsx';
import { Toast, type ToastMessage } from '../../components/Toast.tsx';
import { useRunsDrawnTogether } from '../../lib/colors.ts';
import { useProject } from '../../lib/projects.ts';
import { patchSearch } from '../../lib/searchParams.ts';
import { canWriteRuns, useSession } from '../../lib/session.ts';
import { useRunCount, useRunKeys, useRunPages } from './api.ts';
import { defaultColumns, orderBy, parseColumn, requestedFields, type Column } from './columns.ts';
import { ColumnPicker } from './ColumnPicker.tsx';
import { Compare } from './Compare.tsx';
import { EmptyProject } from './EmptyProject.tsx';
import { FilterBox } from './FilterBox.tsx';
import { RunCharts, chartRuns, MAX_CHART_RUNS, type ChartSettings } from './RunCharts.tsx';
import { RunsTable, type ColumnActions, type Selection } from './RunsTable.tsx';
import { BulkActions, type BulkTarget } from './BulkActions.tsx';
import { FilterBuilder } from './FilterBuilder.tsx';
import { moveColumn, moveColumnTo, tableLayout, togglePin } from './layout.ts';
import { SavedViewsMenu } from './SavedViewsMenu.tsx';
import { GroupBy } from './GroupBy.tsx';
import { GroupsPanel } from './GroupsPanel.tsx';
import { selectedCount as countSelected, selectedRows, toggleRows, type SelectionState } from './selection.ts';
import './runs.css';

const route = getRouteApi('/shell/projects/$projectId');

/** `/projects/<id>`: the project's runs, filtered, sorted and with the columns the URL says. */
export function RunsWorkspace() {
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const project = useProject(projectId);
  const keys = useRunKeys(projectId);

  const columnIds = search.cols ?? defaultColumns(keys.data ?? { params: [], metrics: [] });
  const columns = useMemo(
    () => columnIds.map(parseColumn).filter((c): c is Column => c !== undefined),
    [columnIds.join('\u0000')],
  );
  const query = useMemo(
    () => ({
      filter: search.q,
      orderBy: orderBy(search.sort, search.dir),
      fields: requestedFields(columns),
      includeDeleted: search.del ?? false,
    }),
    [search.q, search.sort, search.dir, columns, search.del],
  );
  const layout = useMemo(() => tableLayout(columns, search.pin, search.w), [columns, search.pin, search.w]);
  const columnActions: ColumnActions = {
    resize: (id, width) =>
      navigate({ search: (prev) => patchSearch(prev, { w: { ...prev.w, [id]: width } }), replace: true }),
    moveTo: (id, target) => navigate({ search: (prev) => patchSearch(prev, { cols: moveColumnTo(layout.columns.map((c) => c.id), id, target) }) }),
    move: (id, delta) => navigate({ search: (prev) => patchSearch(prev, { cols: moveColumn(layout.columns.map((c) => c.id), id, delta) }) }),
  };
  // Without columns in the URL, wait for the keys so the first answer already carries the default columns' fields.
  const pages = useRunPages(projectId, query, search.cols !== undefined || !keys.isPending);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.runs ?? []) ?? [], [pages.data]);
  const total = useRunCount(projectId, search.q, search.del ?? false, !pages.isError).data;

  const allMatching = search.all === true;
  const selectionState: SelectionState = { sel: search.sel, all: search.all, allx: search.allx };
  const selected = useMemo(() => new Set(search.sel ?? []), [search.sel]);
  const excluded = useMemo(() => new Set(search.allx ?? []), [search.allx]);
  const anchor = useRef<number | undefined>(undefined);
  const setSelection = (next: SelectionState) =>
    navigate({
      search: (prev) => patchSearch(prev, { sel: next.sel, all: next.all, allx: next.allx }),
      replace: true,
    });
  const setSelected = (ids: Set<string>) => setSelection({ sel: ids.size > 0 ? [...ids] : undefined });
  const toggleRef = useRef<Selection['toggle']>(() => undefined);
  // Rows get one toggle for the page's lifetime (memoised rows then re-render only when their own box changes).
  const toggle = useCallback<Selection['toggle']>((index, range) => toggleRef.current(index, range), []);
  toggleRef.current = (index, range) => {
    // Unticking one run of "all matching" leaves it out ("all matching except these"), never drops the rest.
    const next = toggleRows(selectionState, rows, index, range ? anchor.current : undefined, total);
    anchor.current = index;
    setSelection(next);
  };
  const selection: Selection = {
    selected,
    allMatching,
    excluded,
    toggle,
    toggleAll: () => {
      const all = (allMatching && excluded.size === 0) || (!allMatching && rows.length > 0 && rows.every((r) => selected.has(r.id!)));
      setSelected(all || allMatching ? new Set() : new Set(rows.map((r) => r.id!)));
    },
  };
  const selectAllMatching = () =>
    navigate({ search: (prev) => patchSearch(prev, { sel: undefined, all: true, allx: undefined, view: undefined }), replace: true });
  const selectedCount = countSelected(selectionState, total);
  const bulkTarget: BulkTarget = allMatching
    ? { filter: search.q ?? '', includeDeleted: search.del ?? false, except: search.allx ?? [] }
    : { ids: [...selected] };
  // "Select all N matching" once every loaded run is ticked and the filter finds more than are loaded.
  const offerAllMatching =
    !allMatching && total !== undefined && total > selected.size && rows.length > 0 && rows.every((r) => selected.has(r.id!));
  // What Compare and the charts draw of "all matching": its first loaded runs (at most 100, as for listed ids).
  const drawnSelectionKey = allMatching
    ? selectedRows(selectionState, rows).slice(0, MAX_CHART_RUNS).map((r) => r.id!).join(',')
    : [...selected].join(',');
  const drawnSelection = useMemo(
    () => (drawnSelectionKey === '' ? new Set<string>() : new Set(drawnSelectionKey.split(','))),
    [drawnSelectionKey],
  );

  const [toast, setToast] = useState<ToastMessage | undefined>(undefined);
  const closeToast = useCallback(() => setToast(undefined), []);

  const loadMore = useCallback(() => {
    if (!pages.isFetchingNextPage) void pages.fetchNextPage();
  }, [pages.isFetchingNextPage, pages.fetchNextPage]);

  // Keyed by what the charts show of the runs (ids, names), not by `rows`: a next page appended while scrolling
  // would otherwise rebuild every chart (ui-table-scroll).
  const chartedKey = chartRuns(rows, drawnSelection).map((r) => `${r.id}\u0000${r.name}`).join('\u0001');
  const charted = useMemo(() => chartRuns(rows, drawnSelection), [chartedKey]);
  const chartSettings: ChartSettings = { x: search.cx ?? 'step', smoothing: search.sm ?? 0, log: search.log ?? false };
  const showCharts = search.charts !== 'hide';
  const comparing = search.view === 'compare' && drawnSelection.size > 0;
  const compareIds = allMatching ? [...drawnSelection] : [...selected];
  // The runs drawn together get colours apart from each other, in the charts and in the table's swatches alike.
  useRunsDrawnTogether(comparing ? compareIds : charted.map((r) => r.id!));
  const onChartSettings = (changes: Partial<ChartSettings>) =>
    navigate({
      search: (prev) =>
        patchSearch(prev, {
          ...('x' in changes ? { cx: changes.x === 'step' ? undefined : changes.x } : {}),
          ...('smoothing' in changes ? { sm: changes.smoothing || undefined } : {}),
          ...('log' in changes ? { log: changes.log || undefined } : {}),
        }),
      replace: true,
    });

  const applyFilter = (q: string) =>
    navigate({ search: (prev) => patchSearch(prev, { q: q || undefined, all: undefined, allx: undefined }) });

  const org = session.data?.kind === 'signedIn' ? (session.data.organisation.slug ?? '') : '';
  const projectName = project.data?.name ?? '…';
  const empty = !pages.isPending && !pages.isError && rows.length === 0 && !search.q;

  return (
    <div className="runs-workspace">
      <Breadcrumbs items={[{ label: org, to: '/' }, { label: projectName }, { label: 'runs' }]} />
      <ProjectTabs projectId={projectId} current="runs" />
      {project.isError ? <Problem error={project.error} what="Project" /> : null}
      <div className="runs-toolbar">
        <FilterBox
          value={search.q ?? ''}
          keys={keys.data ?? { params: [], metrics: [], tags: [] }}
          error={pages.error}
          onApply={applyFilter}
        >
          <FilterBuilder query={search.q ?? ''} keys={keys.data ?? { params: [], metrics: [], tags: [] }} onApply={applyFilter} />
        </FilterBox>
        <div className="runs-actions">
          <span className="muted count" aria-live="polite">
            {total !== undefined ? `${total.toLocaleString('en')} runs` : ''}
            {selectedCount > 0 ? ` · ${selectedCount.toLocaleString('en')} selected` : ''}
          </span>
          {drawnSelection.size > 1 && !comparing ? (
            <button
              type="button"
              className="button primary"
              onClick={() => navigate({ search: (prev) => patchSearch(prev, { view: 'compare' }) })}
            >
              Compare {drawnSelection.size}
            </button>
          ) : null}
          {comparing ? (
            <button
              type="button"
              className="button"
              onClick={() => navigate({ search: (prev) => patchSearch(prev, { view: undefined }) })}
            >
              Back to the table
            </button>
          ) : null}
          {empty ? null : (
            <>
            <button
              type="button"
              className="button"
              aria-pressed={showCharts}
              onClick={() => navigate({ search: (prev) => patchSearch(prev, { charts: showCharts ? 'hide' : undefined }) })}
            >
              {showCharts ? 'Hide charts' : 'Show charts'}
            </button>
            <label className="toggle" title="Deleted runs are shown too, struck through, so they can be restored">
              <input
                type="checkbox"
                checked={search.del ?? false}
                onChange={(event) =>
                  navigate({ search: (prev) => patchSearch(prev, { del: event.target.checked || undefined, all: undefined, allx: undefined }) })
                }
              />
              Show deleted
            </label>
            <GroupBy
              keys={keys.data ?? { params: [], metrics: [], tags: [] }}
              value={search.gb}
              onChange={(gb) => navigate({ search: (prev) => patchSearch(prev, { gb }) })}
            />
            <SavedViewsMenu
              projectId={projectId}
              search={search}
              canSave={canWriteRuns(session.data)}
              onOpen={(next) => navigate({ search: next })}
            />
            <ColumnPicker
              keys={keys.data ?? { params: [], metrics: [], tags: [] }}
              columns={layout.columns.map((c) => c.id)}
              pinned={search.pin ?? []}
              onChange={(cols) => navigate({ search: (prev) => patchSearch(prev, { cols }) })}
              onPin={(id) => navigate({ search: (prev) => patchSearch(prev, { pin: emptyToUndefined(togglePin(prev.pin ?? [], id)) }) })}
            />
            </>
          )}
        </div>
      </div>
      {selectedCount > 0 && !comparing ? (
        <div className="selection-bar" role="region" aria-label="Selection">
          <span>
            {allMatching
              ? excluded.size > 0
                ? `All ${(total ?? 0).toLocaleString('en')} runs matching ${search.q ? 'this filter' : 'in this project'} except ${excluded.size.toLocaleString('en')} are selected: ${(total ?? 0).toLocaleString('en')} − ${excluded.size.toLocaleString('en')} = ${selectedCount.toLocaleString('en')}.`
                : `All ${selectedCount.toLocaleString('en')} runs matching ${search.q ? 'this filter' : 'in this project'} are selected.`
              : `${selectedCount.toLocaleString('en')} selected.`}
          </span>
          {allMatching && excluded.size > 0 ? (
            <button type="button" className="link-button" onClick={selectAllMatching}>
              Take back the {excluded.size.toLocaleString('en')} left out
            </button>
          ) : null}
          {offerAllMatching ? (
            <button type="button" className="link-button" onClick={selectAllMatching}>
              Select all {total!.toLocaleString('en')} runs matching {search.q ? 'this filter' : 'in this project'}
            </button>
          ) : null}
          <span className="selection-actions">
            {canWriteRuns(session.data) ? (
              <BulkActions
                projectId={projectId}
                target={bulkTarget}
                count={selectedCount}
                showingDeleted={search.del ?? false}
                onToast={setToast}
                onDeleted={() => setSelected(new Set())}
              />
            ) : null}
            {canWriteRuns(session.data) && !allMatching && selectedCount <= 200 ? (
              <Link className="button" to="/reports" search={{ project: projectId, runs: [...selected].join(',') }}>
                New report from these runs
              </Link>
            ) : null}
            <button type="button" className="button" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
          </span>
        </div>
      ) : null}
      <Toast message={toast} onClose={closeToast} />
      {pages.isError && !(search.q && isBadRequest(pages.error)) ? <Problem error={pages.error} what="Runs" /> : null}
      {comparing ? (
        <Compare
          projectId={projectId}
          ids={compareIds}
          metricKeys={keys.data?.metrics ?? []}
          settings={chartSettings}
          onSettings={onChartSettings}
        />
      ) : empty ? (
        <EmptyProject projectId={projectId} />
      ) : (
        <div className={`runs-body${showCharts ? ' with-charts' : ''}`}>
        <div className="runs-main">
        {search.gb ? (
          <GroupsPanel
            projectId={projectId}
            groupBy={search.gb}
            filter={search.q}
            metric={groupMetric(columns)}
            includeDeleted={search.del ?? false}
            onFilter={applyFilter}
          />
        ) : null}
        <RunsTable
          rows={pages.isError ? [] : rows}
          total={total}
          layout={layout}
          columnActions={columnActions}
          sort={search.sort}
          direction={search.dir}
          onSort={(id) =>
            navigate({
              search: (prev) =>
                patchSearch(prev, { sort: id, dir: prev.sort === id && prev.dir !== 'asc' ? 'asc' : 'desc' }),
            })
          }
          selection={selection}
          hasMore={!pages.isError && (pages.hasNextPage ?? false)}
          loadMore={loadMore}
          loading={pages.isPending}
          refreshing={pages.isPlaceholderData}
        />
        </div>
        {showCharts ? (
          <RunCharts
            runs={charted}
            metricKeys={keys.data?.metrics ?? []}
            settings={chartSettings}
            selection={drawnSelection.size > 0}
            onSettings={onChartSettings}
          />
        ) : null}
        </div>
      )}
      {!empty && !pages.isPending && !pages.isError && rows.length === 0 ? (
        <p className="muted no-match">
          No run matches this filter. <Link to="/projects/$projectId" params={{ projectId }} search={{}}>Show all runs</Link>
        </p>
      ) : null}
    </div>
  );
}

/** The metric the groups aggregate: the first metric column's key (its last values), if any. */
function groupMetric(columns: Column[]): string | undefined {
  const metric = columns.find((c) => c.kind === 'metric');
  return metric?.kind === 'metric' ? metric.key : undefined;
}

function emptyToUndefined(list: string[]): string[] | undefined {
  return list.length > 0 ? list : undefined;
}

function isBadRequest(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: number }).status === 400;
}
