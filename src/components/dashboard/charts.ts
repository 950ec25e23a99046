// Server-rendered SVG charts for the seller dashboard: no script, no web font, no word of its own.
// Every string is the caller's (already translated) and is escaped here. role="img" with
// aria-labelledby gives the figure a name; the same numbers go out as a table (chartTable) so a
// screen reader can read them row by row.

export interface ChartBar {
  label: string;
  value: number;
}

export interface ChartText {
  /** unique on the page: the title's and description's ids derive from it */
  id: string;
  title: string;
  /** one line read after the title (e.g. the total); the no-data text when there is nothing to draw */
  description?: string;
  /** what the figure says instead of bars when there is nothing to show */
  noData: string;
  /** numbers as the page writes them (thousands separators, percent); default String */
  formatValue?: (value: number) => string;
}

export interface ChartTable {
  caption: string;
  head: string[];
  rows: string[][];
}

/** Against white: text 10.3:1, axis 4.8:1, bars 6.7:1 (WCAG 1.4.11 asks 3:1 of graphics). */
export const CHART_COLORS = { text: '#374151', axis: '#6b7280', bar: '#1d4ed8', grid: '#e5e7eb' } as const;

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';

export const escapeXml = (s: string): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const safeId = (id: string) => String(id).replace(/[^A-Za-z0-9_-]/g, '-') || 'chart';
const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
const round = (n: number) => Number(n.toPrecision(12));
const clip = (s: string, max: number) => (Array.from(s).length > max ? `${Array.from(s).slice(0, max - 1).join('')}…` : s);

/** Axis steps of 1, 2 or 5 × 10^k, at most four above zero, the top one at or above `max`. */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const top = Math.ceil(round(max / step));
  return Array.from({ length: top + 1 }, (_, i) => round(i * step));
}

function frame(t: ChartText, width: number, height: number, body: string): string {
  const id = safeId(t.id);
  const desc = t.description ? `<desc id="${id}-desc">${escapeXml(t.description)}</desc>` : '';
  const labelledBy = t.description ? `${id}-title ${id}-desc` : `${id}-title`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${labelledBy}" viewBox="0 0 ${width} ${height}" width="100%" ${FONT} font-size="13" fill="${CHART_COLORS.text}">`
    + `<title id="${id}-title">${escapeXml(t.title)}</title>${desc}`
    + `<text x="0" y="18" font-size="15" font-weight="600">${escapeXml(t.title)}</text>${body}</svg>`;
}

/** Nothing to draw: the title and the caller's words for it, never an empty axis that reads as zero. */
function noDataFigure(t: ChartText, width: number): string {
  const height = 120;
  return frame({ ...t, description: t.description ?? t.noData }, width, height,
    `<rect x="1" y="32" width="${width - 2}" height="${height - 34}" fill="none" stroke="${CHART_COLORS.axis}" stroke-dasharray="4 4"/>`
    + `<text x="${width / 2}" y="${32 + (height - 34) / 2 + 5}" text-anchor="middle">${escapeXml(t.noData)}</text>`);
}

const hasData = (bars: readonly ChartBar[]) => bars.some((b) => clean(b.value) > 0);

/**
 * Vertical bars, one per point (a day), with a value axis on the left and every `labelEvery`-th
 * label under the bars, counted back from the last so the newest point is always labelled.
 */
export function barChart(t: ChartText & { bars: readonly ChartBar[]; labelEvery?: number }): string {
  const width = 640, height = 270, left = 48, right = 28, top = 40, bottom = 28;
  if (!hasData(t.bars)) return noDataFigure(t, width);
  const fmt = t.formatValue ?? String;
  const ticks = axisTicks(Math.max(...t.bars.map((b) => clean(b.value))));
  const max = ticks.at(-1)!;
  const plotW = width - left - right, plotH = height - top - bottom;
  const slot = plotW / t.bars.length;
  const every = t.labelEvery ?? Math.max(1, Math.ceil(t.bars.length / 7));
  const y = (v: number) => top + plotH - (clean(v) / max) * plotH;
  const grid = ticks.map((v) => `<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="${v ? CHART_COLORS.grid : CHART_COLORS.axis}"/>`
    + `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${escapeXml(fmt(v))}</text>`).join('');
  const bars = t.bars.map((b, i) => {
    const h = (clean(b.value) / max) * plotH;
    const x = left + i * slot + slot * 0.15;
    const label = (t.bars.length - 1 - i) % every === 0
      ? `<text x="${left + (i + 0.5) * slot}" y="${height - 8}" text-anchor="middle">${escapeXml(b.label)}</text>` : '';
    return `<rect x="${round(x)}" y="${round(top + plotH - h)}" width="${round(slot * 0.7)}" height="${round(h)}" fill="${CHART_COLORS.bar}"/>${label}`;
  }).join('');
  return frame(t, width, height, grid + bars);
}

/**
 * Horizontal bars, one row per category (a rating, a carrier), each with its value at the end.
 * Bars are scaled to the largest, or to `max` when given (a rate against 100%): then every bar is
 * data, a 0 included.
 */
export function horizontalBarChart(t: ChartText & { bars: readonly ChartBar[]; max?: number }): string {
  const width = 640, row = 28, top = 32, labelW = 150, valueW = 64;
  if (t.max === undefined ? !hasData(t.bars) : t.bars.length === 0) return noDataFigure(t, width);
  const fmt = t.formatValue ?? String;
  const max = t.max ?? Math.max(...t.bars.map((b) => clean(b.value)));
  const plotW = width - labelW - valueW;
  const rows = t.bars.map((b, i) => {
    const y = top + i * row;
    const w = (clean(b.value) / max) * plotW;
    return `<text x="${labelW - 8}" y="${y + row / 2 + 5}" text-anchor="end">${escapeXml(clip(b.label, 22))}</text>`
      + `<rect x="${labelW}" y="${y + 4}" width="${round(w)}" height="${row - 8}" fill="${CHART_COLORS.bar}"/>`
      + `<text x="${round(labelW + w + 6)}" y="${y + row / 2 + 5}">${escapeXml(fmt(clean(b.value)))}</text>`;
  }).join('');
  const axis = `<line x1="${labelW}" x2="${labelW}" y1="${top}" y2="${top + t.bars.length * row}" stroke="${CHART_COLORS.axis}"/>`;
  return frame(t, width, top + t.bars.length * row + 8, axis + rows);
}

/** The chart's numbers as a table the page renders beside it (strings: the page escapes them). */
export function chartTable(t: { caption: string; head: [string, string]; bars: readonly ChartBar[]; formatValue?: (value: number) => string }): ChartTable {
  const fmt = t.formatValue ?? String;
  return { caption: t.caption, head: [...t.head], rows: t.bars.map((b) => [b.label, fmt(clean(b.value))]) };
}
