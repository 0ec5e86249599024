import type { Meter } from '../../lib/meters.ts';

export type ProjectRow = { id: string; name: string; used: number; share: number | undefined; forecast: number | undefined };

/**
 * The projects by their use of one meter over the period, most first (ties by name): each project's total from its
 * daily series, its share of all projects' usage, and this month's forecast where the server gave one.
 */
export function topProjects(
  projects: readonly { id: string; name: string }[],
  series: readonly ({ total?: number } | undefined)[],
  meter: Meter,
  forecasts: readonly { meter?: string; project?: string; forecast?: number }[] | undefined,
): ProjectRow[] {
  const used = projects.map((_, i) => Number(series[i]?.total ?? 0));
  const all = used.reduce((a, b) => a + b, 0);
  return projects
    .map((project, i) => {
      const forecast = forecasts?.find((f) => f.project === project.id && f.meter === meter)?.forecast;
      return {
        id: project.id,
        name: project.name,
        used: used[i]!,
        share: all > 0 ? (100 * used[i]!) / all : undefined,
        forecast: forecasts ? Number(forecast ?? 0) : undefined,
      };
    })
    .sort((a, b) => b.used - a.used || a.name.localeCompare(b.name));
}
