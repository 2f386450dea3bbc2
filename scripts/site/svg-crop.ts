/**
 * A drawing cropped by its viewBox still carries every line of the whole
 * plate: the favicon shows 150 of the plate's 480 units. This drops the
 * subpaths that lie wholly outside the crop (their bounding box, control
 * points and arc radii included, grown by a margin for the stroke), and the
 * paths left empty; what shows inside the box is untouched.
 */
export interface Box {
  x: number;
  y: number;
  size: number;
}

const TOKEN = /[MmLlHhVvQqTtCcSsAaZz]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g;
const ARGS: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, q: 4, t: 2, c: 6, s: 4, a: 7, z: 0 };

/** The bounding box of a subpath (it starts with an absolute M), from `x0,y0` before it. */
function bounds(d: string): { minX: number; minY: number; maxX: number; maxY: number } {
  const tokens = d.match(TOKEN) ?? [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const see = (px: number, py: number, r = 0) => {
    minX = Math.min(minX, px - r);
    minY = Math.min(minY, py - r);
    maxX = Math.max(maxX, px + r);
    maxY = Math.max(maxY, py + r);
  };
  let command = "M";
  let i = 0;
  while (i < tokens.length) {
    if (/[a-z]/i.test(tokens[i])) command = tokens[i++];
    const relative = command === command.toLowerCase();
    const kind = command.toLowerCase();
    if (kind === "z") {
      x = startX;
      y = startY;
      continue;
    }
    const n = tokens.slice(i, i + ARGS[kind]).map(Number);
    i += ARGS[kind];
    const ox = relative ? x : 0;
    const oy = relative ? y : 0;
    if (kind === "h") x = ox + n[0];
    else if (kind === "v") y = oy + n[0];
    else if (kind === "a") {
      const r = Math.max(Math.abs(n[0]), Math.abs(n[1]));
      see(x, y, r);
      x = ox + n[5];
      y = oy + n[6];
      see(x, y, r);
    } else {
      for (let k = 0; k + 1 < n.length; k += 2) see(ox + n[k], oy + n[k + 1]);
      x = ox + n[n.length - 2];
      y = oy + n[n.length - 1];
    }
    see(x, y);
    if (kind === "m") {
      startX = x;
      startY = y;
      command = relative ? "l" : "L"; // further pairs after a moveto are lines
    }
  }
  return { minX, minY, maxX, maxY };
}

/** `svg` (paths with absolute M subpaths) without what lies outside `box` grown by `margin`. */
export function dropOutside(svg: string, box: Box, margin: number): string {
  const inside = (d: string) => {
    const b = bounds(d);
    return b.maxX >= box.x - margin && b.minX <= box.x + box.size + margin && b.maxY >= box.y - margin && b.minY <= box.y + box.size + margin;
  };
  return svg.replace(/<path([^>]*) d="([^"]*)"([^>]*)\/>/g, (all, before: string, d: string, after: string) => {
    if (/[^MmLlHhVvQqTtCcSsAaZz\d\s.,e+-]/.test(d)) return all;
    const kept = d.split(/(?=M)/).filter((sub) => sub.trim() && inside(sub));
    return kept.length ? `<path${before} d="${kept.join("")}"${after}/>` : "";
  });
}
