// Matches --color-sp-N in globals.css; starting points beyond four cycle through them.
const COLORS = ["#9a3d00", "#1f5fa8", "#6b3fa0", "#2e6b1f"];

export function startingPointColor(position: number): string {
  return COLORS[(Math.max(position, 1) - 1) % COLORS.length];
}
