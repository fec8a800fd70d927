"use client";
import { useEffect, useRef, useState } from "react";

const WIDTH = 600;
const HEIGHT = 200;

/**
 * An optional drawn signature (mouse, pen or finger, through pointer events). The typed name is always
 * enough, so keyboard-only signers lose nothing. The PNG is drawn at a fixed small size to bound its weight.
 */
export function SignaturePad({ onChange }: { onChange: (pngDataUrl: string | null) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [hasInk, setHasInk] = useState(false);

  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    ctx.lineWidth = 3;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#0b0c0c";
  }, []);

  function point(e: React.PointerEvent<HTMLCanvasElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * WIDTH, y: ((e.clientY - rect.top) / rect.height) * HEIGHT };
  }

  function down(e: React.PointerEvent<HTMLCanvasElement>) {
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
  }

  function move(e: React.PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext("2d");
    if (!ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  }

  function up(e: React.PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = false;
    setHasInk(true);
    onChange(e.currentTarget.toDataURL("image/png"));
  }

  function clear() {
    const c = canvas.current;
    c?.getContext("2d")?.clearRect(0, 0, WIDTH, HEIGHT);
    setHasInk(false);
    onChange(null);
  }

  return (
    <div>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        aria-label="Signature drawing area (optional): draw with a finger, pen or mouse"
        role="img"
        className="block h-auto w-full max-w-xl touch-none rounded border-2 border-dashed border-slate-600 bg-white"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        data-testid="signature-pad"
      />
      <div className="mt-2 flex items-center gap-4">
        <button type="button" onClick={clear} disabled={!hasInk} className="underline underline-offset-2 disabled:opacity-50">
          Clear drawing
        </button>
        <span className="text-sm text-slate-600" aria-live="polite">
          {hasInk ? "Signature drawn." : "No drawing: your typed name will be your signature."}
        </span>
      </div>
    </div>
  );
}
