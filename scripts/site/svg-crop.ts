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

interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Where the subpath starts, and where it leaves the pen (a relative move after it starts from there). */
  start: [number, number];
  end: [number, number];
}

/** The extent of a subpath (it starts with a move, M or m), the pen at `from` before it. */
function bounds(d: string, from: [number, number] = [0, 0]): Extent {
  const tokens = d.match(TOKEN) ?? [];
  let [x, y] = from;
  let startX = x;
  let startY = y;
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
  /** The control point of the quadratic before (absolute), which `t` mirrors. */
  let control: [number, number] | undefined;
  while (i < tokens.length) {
    if (/[a-z]/i.test(tokens[i])) command = tokens[i++];
    const relative = command === command.toLowerCase();
    const kind = command.toLowerCase();
    if (kind === "z") {
      x = startX;
      y = startY;
      control = undefined;
      continue;
    }
    const n = tokens.slice(i, i + ARGS[kind]).map(Number);
    i += ARGS[kind];
    const ox = relative ? x : 0;
    const oy = relative ? y : 0;
    const before = control;
    control = undefined;
    if (kind === "h") x = ox + n[0];
    else if (kind === "v") y = oy + n[0];
    else if (kind === "a") {
      const r = Math.max(Math.abs(n[0]), Math.abs(n[1]));
      see(x, y, r);
      x = ox + n[5];
      y = oy + n[6];
      see(x, y, r);
    } else {
      if (kind === "t") {
        // Its control point is the mirror of the one before (else the pen): the curve stays within it too.
        control = before ? [2 * x - before[0], 2 * y - before[1]] : [x, y];
        see(...control);
      } else if (kind === "q") control = [ox + n[0], oy + n[1]];
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
  return { minX, minY, maxX, maxY, start: [startX, startY], end: [x, y] };
}

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/.source;

/** `svg` (paths whose subpaths each start with a move, M or m) without what lies outside `box` grown by `margin`. */
export function dropOutside(svg: string, box: Box, margin: number): string {
  const inside = (b: Extent) => b.maxX >= box.x - margin && b.minX <= box.x + box.size + margin && b.maxY >= box.y - margin && b.minY <= box.y + box.size + margin;
  return svg.replace(/<path([^>]*) d="([^"]*)"([^>]*)\/>/g, (all, before: string, d: string, after: string) => {
    if (/[^MmLlHhVvQqTtCcSsAaZz\d\s.,e+-]/.test(d)) return all;
    const kept: string[] = [];
    let pen: [number, number] = [0, 0];
    let dropped = false;
    for (const sub of d.split(/(?=[Mm])/)) {
      if (!sub.trim()) continue;
      const extent = bounds(sub, pen);
      pen = extent.end;
      if (!inside(extent)) {
        dropped = true;
        continue;
      }
      // A move relative to a subpath that is gone: from where it starts, absolutely (its other pairs stay relative lines).
      const move = dropped ? new RegExp(`^m\\s*${NUMBER}[\\s,]*${NUMBER}[\\s,]*`).exec(sub) : null;
      if (move) {
        const rest = sub.slice(move[0].length);
        const [x, y] = extent.start.map((v) => Number(v.toFixed(4)));
        kept.push(`M${x} ${y}${/^[-.\d]/.test(rest) ? "l" : ""}${rest}`);
      } else kept.push(sub);
      dropped = false;
    }
    return kept.length ? `<path${before} d="${kept.join("")}"${after}/>` : "";
  });
}
