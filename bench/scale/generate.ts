/*
 * Deterministic scale data for benchmarks: members, stories and comments generated from their
 * index alone (plus, for stories and comments, how many members and stories there are to pick
 * from). No database here; bench/scale/seed.ts writes what these functions return.
 *
 * Every row gets its own small PRNG seeded from (kind, index), so the n-th row is the same no
 * matter which run or batch produces it, and a later run can add rows n+1… without replaying
 * the ones before.
 */
import { slugify } from "../../lib/stories/slug";
import type { LANGUAGES, ORGANISATION_TYPES } from "../../lib/constants/vocabulary";

type Language = (typeof LANGUAGES)[number];
type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Every member signs in with this password; the benchmark signs in as some of them. */
export const SCALE_MEMBER_PASSWORD = "scale-member-password";

/**
 * argon2id of SCALE_MEMBER_PASSWORD with the app's parameters (lib/auth/password.ts) and a fixed
 * salt, computed once: hashing a million times would take hours, and a fixed value keeps the rows
 * deterministic. bench/scale/generate.test.ts checks that it verifies.
 */
export const SCALE_MEMBER_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$dmVydHJla3B1bnQtc2NhbGU$a6GfKORVGXCp6ftYxIyJygk0Cy/wt3gmabizclgZPLE";

/** A story with exactly this many top-level comments (and no replies) always exists. */
export const SCALE_STORY_50_COMMENTS = "scale-story-50-comments";
export const SCALE_STORY_500_COMMENTS = "scale-story-500-comments";

export const SCALE_TARGETS = [
  { slug: SCALE_STORY_50_COMMENTS, id: "scale-t-50", comments: 50 },
  { slug: SCALE_STORY_500_COMMENTS, id: "scale-t-500", comments: 500 },
] as const;

/** Ids carry the row's index after a fixed prefix, so existing rows are counted by prefix. */
export const SCALE_ID_PREFIX = { member: "scale-m-", story: "scale-s-", comment: "scale-c-" } as const;

/** Member n (1-based) signs in with this address. */
export function scaleMemberEmail(n: number): string {
  return `scale-member-${n}@example.test`;
}

export function scaleMemberHandle(n: number): string {
  return `scale-member-${n}`;
}

export const scaleMemberId = (n: number): string => `${SCALE_ID_PREFIX.member}${n}`;
export const scaleStoryId = (n: number): string => `${SCALE_ID_PREFIX.story}${n}`;
export const scaleCommentId = (n: number): string => `${SCALE_ID_PREFIX.comment}${n}`;
export const scaleTargetCommentId = (targetId: string, k: number): string => `${targetId}-c-${k}`;

// ---------------------------------------------------------------------------- randomness

