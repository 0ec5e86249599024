import uPlot from 'uplot';

/**
 * Keeps a chart as wide as its container: a resize only resizes the uPlot instance (cheap) instead of re-creating it.
 * Returns the cleanup.
 */
export function followWidth(element: HTMLElement, plot: uPlot, height: number): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  const observer = new ResizeObserver((entries) => {
    const next = Math.floor(entries[0]?.contentRect.width ?? 0);
    if (next > 0 && next !== plot.width) plot.setSize({ width: next, height });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

/**
 * A line of a faceted (mode 2) chart: its own x values, sorted, on the shared x and y scales whose ranges the chart
 * computes once; no points, gaps stay gaps.
 */
export function facetedLine(series: uPlot.Series): uPlot.Series {
  return {
    ...series,
    facets: [
      { scale: 'x', auto: false, sorted: 1 },
      { scale: 'y', auto: false },
    ],
    paths: uPlot.paths.linear!(),
    points: { show: false },
    spanGaps: false,
  };
}
