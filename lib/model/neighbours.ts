/*
 * Nearest neighbours over stemmed terms: the engine behind suggested starting points, related
 * stories and the evaluation of both (decision 026). Pure and dependency-free: the terms come
 * stemmed from PostgreSQL's text search (lib/model/suggest.ts), so this file only weighs them.
 *
 * A document is the set of its stemmed terms (a story's search vector, or a starting point's
 * description from the book) with the starting points it carries. Terms are weighted by inverse
 * document frequency and documents compared by cosine similarity. A text's confidence in a
 * starting point is the similarity-weighted share of its nearest documents that carry it.
 */

export type LabelledDocument = {
  id: string;
  /** Stemmed terms, each once. */
  terms: readonly string[];
  /** Starting point slugs the document carries. */
  labels: readonly string[];
  /** A starting point's own description: always learnt from, never suggested as a related story. */
  description?: boolean;
};

export type TermIndex = {
  terms: Map<string, number>;
  idf: Float64Array;
  /** Per term, the documents holding it, in ascending order. */
  postings: Int32Array[];
  docs: { id: string; labels: readonly string[]; description: boolean; norm: number }[];
};

/** How many neighbours vote. */
export const NEIGHBOURS = 10;
/** Only a text's most telling terms are looked up: keeps a 20,000-character story fast. */
export const QUERY_TERMS = 120;
/** A starting point is suggested from this share of the neighbours' weight. */
export const SUGGEST_THRESHOLD = 0.3;
/** At most this many words are shown per suggestion. */
export const EVIDENCE_WORDS = 5;

export function buildIndex(documents: readonly LabelledDocument[]): TermIndex {
  const terms = new Map<string, number>();
  const lists: number[][] = [];
  documents.forEach((doc, d) => {
    for (const term of new Set(doc.terms)) {
      let id = terms.get(term);
      if (id === undefined) {
        id = lists.length;
        terms.set(term, id);
        lists.push([]);
      }
      lists[id].push(d);
    }
  });
  const n = documents.length;
  const idf = new Float64Array(lists.length);
  // Smoothed: a term in every document still counts a little, and idf is never 0 or negative.
  lists.forEach((list, id) => (idf[id] = Math.log((n + 1) / (list.length + 1)) + 1));
  const norms = new Float64Array(n);
  lists.forEach((list, id) => {
    for (const d of list) norms[d] += idf[id] * idf[id];
  });
  return {
    terms,
    idf,
    postings: lists.map((list) => Int32Array.from(list)),
    docs: documents.map((doc, d) => ({
      id: doc.id,
      labels: doc.labels,
      description: Boolean(doc.description),
      norm: Math.sqrt(norms[d]) || 1,
    })),
  };
}

export type Neighbour = { doc: number; similarity: number };
type WeightedTerm = { id: number; weight: number };

/** The query's known terms, most telling first: (1 + ln tf) · idf, cut to QUERY_TERMS. */
function weighQuery(
  index: TermIndex,
  counts: ReadonlyMap<string, number>,
): { terms: WeightedTerm[]; norm: number } {
  const weighted: WeightedTerm[] = [];
  let norm = 0;
  for (const [term, count] of counts) {
    const id = index.terms.get(term);
    if (id === undefined || count <= 0) continue;
    const weight = (1 + Math.log(count)) * index.idf[id];
    weighted.push({ id, weight });
    norm += weight * weight;
  }
  weighted.sort((a, b) => b.weight - a.weight || a.id - b.id);
  return { terms: weighted.slice(0, QUERY_TERMS), norm: Math.sqrt(norm) || 1 };
}

/** Cosine similarity of the text with every document it shares a term with. */
export function similarities(
  index: TermIndex,
  counts: ReadonlyMap<string, number>,
  exclude?: (doc: number) => boolean,
) {
  const query = weighQuery(index, counts);
  const scores = new Float64Array(index.docs.length);
  for (const { id, weight } of query.terms) {
    const contribution = (weight * index.idf[id]) / query.norm;
    for (const d of index.postings[id]) scores[d] += contribution / index.docs[d].norm;
  }
  const found: Neighbour[] = [];
  scores.forEach((similarity, doc) => {
    if (similarity > 0 && !exclude?.(doc)) found.push({ doc, similarity });
  });
  found.sort((a, b) => b.similarity - a.similarity || a.doc - b.doc);
  return { query, found };
}