/** mulberry32: tiny, fast, and good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from a kind and an index (FNV-1a over the kind, then mixed with the index). */
function seedOf(kind: string, index: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < kind.length; i++) h = Math.imul(h ^ kind.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ index, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h ^ (index >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

export function rngFor(kind: string, index: number): () => number {
  return mulberry32(seedOf(kind, index));
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const between = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const chance = (rng: Rng, p: number): boolean => rng() < p;
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Draws from items by weight. */
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let u = rng() * total;
  for (const [item, w] of items) {
    u -= w;
    if (u < 0) return item;
  }
  return items[items.length - 1][0];
}

// ---------------------------------------------------------------------------- vocabularies

const FIRST_NAMES = [
  "Anna",
  "Sanne",
  "Lotte",
  "Fleur",
  "Eva",
  "Noor",
  "Femke",
  "Marieke",
  "Ingrid",
  "Saskia",
  "Yasmin",
  "Fatima",
  "Emma",
  "Olivia",
  "Grace",
  "Chloe",
  "Hannah",
  "Priya",
  "Mei",
  "Sofia",
  "Daan",
  "Bram",
  "Joost",
  "Pieter",
  "Ruben",
  "Thijs",
  "Mohamed",
  "Youssef",
  "Kees",
  "Wouter",
  "James",
  "Oliver",
  "Samuel",
  "Liam",
  "Arjun",
  "Tomás",
] as const;
const LAST_NAMES = [
  "de Vries",
  "Jansen",
  "van den Berg",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Leeuwen",
  "Dekker",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Smits",
  "Smith",
  "Johnson",
  "Brown",
  "Taylor",
  "Wilson",
  "Evans",
  "Thomas",
  "Roberts",
  "Walker",
  "Wright",
  "El Amrani",
  "Yilmaz",
  "Kaya",
  "Nguyen",
  "Okafor",
  "Santos",
] as const;
const PLACES = [
  "Utrecht",
  "Amersfoort",
  "Zwolle",
  "Groningen",
  "Leiden",
  "Delft",
  "Tilburg",
  "Eindhoven",
  "Arnhem",
  "Nijmegen",
  "Haarlem",
  "Breda",
  "Maastricht",
  "Deventer",
  "Enschede",
  "Gouda",
  "Leeuwarden",
  "Almere",
  "Bristol",
  "Leeds",
  "Ghent",
  "Antwerp",
  "Manchester",
  "Dublin",
] as const;

/** Organisation name patterns by type; `{p}` is a place. */
const ORGANISATIONS: readonly (readonly [OrganisationType, string, number])[] = [
  ["government", "Gemeente {p}", 3],
  ["government", "Provincie {p}", 1],
  ["government", "{p} City Council", 2],
  ["healthcare", "Ziekenhuis {p}", 2],
  ["healthcare", "Zorggroep {p}", 2],
  ["healthcare", "{p} Community Care", 1],
  ["education", "Hogeschool {p}", 2],
  ["education", "University of {p}", 1],
  ["education", "ROC {p}", 1],
  ["company", "{p} Logistics", 2],
  ["company", "Bouwbedrijf {p}", 1],
  ["company", "{p} Digital", 2],
  ["non-profit", "Stichting Samen {p}", 2],
  ["non-profit", "{p} Food Bank", 1],
  ["network", "Netwerk Zorg {p}", 1],
  ["network", "{p} Practitioners Network", 1],
  ["other", "Bibliotheek {p}", 1],
];

const TOOLS = [
  ["Yammer", 6],
  ["Microsoft Teams", 9],
  ["Slack", 6],
  ["WhatsApp", 7],
  ["blog", 5],
  ["wiki", 5],
  ["SharePoint", 5],
  ["LinkedIn", 6],
  ["Mastodon", 2],
  ["Zoom", 4],
  ["Discourse", 2],
  ["Trello", 2],
  ["Miro", 3],
  ["Jive", 1],
  ["Workplace", 2],
  ["YouTube", 2],
  ["podcast", 1],
  ["Mattermost", 1],
] as const;

// Frequent words on purpose: "community" and "netwerk" find many stories in full-text search.
const EN_WORDS = {
  subject: [
    "our team",
    "the community",
    "our network",
    "the organisation",
    "colleagues",
    "the project group",
    "volunteers",
    "nurses",
    "teachers",
    "the community managers",
    "our partners",
    "the board",
  ],
  verb: [
    "started sharing",
    "learned to use",
    "discussed",
    "collected",
    "tried out",
    "wrote about",
    "improved",
    "documented",
    "questioned",
    "connected around",
    "celebrated",
    "struggled with",
  ],
  object: [
    "short updates",
    "practical knowledge",
    "ideas for improvement",
    "questions from the field",
    "lessons learned",
    "stories from practice",
    "the weekly planning",
    "their network outside the organisation",
    "the community pages",
    "new ways of working",
    "small experiments",
    "feedback from citizens",
  ],
  tail: [
    "every week",
    "at a distance",
    "across departments",
    "with the outside world",
    "without a big plan",
    "in the community",
    "after the pilot",
    "step by step",
    "in the evenings",
    "with help from the network",
    "on a shared platform",
    "despite the doubts",
  ],
  headings: [
    "What we tried",
    "What happened next",
    "Lessons learned",
    "The first months",
    "What we would do differently",
    "Tools we used",
    "Community and network",
    "Next steps",
  ],
  titles: [
    "How {o} built a community around {t}",
    "{o}: learning in the open with {t}",
    "Sharing knowledge at {o}",
    "Working across boundaries at {o}",
    "From pilot to practice: {t} at {o}",
    "Why {o} started a community of practice",
    "What {o} learned from its network",
    "Small experiments with {t} at {o}",
  ],
  summaries: [
    "A short account of how {o} started with {t} and what the community gained.",
    "How colleagues at {o} used {t} to share what they know.",
    "{o} tried {t} for a year: what worked, what did not, and what is next.",
    "The network around {o} grew once people could find each other.",
  ],
  triggers: [
    "Too many questions went unanswered.",
    "Colleagues worked in different cities and rarely met.",
    "A new director asked how we could learn faster.",
    "Knowledge left the organisation with every retirement.",
    "Citizens wanted to see what we do.",
    "The pandemic made meeting in person impossible.",
  ],
  comments: [
    "Thanks for sharing this, very recognisable.",
    "We had the same experience in our community.",
    "How did you get management on board?",
    "Interesting how the network grew on its own.",
    "Did you measure anything before and after?",
    "We tried something similar, but it faded after a few months.",
    "Which tool would you choose today?",
    "This is exactly the starting point we are at now.",
    "Great story, I shared it with my team.",
    "Can you say more about the first weeks?",
  ],
} as const;

const NL_WORDS = {
  subject: [
    "ons team",
    "het netwerk",
    "de organisatie",
    "collega's",
    "de projectgroep",
    "vrijwilligers",
    "verpleegkundigen",
    "docenten",
    "de community",
    "onze partners",
    "het bestuur",
    "de afdeling",
  ],
  verb: [
    "begon met het delen van",
    "leerde werken met",
    "besprak",
    "verzamelde",
    "probeerde",
    "schreef over",
    "verbeterde",
    "legde vast",
    "stelde vragen over",
    "verbond zich rond",
    "vierde",
    "worstelde met",
  ],
  object: [
    "korte berichten",
    "praktische kennis",
    "verbeterideeën",
    "vragen uit de praktijk",
    "geleerde lessen",
    "verhalen uit de praktijk",
    "de weekplanning",
    "hun netwerk buiten de organisatie",
    "de netwerkpagina's",
    "het nieuwe werken",
    "kleine experimenten",
    "feedback van burgers",
  ],
  tail: [
    "elke week",
    "op afstand",
    "over afdelingen heen",
    "met de buitenwereld",
    "zonder groot plan",
    "in het netwerk",
    "na de pilot",
    "stap voor stap",
    "'s avonds",
    "met hulp van het netwerk",
    "op een gedeeld platform",
    "ondanks de twijfels",
  ],
  headings: [
    "Wat we probeerden",
    "Wat er daarna gebeurde",
    "Geleerde lessen",
    "De eerste maanden",
    "Wat we anders zouden doen",
    "Gebruikte middelen",
    "Netwerk en community",
    "Volgende stappen",
  ],
  titles: [
    "Hoe {o} een netwerk bouwde rond {t}",
    "{o}: leren in het open met {t}",
    "Kennis delen bij {o}",
    "Samenwerken over grenzen bij {o}",
    "Van pilot naar praktijk: {t} bij {o}",
    "Waarom {o} een lerend netwerk begon",
    "Wat {o} leerde van het netwerk",
    "Kleine experimenten met {t} bij {o}",
  ],
  summaries: [
    "Een kort verslag van hoe {o} begon met {t} en wat het netwerk opleverde.",
    "Hoe collega's bij {o} {t} gebruikten om kennis te delen.",
    "{o} probeerde {t} een jaar lang: wat werkte, wat niet, en wat nu.",
    "Het netwerk rond {o} groeide toen mensen elkaar konden vinden.",
  ],
  triggers: [
    "Te veel vragen bleven onbeantwoord.",
    "Collega's werkten in verschillende steden en zagen elkaar zelden.",
    "Een nieuwe directeur vroeg hoe we sneller konden leren.",
    "Kennis verdween met elk pensioen.",
    "Burgers wilden zien wat we doen.",
    "Door de pandemie konden we elkaar niet meer ontmoeten.",
  ],
  comments: [
    "Dank voor het delen, heel herkenbaar.",
    "Wij hadden dezelfde ervaring in ons netwerk.",
    "Hoe kregen jullie het management mee?",
    "Interessant hoe het netwerk vanzelf groeide.",
    "Hebben jullie iets gemeten, voor en na?",
    "Wij probeerden iets vergelijkbaars, maar het doofde na een paar maanden uit.",
    "Welk middel zou je nu kiezen?",
    "Dit is precies het vertrekpunt waar wij nu staan.",
    "Mooi verhaal, ik heb het met mijn team gedeeld.",
    "Kun je meer vertellen over de eerste weken?",
  ],
} as const;

const WORDS: Record<Language, typeof EN_WORDS | typeof NL_WORDS> = { en: EN_WORDS, nl: NL_WORDS };

function sentence(rng: Rng, language: Language): string {
  const w = WORDS[language];
  return `${capitalise(pick(rng, w.subject))} ${pick(rng, w.verb)} ${pick(rng, w.object)} ${pick(rng, w.tail)}.`;
}

function paragraph(rng: Rng, language: Language, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng, language)).join(" ");
}

