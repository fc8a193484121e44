/** "a+b" (the path may carry the plus encoded) names the intersection of two starting points. */
export function startingPointPair(slug: string): [string, string] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    return null;
  }
  const parts = decoded.split("+");
  return parts.length === 2 && parts[0] && parts[1] && parts[0] !== parts[1] ? [parts[0], parts[1]] : null;
}