function holds(postings: Int32Array, doc: number): boolean {
  let lo = 0;
  let hi = postings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (postings[mid] === doc) return true;
    if (postings[mid] < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export type Suggestion = {
  slug: string;
  /** The similarity-weighted share of the nearest documents carrying it, 0..1. */
  confidence: number;
  /** The stemmed terms that pulled hardest towards it, strongest first. */
  evidence: string[];
};

/**
 * Every starting point the nearest documents carry, with its confidence and evidence, most
 * confident first. Use `suggested()` for the ones to show.
 */
export function suggest(
  index: TermIndex,
  counts: ReadonlyMap<string, number>,
  options: { exclude?: (doc: number) => boolean } = {},
): Suggestion[] {
  const { query, found } = similarities(index, counts, options.exclude);
  const nearest = found.slice(0, NEIGHBOURS);
  const total = nearest.reduce((sum, n) => sum + n.similarity, 0);
  if (total === 0) return [];
  const bySlug = new Map<string, { weight: number; terms: Map<number, number> }>();
  for (const neighbour of nearest) {
    const doc = index.docs[neighbour.doc];
    for (const slug of new Set(doc.labels)) {
      let entry = bySlug.get(slug);
      if (!entry) bySlug.set(slug, (entry = { weight: 0, terms: new Map() }));
      entry.weight += neighbour.similarity;
      // What each shared term added to this neighbour's similarity is what led to the slug.
      for (const { id, weight } of query.terms) {
        if (!holds(index.postings[id], neighbour.doc)) continue;
        const pull = (weight * index.idf[id]) / (query.norm * doc.norm);
        entry.terms.set(id, (entry.terms.get(id) ?? 0) + pull);
      }
    }
  }
  const names = termNames(index);
  return [...bySlug.entries()]
    .map(([slug, entry]) => ({
      slug,
      confidence: entry.weight / total,
      evidence: [...entry.terms.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, EVIDENCE_WORDS * 2)
        .map(([id]) => names[id]),
    }))
    .sort((a, b) => b.confidence - a.confidence || a.slug.localeCompare(b.slug));
}

/** The suggestions worth showing: confident enough. */
export function suggested(all: Suggestion[]): Suggestion[] {
  return all.filter((s) => s.confidence >= SUGGEST_THRESHOLD);
}

const namesCache = new WeakMap<TermIndex, string[]>();
function termNames(index: TermIndex): string[] {
  let names = namesCache.get(index);
  if (!names) {
    names = new Array<string>(index.terms.size);
    for (const [term, id] of index.terms) names[id] = term;
    namesCache.set(index, names);
  }
  return names;
}

/** A document's own terms as query counts (each once, as stored). */
export function termCounts(terms: readonly string[]): Map<string, number> {
  return new Map(terms.map((term) => [term, 1]));
}

export type Related = { id: string; score: number };

/**
 * Documents alike in text and in starting points: 0.7 · cosine similarity + 0.3 · Jaccard
 * overlap of the starting points. Starting points carry stories across languages, whose words
 * rarely meet. Descriptions and the document itself are never related.
 */
export function related(
  index: TermIndex,
  document: { id: string; terms: readonly string[]; labels: readonly string[] },
  limit = 5,
): Related[] {
  const { found } = similarities(index, termCounts(document.terms));
  const text = new Map(found.map((n) => [n.doc, n.similarity]));
  const own = new Set(document.labels);
  const scored: Related[] = [];
  index.docs.forEach((doc, d) => {
    if (doc.description || doc.id === document.id) return;
    const labels = new Set(doc.labels);
    let shared = 0;
    for (const label of labels) if (own.has(label)) shared += 1;
    const union = own.size + labels.size - shared;
    const score = 0.7 * (text.get(d) ?? 0) + 0.3 * (union > 0 ? shared / union : 0);
    if (score > 0) scored.push({ id: doc.id, score });
  });
  return scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

// ------------------------------------------------------------------ evaluation

export type ClassScore = {
  slug: string;
  stories: number;
  predicted: number;
  truePositives: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
};
export type EvaluationResult = {
  stories: number;
  folds: number;
  perStartingPoint: ClassScore[];
  macroF1: number | null;
  baseline: { slug: string | null; perStartingPoint: ClassScore[]; macroF1: number | null };
};

function scores(
  slugs: readonly string[],
  truth: readonly (readonly string[])[],
  predictions: readonly (readonly string[])[],
): { per: ClassScore[]; macroF1: number | null } {
  const per = slugs.map((slug) => {
    let tp = 0;
    let predicted = 0;
    let actual = 0;
    truth.forEach((labels, i) => {
      const yes = labels.includes(slug);
      const said = predictions[i].includes(slug);
      if (yes) actual += 1;
      if (said) predicted += 1;
      if (yes && said) tp += 1;
    });
    const precision = predicted > 0 ? tp / predicted : null;
    const recall = actual > 0 ? tp / actual : null;
    // A starting point never predicted has precision 0 for F1's sake: it found none of its stories.
    const f1 =
      actual === 0 ? null : tp === 0 ? 0 : (2 * (precision ?? 0) * recall!) / ((precision ?? 0) + recall!);
    return { slug, stories: actual, predicted, truePositives: tp, precision, recall, f1 };
  });
  const defined = per.filter((c) => c.f1 !== null);
  return {
    per,
    macroF1: defined.length > 0 ? defined.reduce((sum, c) => sum + c.f1!, 0) / defined.length : null,
  };
}

/** FNV-1a: folds that do not depend on the order the database returns rows in. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * k-fold cross-validation: each story is suggested for by a model that never saw it (the
 * descriptions are always learnt from), and its suggestions are compared with its labels.
 * Per starting point precision, recall and F1, the macro-F1 over starting points that have
 * stories, and the same for the majority baseline, which always says the starting point most
 * often carried in the training folds.
 */
export function crossValidate(
  slugs: readonly string[],
  stories: readonly LabelledDocument[],
  descriptions: readonly LabelledDocument[],
  requestedFolds = 5,
): EvaluationResult {
  const ordered = [...stories].sort((a, b) => hash(a.id) - hash(b.id) || a.id.localeCompare(b.id));
  const folds = Math.max(0, Math.min(requestedFolds, ordered.length));
  const predictions: string[][] = [];
  const baselines: string[][] = [];
  for (let f = 0; f < folds; f++) {
    const training = ordered.filter((_, i) => i % folds !== f);
    const index = buildIndex([...descriptions, ...training]);
    const frequency = new Map<string, number>();
    for (const doc of training)
      for (const label of doc.labels) frequency.set(label, (frequency.get(label) ?? 0) + 1);
    const majority =
      [...frequency.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    ordered.forEach((doc, i) => {
      if (i % folds !== f) return;
      predictions[i] = suggested(suggest(index, termCounts(doc.terms))).map((s) => s.slug);
      baselines[i] = majority ? [majority] : [];
    });
  }
  const overall = new Map<string, number>();
  for (const doc of ordered)
    for (const label of doc.labels) overall.set(label, (overall.get(label) ?? 0) + 1);
  const baselineSlug =
    [...overall.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  const truth = ordered.map((doc) => doc.labels);
  const model = scores(
    slugs,
    truth,
    predictions.length === ordered.length ? predictions : ordered.map(() => []),
  );
  const base = scores(slugs, truth, baselines.length === ordered.length ? baselines : ordered.map(() => []));
  return {
    stories: ordered.length,
    folds,
    perStartingPoint: model.per,
    macroF1: model.macroF1,
    baseline: { slug: baselineSlug, perStartingPoint: base.per, macroF1: base.macroF1 },
  };
}