function list(rng: Rng, language: Language): string {
  const w = WORDS[language];
  return Array.from(
    { length: between(rng, 2, 5) },
    () => `- ${capitalise(pick(rng, w.object))} ${pick(rng, w.tail)}`,
  ).join("\n");
}

function link(rng: Rng, language: Language, n: number): string {
  const text =
    language === "nl"
      ? pick(rng, ["meer over ons netwerk", "ons verslag", "de handleiding"])
      : pick(rng, ["more about our community", "our report", "the guide we wrote"]);
  return `[${text}](https://example.org/scale/${n})`;
}

/** Markdown of varied length: mostly a few paragraphs, sometimes long, with headings, lists and links. */
export function storyBody(rng: Rng, language: Language, n: number): string {
  const w = WORDS[language];
  // Log-uniform-ish length: many short stories, a long tail of long ones (2 to ~40 paragraphs).
  const paragraphs = Math.max(2, Math.round(2 * Math.pow(20, rng() * rng())));
  const blocks: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i > 0 && i % 4 === 0 && chance(rng, 0.7)) blocks.push(`## ${pick(rng, w.headings)}`);
    blocks.push(paragraph(rng, language, between(rng, 2, 6)));
    if (chance(rng, 0.12)) blocks.push(list(rng, language));
  }
  if (chance(rng, 0.3))
    blocks.push(`${capitalise(language === "nl" ? "zie ook" : "see also")} ${link(rng, language, n)}.`);
  return blocks.join("\n\n");
}

