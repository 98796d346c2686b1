// The ladder mix as a bar chart the page draws in SVG: two bars a level (projects started at
// each agreed level, projects closed at each achieved level), with the numbers written beside
// the bars. The page gives the chart an accessible name and description and shows the same
// numbers in a table.
export interface ChartRow {
  label: string;
  /** Projects started at this agreed level. */
  a: number;
  /** Projects closed at this achieved level. */
  b: number;
}

const LABEL_WIDTH = 170;
const BAR_SPACE = 360;
const BAR_HEIGHT = 18;
const ROW_HEIGHT = 2 * BAR_HEIGHT + 22;
const TOP = 40;

export function ladderChart(rows: ChartRow[]) {
  const most = Math.max(1, ...rows.flatMap((r) => [r.a, r.b]));
  const length = (n: number) => Math.round((n / most) * BAR_SPACE);
  return {
    width: LABEL_WIDTH + BAR_SPACE + 60,
    height: TOP + rows.length * ROW_HEIGHT,
    labelWidth: LABEL_WIDTH,
    barHeight: BAR_HEIGHT,
    rows: rows.map((r, i) => {
      const y = TOP + i * ROW_HEIGHT;
      return {
        label: r.label,
        labelY: y + BAR_HEIGHT + 4,
        bars: [
          { kind: 'agreed', value: r.a, y, width: length(r.a) },
          { kind: 'achieved', value: r.b, y: y + BAR_HEIGHT + 2, width: length(r.b) },
        ],
      };
    }),
  };
}
