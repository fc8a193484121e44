/**
 * Statistics used to test the starting-point model.
 *
 * Two questions are asked of the data:
 *  1. How often do starting points appear together? (co-occurrence, Jaccard overlap)
 *     Starting points that almost always co-occur may not be distinct ideas.
 *  2. Do readers recognise the starting points that authors tagged? (Cohen's kappa)
 *     Kappa corrects raw agreement for the agreement expected by chance, so a
 *     starting point that is tagged on nearly every story does not look "agreed"
 *     just because everyone says yes.
 *
 * Everything here is pure and dependency-free so it can run anywhere (server,
 * scripts, tests) on plain numbers and strings.
 */

/** What is known about one published story. */
export type StoryEvidence = {
  /** Slugs the author tagged. */
  authorTags: string[];
  /** Slug -> number of readers who recognise it in this story. */
  recognitions: Record<string, number>;
  /** Distinct readers who recognised at least one starting point in this story. */
  readers: number;
};

/**
 * counts[i][j] = number of stories tagged with both slugs[i] and slugs[j];
 * counts[i][i] = stories tagged with slugs[i].
 * Tags not in `slugs` are ignored. Duplicated tags in one story count once
 * (a story either has a starting point or it does not).
 */
export function coOccurrenceMatrix(slugs: string[], stories: { authorTags: string[] }[]): number[][] {
  const index = new Map<string, number>();
  slugs.forEach((slug, i) => {
    if (!index.has(slug)) index.set(slug, i);
  });
  const counts = slugs.map(() => slugs.map(() => 0));
  for (const story of stories) {
    const present = new Set<number>();
    for (const tag of story.authorTags) {
      const i = index.get(tag);
      if (i !== undefined) present.add(i);
    }
    for (const i of present) {
      for (const j of present) counts[i][j] += 1;
    }
  }
  return counts;
}

/**
 * Jaccard overlap |A∩B| / |A∪B| from the matrix, where A and B are the sets of
 * stories tagged with starting points i and j. 0 = never together, 1 = always together.
 * null when neither starting point has stories (0/0 is undefined, not "no overlap").
 */
export function jaccard(counts: number[][], i: number, j: number): number | null {
  const both = counts[i][j];
  const union = counts[i][i] + counts[j][j] - both;
  if (union <= 0) return null;
  return both / union;
}

/** Overlap of one unordered pair of starting points. */
export type PairOverlap = { a: string; b: string; both: number; jaccard: number | null };

/** Every unordered pair (i<j) in slugs order. */
export function pairOverlaps(slugs: string[], counts: number[][]): PairOverlap[] {
  const pairs: PairOverlap[] = [];
  for (let i = 0; i < slugs.length; i++) {
    for (let j = i + 1; j < slugs.length; j++) {
      pairs.push({ a: slugs[i], b: slugs[j], both: counts[i][j], jaccard: jaccard(counts, i, j) });
    }
  }
  return pairs;
}

/**
 * Agreement for one starting point over the rated stories.
 * both/authorOnly/readersOnly/neither form the 2x2 table (author label × readers' label);
 * observed = (both + neither) / rated; kappa = Cohen's kappa for that table.
 */
export type AgreementCell = {
  slug: string;
  rated: number;
  both: number;
  authorOnly: number;
  readersOnly: number;
  neither: number;
  observed: number | null;
  kappa: number | null;
};

/**
 * Per-starting-point tables plus the pooled result. `overall.rated` counts
 * (story, starting point) decisions, i.e. rated stories × slugs.length.
 */
export type Agreement = {
  perStartingPoint: AgreementCell[];
  overall: { rated: number; observed: number | null; expected: number | null; kappa: number | null };
};

type Table = { both: number; authorOnly: number; readersOnly: number; neither: number };

/**
 * Observed agreement, chance agreement and Cohen's kappa of a 2x2 table.
 * Computed on integer counts (n·agree vs. marginal products) so that the
 * pe === 1 case is detected exactly, without floating-point noise.
 */
function kappaOf(t: Table): {
  rated: number;
  observed: number | null;
  expected: number | null;
  kappa: number | null;
} {
  const n = t.both + t.authorOnly + t.readersOnly + t.neither;
  if (n === 0) return { rated: 0, observed: null, expected: null, kappa: null };
  const agree = t.both + t.neither;
  const authorYes = t.both + t.authorOnly;
  const readersYes = t.both + t.readersOnly;
  // pe * n² = (#author yes)(#readers yes) + (#author no)(#readers no)
  const chance = authorYes * readersYes + (n - authorYes) * (n - readersYes);
  const nn = n * n;
  const observed = agree / n;
  const expected = chance / nn;
  // pe === 1 ⇔ both raters gave the same single label to everything: kappa is 0/0.
  const kappa = chance === nn ? null : (n * agree - chance) / (nn - chance);
  return { rated: n, observed, expected, kappa };
}

/**
 * Agreement between author tags and reader recognition, per (story, starting point) decision.
 * Only stories with readers > 0 are rated. The readers' label for a starting point is "yes" when at
 * least half of the story's readers recognise it (recognitions[slug] * 2 >= readers). Per starting point:
 * a 2x2 table (both/authorOnly/readersOnly/neither over rated stories), observed = (both+neither)/rated,
 * and Cohen's kappa for that starting point. Overall: all (story, slug) decisions pooled, Cohen's kappa
 * = (po - pe) / (1 - pe) with pe = pA_yes*pR_yes + pA_no*pR_no. kappa is null when rated is 0 or pe === 1
 * (undefined). observed/expected null when rated is 0.
 */
export function agreement(slugs: string[], stories: StoryEvidence[]): Agreement {
  const tables: Table[] = slugs.map(() => ({ both: 0, authorOnly: 0, readersOnly: 0, neither: 0 }));
  for (const story of stories) {
    // A story nobody has weighed in on says nothing about whether readers agree.
    if (!(story.readers > 0)) continue;
    const tagged = new Set(story.authorTags);
    slugs.forEach((slug, i) => {
      const author = tagged.has(slug);
      const readers = (story.recognitions[slug] ?? 0) * 2 >= story.readers;
      const t = tables[i];
      if (author && readers) t.both += 1;
      else if (author) t.authorOnly += 1;
      else if (readers) t.readersOnly += 1;
      else t.neither += 1;
    });
  }

  const perStartingPoint: AgreementCell[] = slugs.map((slug, i) => {
    const { rated, observed, kappa } = kappaOf(tables[i]);
    return { slug, rated, ...tables[i], observed, kappa };
  });

  const pooled = tables.reduce<Table>(
    (sum, t) => ({
      both: sum.both + t.both,
      authorOnly: sum.authorOnly + t.authorOnly,
      readersOnly: sum.readersOnly + t.readersOnly,
      neither: sum.neither + t.neither,
    }),
    { both: 0, authorOnly: 0, readersOnly: 0, neither: 0 },
  );

  return { perStartingPoint, overall: kappaOf(pooled) };
}

/**
 * A plain-language reading of kappa (Landis & Koch bands): "none" (<= 0), "slight" (0-0.2],
 * "fair" (0.2-0.4], "moderate" (0.4-0.6], "substantial" (0.6-0.8], "almost-perfect" (0.8-1];
 * null for null (and for NaN, which has no reading).
 */
export function kappaBand(
  kappa: number | null,
): "none" | "slight" | "fair" | "moderate" | "substantial" | "almost-perfect" | null {
  if (kappa === null || Number.isNaN(kappa)) return null;
  if (kappa <= 0) return "none";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost-perfect";
}