function commentBody(rng: Rng, language: Language, n: number): string {
  const w = WORDS[language];
  const parts: string[] = [pick(rng, w.comments)];
  if (chance(rng, 0.6)) parts.push(paragraph(rng, language, between(rng, 1, 3)));
  const text = parts.join(" ");
  if (chance(rng, 0.08)) return `${text}\n\n${list(rng, language)}`;
  if (chance(rng, 0.05)) return `${text}\n\n${link(rng, language, n)}`;
  if (chance(rng, 0.15)) return `${text}\n\n${paragraph(rng, language, between(rng, 1, 4))}`;
  return text;
}

// ---------------------------------------------------------------------------- members

export type ScaleMember = {
  id: string;
  name: string;
  email: string;
  handle: string;
  organisation: string;
  organisationType: OrganisationType;
  bio: string;
  locale: Language;
  createdAt: Date;
};

const MEMBERS_FROM = Date.UTC(2020, 0, 1);
const STORIES_FROM = Date.UTC(2021, 0, 1);
const STORIES_UNTIL = Date.UTC(2025, 8, 30);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function organisationOf(rng: Rng): { organisation: string; organisationType: OrganisationType } {
  const [type, pattern] = weighted(
    rng,
    ORGANISATIONS.map((o) => [[o[0], o[1]] as const, o[2]] as const),
  );
  return { organisation: pattern.replace("{p}", pick(rng, PLACES)), organisationType: type };
}

/** Member n, 1-based. */
export function generateMember(n: number): ScaleMember {
  const rng = rngFor("member", n);
  const name = `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`;
  const locale: Language = chance(rng, 0.6) ? "en" : "nl";
  const org = organisationOf(rng);
  const bio = chance(rng, 0.5) ? sentence(rng, locale) : "";
  return {
    id: scaleMemberId(n),
    name,
    email: scaleMemberEmail(n),
    handle: scaleMemberHandle(n),
    ...org,
    bio,
    locale,
    // Members join over time, in order of their number (a few minutes apart at 10k members).
    createdAt: new Date(MEMBERS_FROM + n * 5 * 60_000 + Math.floor(rng() * 60_000)),
  };
}

// ---------------------------------------------------------------------------- stories

export const STARTING_POINT_SLUGS = [
  "improving-work-practice",
  "collaborating-across-boundaries",
  "using-knowledge",
  "learning-with-outside-world",
] as const;

// One point is common, the fourth is rarer; 1 and 3 often come together (the model's authors
// note that they overlap).
const STARTING_POINT_WEIGHTS = [0.36, 0.2, 0.29, 0.15] as const;
const STARTING_POINT_COUNTS = [
  [1, 55],
  [2, 30],
  [3, 11],
  [4, 4],
] as const;

