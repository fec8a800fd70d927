import type { Chart } from "@/lib/governance/report";

// A horizontal bar chart drawn on the server as SVG: no script, prints as it looks, and read out as one
// image with a title and a description that carries every figure (the data table beside it says the same).
// A hidden count ("fewer than 3") is drawn as a dashed outline of no particular length, so the chart never
// shows what the number hides.

const ROW = 28;
const LABEL_W = 210;
const BAR_W = 260;
const VALUE_W = 110;

export function BarChart({ chart, id }: { chart: Chart; id: string }) {
  const height = chart.bars.length * ROW + 8;
  const width = LABEL_W + BAR_W + VALUE_W;
  const scale = (v: number) => (chart.max > 0 ? Math.max(0, Math.min(1, v / chart.max)) * BAR_W : 0);
  const short = (s: string) => (s.length > 30 ? `${s.slice(0, 29)}…` : s);
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-xl" preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{chart.title}</title>
      <desc id={`${id}-desc`}>{chart.desc}</desc>
      {chart.bars.map((b, i) => {
        const y = i * ROW + 4;
        return (
          <g key={`${b.label}-${i}`} aria-hidden="true">
            <text x={LABEL_W - 8} y={y + ROW / 2 + 4} textAnchor="end" fontSize="12" fill="#0f172a">
              {short(b.label)}
            </text>
            <rect x={LABEL_W} y={y + 4} width={BAR_W} height={ROW - 10} fill="#f1f5f9" />
            {b.value === null ? (
              <rect x={LABEL_W} y={y + 4} width={BAR_W * 0.08} height={ROW - 10} fill="none" stroke="#475569" strokeDasharray="3 2" />
            ) : (
              <rect x={LABEL_W} y={y + 4} width={scale(b.value)} height={ROW - 10} fill={chart.unit === "percent" && b.value < 85 ? "#b45309" : "#047857"} />
            )}
            <text x={LABEL_W + BAR_W + 6} y={y + ROW / 2 + 4} fontSize="12" fill="#0f172a">
              {b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
