/**
 * Draws a sheet's embedded charts over the grid as SVG, each anchored at its cell like Sheets
 * does: column, bar, line and pie charts (other types draw as columns), with a value axis of round
 * numbers, labels that fit, and the values' own format (percentages stay percentages).
 */
import type { ChartView } from '../chart-view';

const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = [
  '#4285f4',
  '#ea4335',
  '#fbbc04',
  '#34a853',
  '#ff6d01',
  '#46bdc6',
  '#7baaf7',
  '#f07b72',
  '#fcd04f',
  '#71c287',
  '#a142f4',
  '#24c1e0',
];
const AXIS_TEXT = '#5f6368';
const GRID_LINE = '#e8eaed';
const FONT = 'Arial, Roboto, sans-serif';

type Attributes = Record<string, string | number>;

function svg(tag: string, attributes: Attributes = {}, text?: string): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Replaces the charts drawn over `table` (inside the positioned `scroller`). */
export function drawCharts(
  scroller: HTMLElement,
  table: HTMLTableElement,
  charts: readonly ChartView[],
): void {
  let layer = scroller.querySelector<HTMLElement>('.chart-layer');
  if (!layer) {
    layer = document.createElement('div');
    layer.className = 'chart-layer';
    scroller.appendChild(layer);
  }
  layer.replaceChildren();
  for (const chart of charts) {
    const anchor = table.querySelector<HTMLElement>(
      `td[data-row="${chart.anchorRow}"][data-column="${chart.anchorColumn}"]`,
    );
    if (!anchor) continue;
    const box = document.createElement('figure');
    box.className = 'chart';
    box.setAttribute('aria-label', chart.title || `${chart.type.toLowerCase()} chart`);
    box.style.left = `${table.offsetLeft + anchor.offsetLeft + chart.offsetX}px`;
    box.style.top = `${table.offsetTop + anchor.offsetTop + chart.offsetY}px`;
    box.style.width = `${chart.width}px`;
    box.style.height = `${chart.height}px`;
    box.appendChild(chartSvg(chart));
    layer.appendChild(box);
  }
}

function chartSvg(chart: ChartView): SVGElement {
  const root = svg('svg', {
    width: chart.width,
    height: chart.height,
    viewBox: `0 0 ${chart.width} ${chart.height}`,
    'font-family': FONT,
  });
  root.appendChild(svg('text', { x: 16, y: 26, 'font-size': 15, fill: '#202124' }, chart.title));
  const area = { x: 16, y: 44, width: chart.width - 32, height: chart.height - 56 };
  if (chart.labels.length === 0) {
    root.appendChild(
      svg(
        'text',
        {
          x: chart.width / 2,
          y: chart.height / 2,
          'text-anchor': 'middle',
          'font-size': 13,
          fill: AXIS_TEXT,
        },
        'No data',
      ),
    );
    return root;
  }
  if (chart.type === 'PIE') pie(root, chart, area);
  else if (chart.type === 'BAR') bars(root, chart, area);
  else columns(root, chart, area, chart.type === 'LINE');
  return root;
}

interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const isPercent = (format: string) => format.includes('%');