function startingPointsOf(rng: Rng): string[] {
  const k = weighted(rng, STARTING_POINT_COUNTS);
  const chosen = new Set<number>();
  if (k === 2 && chance(rng, 0.4)) {
    chosen.add(0);
    chosen.add(2);
  }
  while (chosen.size < k) {
    chosen.add(
      weighted(
        rng,
        STARTING_POINT_WEIGHTS.map((w, i) => [i, chosen.has(i) ? 0 : w] as const),
      ),
    );
  }
  return [...chosen].sort((a, b) => a - b).map((i) => STARTING_POINT_SLUGS[i]);
}

export type ScaleStory = {
  id: string;
  slug: string;
  authorId: string;
  title: string;
  organisation: string;
  organisationType: OrganisationType;
  summary: string;
  body: string;
  trigger: string;
  tools: string[];
  language: Language;
  status: "published" | "draft";
  publishedAt: Date | null;
  createdAt: Date;
  startingPoints: string[];
};

/** Share of stories that stay drafts. */
export const DRAFT_SHARE = 0.03;

/** Author of story n: a few members write many stories, most write one or none. */
function authorOf(rng: Rng, members: number): number {
  return 1 + Math.min(members - 1, Math.floor(members * Math.pow(rng(), 2.2)));
}

/** What comments need of story n: drawn first, so it is cheap to get without the rest. */
export function storyHeader(n: number): { language: Language; status: "published" | "draft"; at: number } {
  const rng = rngFor("story", n);
  return storyHeaderFrom(rng);
}

function storyHeaderFrom(rng: Rng): { language: Language; status: "published" | "draft"; at: number } {
  const language: Language = chance(rng, 0.6) ? "en" : "nl";
  const status = chance(rng, DRAFT_SHARE) ? "draft" : "published";
  const at = STORIES_FROM + Math.floor(rng() * (STORIES_UNTIL - STORIES_FROM));
  return { language, status, at };
}

/** Story n, 1-based, written by one of members 1..`members`. */
export function generateStory(n: number, members: number): ScaleStory {
  if (members < 1) throw new Error("Stories need at least one member.");
  const rng = rngFor("story", n);
  const { language, status, at } = storyHeaderFrom(rng);
  const authorN = authorOf(rng, members);
  const author = generateMember(authorN);
  const { organisation, organisationType } = chance(rng, 0.8) ? author : organisationOf(rng);
  const toolCount = weighted(rng, [
    [0, 15],
    [1, 35],
    [2, 30],
    [3, 14],
    [4, 6],
  ] as const);
  const tools = new Set<string>();
  while (tools.size < toolCount) tools.add(weighted(rng, TOOLS));
  const toolList = [...tools];
  const w = WORDS[language];
  const mainTool = toolList[0] ?? (language === "nl" ? "sociale media" : "social media");
  const fill = (pattern: string) => pattern.replace("{o}", organisation).replace("{t}", mainTool);
  const title = fill(pick(rng, w.titles));
  return {
    id: scaleStoryId(n),
    slug: `scale-${n}-${slugify(title)}`,
    authorId: scaleMemberId(authorN),
    title,
    organisation,
    organisationType,
    summary: chance(rng, 0.85) ? fill(pick(rng, w.summaries)) : "",
    body: storyBody(rng, language, n),
    trigger: chance(rng, 0.7) ? pick(rng, w.triggers) : "",
    tools: toolList,
    language,
    status,
    publishedAt: status === "published" ? new Date(at) : null,
    // Written a few hours to a few days before publication.
    createdAt: new Date(at - Math.floor(HOUR + rng() * 4 * DAY)),
    startingPoints: startingPointsOf(rng),
  };
}

/**
 * How much attention story n draws: nothing for drafts and for about a third of the stories,
 * otherwise Pareto-distributed (capped), so a few stories get hundreds of comments and most
 * get a handful.
 */
export function storyAttention(n: number): number {
  const story = rngFor("story-attention", n);
  if (chance(story, 0.35)) return 0;
  return Math.min(400, Math.pow(1 - story(), -1 / 1.3));
}

/**
 * The stories 1..`stories` as a cumulative attention table (drafts get none): comments pick
 * their story from it.
 */
export function commentTargets(stories: number): Float64Array {
  const cumulative = new Float64Array(stories);
  let total = 0;
  for (let n = 1; n <= stories; n++) {
    total += storyHeader(n).status === "published" ? storyAttention(n) : 0;
    cumulative[n - 1] = total;
  }
  return cumulative;
}

