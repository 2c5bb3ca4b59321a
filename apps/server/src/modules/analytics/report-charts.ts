// The weekly report's charts, drawn on the server: ECharts renders an SVG string (server-side
// rendering, no DOM, no animation) and resvg turns it into a PNG with WenQuanYi Zen Hei, so the
// Chinese labels show in any mail client. Without the font, resvg falls back to the system's.
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

const FONT_FAMILY = 'WenQuanYi Zen Hei';
const FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 420;

/** The chart's SVG as ECharts renders it on the server. */
export function chartSvg(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** An SVG as PNG bytes, with the CJK font when the system has it. */
export function svgToPng(svg: string, fontFile = FONT_FILE): Buffer {
  const hasFont = fs.existsSync(fontFile);
  const resvg = new Resvg(svg, {
    font: {
      ...(hasFont ? { fontFiles: [fontFile], loadSystemFonts: false } : { loadSystemFonts: true }),
      defaultFontFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'width', value: CHART_WIDTH },
  });
  return resvg.render().asPng();
}

export interface DailyRevenue {
  /** Day labels, Monday first (周一…). */
  days: string[];
  lastWeek: number[];
  weekBefore: number[];
  title: string;
  names: [string, string];
}

/** Revenue per day (yuan) of last week beside the week before. */
export function revenueChartPng(c: DailyRevenue): Buffer {
  return svgToPng(
    chartSvg({
      title: { text: c.title, left: 'center', top: 8 },
      legend: { data: c.names, bottom: 8 },
      grid: { left: 70, right: 30, top: 60, bottom: 60 },
      xAxis: { type: 'category', data: c.days },
      yAxis: { type: 'value' },
      series: [
        { name: c.names[0], type: 'bar', data: c.lastWeek.map((f) => f / 100) },
        { name: c.names[1], type: 'bar', data: c.weekBefore.map((f) => f / 100) },
      ],
    }),
  );
}

export interface ChannelBars {
  channels: string[];
  sent: number[];
  converted: number[];
  title: string;
  names: [string, string];
}

/** Messages sent and conversions per channel, last week. */
export function channelChartPng(c: ChannelBars): Buffer {
  return svgToPng(
    chartSvg({
      title: { text: c.title, left: 'center', top: 8 },
      legend: { data: c.names, bottom: 8 },
      grid: { left: 70, right: 70, top: 60, bottom: 60 },
      xAxis: { type: 'category', data: c.channels },
      yAxis: [
        { type: 'value', name: c.names[0] },
        { type: 'value', name: c.names[1] },
      ],
      series: [
        { name: c.names[0], type: 'bar', data: c.sent },
        { name: c.names[1], type: 'bar', yAxisIndex: 1, data: c.converted },
      ],
    }),
  );
}