/** A value as its axis shows it: 150k, 1.2M, 45%. */
function compact(value: number, format: string): string {
  if (isPercent(format)) return `${Math.round(value * 100)}%`;
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${+(value / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}k`;
  return `${+value.toFixed(2)}`;
}

/** A value as a bar's label shows it: 23,476, 87%. */
function exact(value: number, format: string): string {
  if (isPercent(format)) return `${Math.round(value * 100)}%`;
  const decimals = Math.abs(value) >= 1000 ? 0 : (format.split('.')[1]?.length ?? 0);
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Round axis steps covering [min, max] (0 always included); whole steps for counts. */
function ticks(min: number, max: number, format: string, count = 5): number[] {
  const low = Math.min(0, min);
  const high = Math.max(0, max, low + 1e-9);
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const nice = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const whole = !format.includes('.') && !isPercent(format);
  const step = whole ? Math.max(1, Math.ceil(nice)) : nice;
  const out: number[] = [];
  for (let v = Math.floor(low / step) * step; v <= high + step * 1e-9; v += step)
    out.push(+v.toPrecision(12));
  if ((out[out.length - 1] ?? 0) < high) out.push((out[out.length - 1] ?? 0) + step);
  return out;
}

function fit(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

function columns(root: SVGElement, chart: ChartView, area: Area, line: boolean): void {
  const values = chart.series.flatMap((s) => s.values);
  const scale = ticks(Math.min(...values), Math.max(...values), chart.valueFormat);
  const low = scale[0] ?? 0;
  const high = scale[scale.length - 1] ?? 1;
  const slot = (area.width - 48) / chart.labels.length;
  const rotate = Math.max(...chart.labels.map((l) => l.length)) * 6.2 > slot - 4;
  const bottom = area.y + area.height - (rotate ? 46 : 22);
  const left = area.x + 48;
  const y = (v: number) => bottom - ((v - low) / (high - low)) * (bottom - area.y);
  for (const tick of scale) {
    root.appendChild(
      svg('line', {
        x1: left,
        x2: area.x + area.width,
        y1: y(tick),
        y2: y(tick),
        stroke: tick === 0 ? '#bdc1c6' : GRID_LINE,
      }),
    );
    root.appendChild(
      svg(
        'text',
        { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', 'font-size': 11, fill: AXIS_TEXT },
        compact(tick, chart.valueFormat),
      ),
    );
  }
  chart.labels.forEach((label, i) => {
    const cx = left + slot * (i + 0.5);
    const attributes: Attributes = {
      x: cx,
      y: bottom + 15,
      'text-anchor': rotate ? 'end' : 'middle',
      'font-size': 11,
      fill: AXIS_TEXT,
    };
    if (rotate) attributes.transform = `rotate(-40 ${cx} ${bottom + 12})`;
    root.appendChild(svg('text', attributes, fit(label, 14)));
  });
  chart.series.forEach((series, s) => {
    const color = PALETTE[s % PALETTE.length] as string;
    if (line) {
      const points = series.values.map((v, i) => `${left + slot * (i + 0.5)},${y(v)}`).join(' ');
      root.appendChild(svg('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 2 }));
      series.values.forEach((v, i) =>
        root.appendChild(
          svg('circle', { cx: left + slot * (i + 0.5), cy: y(v), r: 3, fill: color }),
        ),
      );
      return;
    }
    const width = Math.min(48, (slot * 0.7) / chart.series.length);
    series.values.forEach((v, i) => {
      const x = left + slot * (i + 0.5) - (width * chart.series.length) / 2 + width * s;
      const top = Math.min(y(v), y(0));
      const bar = svg('rect', {
        x,
        y: top,
        width: width - 1,
        height: Math.max(1, Math.abs(y(v) - y(0))),
        fill: color,
        rx: 2,
      });
      bar.appendChild(svg('title', {}, `${chart.labels[i]}: ${exact(v, chart.valueFormat)}`));
      root.appendChild(bar);
    });
  });
}

function bars(root: SVGElement, chart: ChartView, area: Area): void {
  const values = chart.series.flatMap((s) => s.values);
  const scale = ticks(Math.min(...values), Math.max(...values), chart.valueFormat, 4);
  const low = scale[0] ?? 0;
  const high = scale[scale.length - 1] ?? 1;
  const labelWidth = Math.min(170, Math.max(...chart.labels.map((l) => l.length)) * 6.4 + 8);
  const left = area.x + labelWidth;
  const right = area.x + area.width - 56;
  const bottom = area.y + area.height - 20;
  const slot = (bottom - area.y) / chart.labels.length;
  const x = (v: number) => left + ((v - low) / (high - low)) * (right - left);
  for (const tick of scale) {
    root.appendChild(
      svg('line', {
        x1: x(tick),
        x2: x(tick),
        y1: area.y,
        y2: bottom,
        stroke: tick === 0 ? '#bdc1c6' : GRID_LINE,
      }),
    );
    root.appendChild(
      svg(
        'text',
        { x: x(tick), y: bottom + 14, 'text-anchor': 'middle', 'font-size': 11, fill: AXIS_TEXT },
        compact(tick, chart.valueFormat),
      ),
    );
  }
  const height = Math.min(22, (slot * 0.72) / chart.series.length);
  chart.labels.forEach((label, i) => {
    const cy = area.y + slot * (i + 0.5);
    root.appendChild(
      svg(
        'text',
        { x: left - 8, y: cy + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#3c4043' },
        fit(label, Math.floor((labelWidth - 8) / 6.4)),
      ),
    );
    chart.series.forEach((series, s) => {
      const v = series.values[i] ?? 0;
      const top = cy - (height * chart.series.length) / 2 + height * s;
      const bar = svg('rect', {
        x: Math.min(x(v), x(0)),
        y: top,
        width: Math.max(1, Math.abs(x(v) - x(0))),
        height: height - 1,
        fill: PALETTE[s % PALETTE.length] as string,
        rx: 2,
      });
      bar.appendChild(svg('title', {}, `${label}: ${exact(v, chart.valueFormat)}`));
      root.appendChild(bar);
      root.appendChild(
        svg(
          'text',
          {
            x: Math.max(x(v), x(0)) + 5,
            y: top + height / 2 + 3,
            'font-size': 10,
            fill: AXIS_TEXT,
          },
          exact(v, chart.valueFormat),
        ),
      );
    });
  });
}

function pie(root: SVGElement, chart: ChartView, area: Area): void {
  const values = (chart.series[0]?.values ?? []).map((v) => Math.max(0, v));
  const total = values.reduce((a, b) => a + b, 0);
  const radius = Math.min(area.height / 2 - 4, area.width * 0.25);
  const cx = area.x + radius + 8;
  const cy = area.y + area.height / 2;
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    if (total <= 0 || v <= 0) return;
    const sweep = (v / total) * Math.PI * 2;
    const color = PALETTE[i % PALETTE.length] as string;
    const title = `${chart.labels[i]}: ${exact(v, chart.valueFormat)} (${Math.round((v / total) * 100)}%)`;
    const shape =
      sweep >= Math.PI * 2 - 1e-9
        ? svg('circle', { cx, cy, r: radius, fill: color })
        : svg('path', {
            d: `M${cx},${cy} L${cx + radius * Math.cos(angle)},${cy + radius * Math.sin(angle)} A${radius},${radius} 0 ${sweep > Math.PI ? 1 : 0} 1 ${cx + radius * Math.cos(angle + sweep)},${cy + radius * Math.sin(angle + sweep)} Z`,
            fill: color,
            stroke: '#fff',
            'stroke-width': 1,
          });
    shape.appendChild(svg('title', {}, title));
    root.appendChild(shape);
    if (sweep > 0.3) {
      const mid = angle + sweep / 2;
      root.appendChild(
        svg(
          'text',
          {
            x: cx + radius * 0.65 * Math.cos(mid),
            y: cy + radius * 0.65 * Math.sin(mid) + 4,
            'text-anchor': 'middle',
            'font-size': 11,
            fill: '#fff',
          },
          `${Math.round((v / total) * 100)}%`,
        ),
      );
    }
    angle += sweep;
  });
  if (!chart.legend) return;
  const legendX = cx + radius + 28;
  const row = Math.min(20, (area.height - 8) / Math.max(1, chart.labels.length));
  const chars = Math.floor((area.x + area.width - legendX - 18) / 6.4);
  chart.labels.forEach((label, i) => {
    const y = cy - (row * chart.labels.length) / 2 + row * i + row / 2;
    root.appendChild(
      svg('rect', {
        x: legendX,
        y: y - 5,
        width: 10,
        height: 10,
        rx: 2,
        fill: PALETTE[i % PALETTE.length] as string,
      }),
    );
    root.appendChild(
      svg(
        'text',
        { x: legendX + 16, y: y + 4, 'font-size': 11, fill: '#3c4043' },
        fit(label, chars),
      ),
    );
  });
}