/** Story number (1-based) for a uniform draw u in [0, 1). */
export function storyForDraw(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
}

// ---------------------------------------------------------------------------- comments

export type ScaleComment = {
  id: string;
  storyId: string;
  authorId: string;
  parentId: string | null;
  replyToId: string | null;
  body: string;
  createdAt: Date;
};

/** A comment on a story: its number and the top-level comment of its thread. */
export type EarlierComment = { n: number; thread: number };

/** Comments remembered per story to reply to: replies answer the recent conversation. */
export const REPLY_WINDOW = 12;
export const REPLY_SHARE = 0.3;

/**
 * Remembers, per story, the last few comments and the threads they belong to, so a reply can
 * pick one of them. Fed with existing comments first (in order), then with every new one.
 */
export class ConversationState {
  private readonly recent = new Map<number, EarlierComment[]>();

  add(story: number, comment: EarlierComment): void {
    let list = this.recent.get(story);
    if (!list) this.recent.set(story, (list = []));
    list.push(comment);
    if (list.length > REPLY_WINDOW) list.shift();
  }

  earlier(story: number): EarlierComment[] {
    return this.recent.get(story) ?? [];
  }
}

/** The story comment n goes to, without generating the comment (its first draw). */
export function commentStory(n: number, cumulative: Float64Array): number {
  return storyForDraw(cumulative, rngFor("comment", n)());
}

/**
 * Comment n (1-based) on one of the stories in `cumulative`; a reply when the story already has
 * comments and the draw says so. Comments on a story are in the order of their numbers: comment n
 * is posted `n` × 2 seconds after the story's publication, so a reply is always later than what
 * it answers.
 */
export function generateComment(
  n: number,
  params: { members: number; cumulative: Float64Array; state: ConversationState },
): ScaleComment & { story: number; thread: number } {
  const rng = rngFor("comment", n);
  const story = storyForDraw(params.cumulative, rng());
  const meta = storyHeader(story);
  const earlier = params.state.earlier(story);
  const replyTo = earlier.length > 0 && chance(rng, REPLY_SHARE) ? pick(rng, earlier) : null;
  const authorN = 1 + Math.floor(params.members * Math.pow(rng(), 1.5));
  const thread = replyTo ? replyTo.thread : n;
  params.state.add(story, { n, thread });
  return {
    id: scaleCommentId(n),
    story,
    thread,
    storyId: scaleStoryId(story),
    authorId: scaleMemberId(Math.min(authorN, params.members)),
    parentId: replyTo ? scaleCommentId(replyTo.thread) : null,
    replyToId: replyTo ? scaleCommentId(replyTo.n) : null,
    body: commentBody(rng, meta.language, n),
    createdAt: new Date(meta.at + HOUR + n * 2000),
  };
}

const TARGET_PUBLISHED_AT = Date.UTC(2025, 0, 15, 9, 0, 0);

/** The k-th (1-based) top-level comment of a benchmark target story. */
export function generateTargetComment(
  target: (typeof SCALE_TARGETS)[number],
  k: number,
  members: number,
): ScaleComment {
  const rng = rngFor(target.id, k);
  return {
    id: scaleTargetCommentId(target.id, k),
    storyId: target.id,
    authorId: scaleMemberId(1 + Math.floor(rng() * members)),
    parentId: null,
    replyToId: null,
    body: commentBody(rng, "en", k),
    createdAt: new Date(TARGET_PUBLISHED_AT + HOUR + k * 60_000),
  };
}

/** A benchmark target story (always published, English, one starting point). */
export function generateTargetStory(target: (typeof SCALE_TARGETS)[number]): ScaleStory {
  const rng = rngFor(target.id, 0);
  return {
    id: target.id,
    slug: target.slug,
    authorId: scaleMemberId(1),
    title: `A story with ${target.comments} comments`,
    organisation: "Scale Test Community",
    organisationType: "network",
    summary: `Benchmark target: exactly ${target.comments} top-level comments.`,
    body: storyBody(rng, "en", 0),
    trigger: "",
    tools: ["Discourse"],
    language: "en",
    status: "published",
    publishedAt: new Date(TARGET_PUBLISHED_AT),
    createdAt: new Date(TARGET_PUBLISHED_AT - HOUR),
    startingPoints: ["learning-with-outside-world"],
  };
}
