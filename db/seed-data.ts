/*
 * Seed content for a fresh installation: the four starting points (vertrekpunten) and the ten
 * example stories from the book "Leren in tijden van tweets, apps en statusupdates".
 *
 * Pure data, no imports. Everything here is copied or summarised from the authors' blog post
 * introducing the model; the stories deliberately add no facts about the named organisations
 * (no dates, numbers, people, tool names or outcomes) beyond what that post gives.
 */

// ---------------------------------------------------------------------------- types

export type StartingPointSlug =
  | "improving-work-practice"
  | "collaborating-across-boundaries"
  | "using-knowledge"
  | "learning-with-outside-world";

export type SeedStartingPoint = {
  slug: StartingPointSlug;
  /** 1..4, the order the authors use. */
  position: number;
  nameEn: string;
  nameNl: string;
  /** One short line for a card. */
  taglineEn: string;
  taglineNl: string;
  /** 2-4 sentences of plain text. */
  descriptionEn: string;
  descriptionNl: string;
};

export type SeedOrganisationType =
  "company" | "government" | "healthcare" | "education" | "non-profit" | "network" | "other";

export type SeedStory = {
  /** Stable, kebab-case. */
  slug: string;
  title: string;
  organisation: string;
  organisationType: SeedOrganisationType;
  summary: string;
  /** Markdown. */
  body: string;
  trigger: string;
  tools: string[];
  language: "en";
  startingPoints: SeedStartingPoint["slug"][];
};

export type SeedEditors = {
  readonly name: "Editors";
  readonly handle: "editors";
  readonly email: "editors@vertrekpunt.invalid";
};

// ---------------------------------------------------------------------------- editors

/** The account that publishes the example stories. */
export const EDITORS = {
  name: "Editors",
  handle: "editors",
  email: "editors@vertrekpunt.invalid",
} as const satisfies SeedEditors;

// ---------------------------------------------------------------------------- starting points

export const BOOK_TITLE = "Leren in tijden van tweets, apps en statusupdates";

export const STARTING_POINTS: SeedStartingPoint[] = [
  {
    slug: "improving-work-practice",
    position: 1,
    nameEn: "Improving the work practice",
    nameNl: "Verbeteren van de werkpraktijk",
    taglineEn: "Using social technology to work smarter and faster.",
    taglineNl: "Sociale technologie inzetten om slimmer en sneller te werken.",
    descriptionEn:
      "Some organisations set out with social technology to work smarter and faster. " +
      "An ambulance service looked for tools to improve its internal communication, and the police " +
      "collected improvement ideas from staff through short, tweet-like suggestions. " +
      "A network preparing a team hackathon put together a toolset to work together at a distance.",
    descriptionNl:
      "Sommige organisaties richten zich op slimmer en sneller werken. " +
      "Bij een ambulancedienst zocht men naar tools die de interne communicatie zouden verbeteren, " +
      "en de politie haalde via een soort tweets verbeterideeën op bij medewerkers. " +
      "Om een teamhackathon voor te bereiden stelde een netwerk een toolset samen om op afstand samen te werken.",
  },
  {
    slug: "collaborating-across-boundaries",
    position: 2,
    nameEn: "Collaborating across boundaries",
    nameNl: "Samenwerken over grenzen heen",
    taglineEn: "Working together at a distance: for cost, geography or new ways of working.",
    taglineNl: "Samenwerken op afstand: vanuit kosten, geografie of het nieuwe werken.",
    descriptionEn:
      "This starting point can be prompted by cost savings, by the geographic structure of the " +
      "organisation or by new ways of working (het nieuwe werken). " +
      "A university uses social technology to supervise students at a distance, and the Perspectivity " +
      "network really needs social media to stay connected with colleagues in Asia and Africa.",
    descriptionNl:
      "Dit vertrekpunt kan ingegeven zijn door kostenbesparing, door de geografische structuur van de " +
      "organisatie of door het nieuwe werken. " +
      "Een universiteit zet sociale technologie in bij de begeleiding van studenten op afstand. " +
      "Het Perspectivity Netwerk heeft sociale media echt nodig om verbinding te houden met medewerkers " +
      "in Azië en Afrika.",
  },
  {
    slug: "using-knowledge",
    position: 3,
    nameEn: "Making use of knowledge in the organisation",
    nameNl: "Kennis benutten in de organisatie",
    taglineEn: "Bundling, sharing and drawing on the knowledge within the organisation.",
    taglineNl: "Kennis binnen de organisatie bundelen, delen en benutten.",
    descriptionEn:
      "A government organisation wanted to bundle its expertise on gaming, a hospital uses an " +
      "enterprise social network to encourage staff to share their knowledge, and KPN organises " +
      "challenges so that employees can think along on important policy questions. " +
      "The authors note that this starting point may overlap with improving the work practice, " +
      "but find it distinct enough to name separately.",
    descriptionNl:
      "Een overheidsorganisatie wilde haar expertise op het terrein van gaming bundelen, een ziekenhuis " +
      "gebruikt een enterprise social network om medewerkers te stimuleren hun kennis te delen, en KPN " +
      "organiseert ‘challenges’ om medewerkers mee te laten denken over belangrijke beleidsvraagstukken. " +
      "Er zit wellicht overlap met het verbeteren van de werkpraktijk, maar de auteurs vinden dit " +
      "vertrekpunt onderscheidend genoeg om het apart te noemen.",
  },
  {
    slug: "learning-with-outside-world",
    position: 4,
    nameEn: "Learning from and with the outside world",
    nameNl: "Leren van en met de buitenwereld",
    taglineEn: "Opening up: learning in open networks beyond your own organisation.",
    taglineNl: "Naar buiten treden: leren in open netwerken buiten de eigen organisatie.",
    descriptionEn:
      "This concerns, for example, organisations that work with open “networks of practice”. " +
      "The Algemene Rekenkamer (Netherlands Court of Audit) started a blog to make its work more " +
      "visible to citizens, and care professionals who want to contribute to a movement in care can " +
      "join the Andere Handen Community. " +
      "Think too of organisations that explicitly encourage their employees to maintain and use " +
      "their network outside the organisation.",
    descriptionNl:
      "Dit betreft bijvoorbeeld organisaties die met open ‘networks of practice’ werken. " +
      "De Algemene Rekenkamer is een blog gestart om haar werk zichtbaarder te maken voor burgers, en " +
      "bij de Andere Handen Community kunnen zorgprofessionals aansluiten die willen bijdragen aan een " +
      "beweging in de zorg. " +
      "Denk ook aan organisaties die hun medewerkers expliciet stimuleren om hun netwerk buiten de " +
      "organisatie te onderhouden en te benutten.",
  },
];

// ---------------------------------------------------------------------------- example stories

/** The closing line every example story ends with. */
export const BOOK_NOTE = `_An example from the book “${BOOK_TITLE}” (“Learning in times of tweets, apps and status updates”)._`;

const body = (...paragraphs: string[]): string => [...paragraphs, BOOK_NOTE].join("\n\n");

export const EXAMPLE_STORIES: SeedStory[] = [
  // 1. Improving the work practice
  {
    slug: "ambulance-service-internal-communication",
    title: "An ambulance service looks for tools to improve internal communication",
    organisation: "Ambulance service",
    organisationType: "healthcare",
    summary:
      "An ambulance service went looking for tools that would improve its internal communication: " +
      "setting out with social technology to work smarter and faster.",
    body: body(
      "For this ambulance service, the reason to start with social technology lay close to home: " +
        "its own internal communication. The organisation went looking for tools that would make " +
        "that communication better.",
      "The book presents it as a typical case of the first starting point, **improving the work " +
        "practice**. The focus is not on technology for its own sake, but on working smarter and " +
        "faster in the everyday work. The summary of this case names the need rather than specific tools.",
      "A question to take away: where does internal communication get stuck in your own organisation?",
    ),
    trigger: "Looking for tools to improve internal communication.",
    tools: [],
    language: "en",
    startingPoints: ["improving-work-practice"],
  },
  {
    slug: "police-tweet-like-improvement-ideas",
    title: "The police collect improvement ideas from staff through tweet-like suggestions",
    organisation: "Police",
    organisationType: "government",
    summary:
      "The police used technology to support reflection in the work and to gather improvement ideas " +
      "from staff, who for a few weeks could send short, tweet-like suggestions.",
    body: body(
      "The police used technology as a means to support reflection in the work and to collect ideas " +
        "for improvement from their own staff.",
      "For a few weeks, staff could pass on suggestions in a kind of tweet: short messages about work " +
        "that could be done faster or smarter. The people who do the work every day were invited to " +
        "say where it could be better, in a format that asks only a few words.",
      "This makes it an example of the first starting point, **improving the work practice**: " +
        "working smarter and faster, with ideas coming from the work floor itself.",
    ),
    trigger:
      "Wanting to support reflection in the work and to collect improvement ideas from staff about " +
      "work that could be done faster or smarter.",
    tools: ["tweet-like short messages"],
    language: "en",
    startingPoints: ["improving-work-practice"],
  },
  {
    slug: "network-toolset-for-team-hackathon",
    title: "A network assembles a toolset to prepare a team hackathon at a distance",
    organisation: "Team hackathon network",
    organisationType: "network",
    summary:
      "To prepare a team hackathon, a network the authors themselves belong to put together a toolset " +
      "to help it work together at a distance.",
    body: body(
      "This story comes from close by: the authors were part of this network themselves. To prepare " +
        "a team hackathon, the network put together a toolset that would help it work together at a " +
        "distance.",
      "The need was practical. Preparing something together without being in the same place asks for " +
        "a shared way of working, and the toolset was meant to support exactly that.",
      "It fits the first starting point, **improving the work practice**: the technology was chosen " +
        "to help the work itself go smarter and faster.",
    ),
    trigger: "Preparing a team hackathon together while working at a distance.",
    tools: [],
    language: "en",
    startingPoints: ["improving-work-practice"],
  },

  // 2. Collaborating across boundaries
  {
    slug: "university-supervising-students-at-a-distance",
    title: "A university uses social technology to supervise students at a distance",
    organisation: "University",
    organisationType: "education",
    summary:
      "A university uses social technology in supervising students at a distance, an example of " +
      "collaborating across boundaries.",
    body: body(
      "At this university, social technology plays a role in supervising students at a distance. " +
        "When student and supervisor are not in the same place, the technology helps the supervision " +
        "carry on.",
      "It is an example of the second starting point, **collaborating across boundaries**. The authors " +
        "note that this starting point can be driven by cost savings, by the geographic structure of an " +
        "organisation or by new ways of working (*het nieuwe werken*). The summary of this case does not " +
        "say which of these weighed most for the university.",
    ),
    trigger: "The need to supervise students at a distance.",
    tools: [],
    language: "en",
    startingPoints: ["collaborating-across-boundaries"],
  },
  {
    slug: "perspectivity-network-connecting-across-continents",
    title: "The Perspectivity network stays connected with colleagues in Asia and Africa",
    organisation: "Perspectivity",
    organisationType: "network",
    summary:
      "For the Perspectivity network, social media are a real necessity to stay connected with " +
      "colleagues in Asia and Africa.",
    body: body(
      "The Perspectivity network has colleagues in Asia and Africa. To stay connected with them, social " +
        "media are not a nice extra: the network really needs them.",
      "Here the boundary to cross is geography. With colleagues spread over continents, social media " +
        "help the network keep in touch across those distances.",
      "It is a clear example of the second starting point, **collaborating across boundaries**, where " +
        "the geographic structure of an organisation or network is one of the drivers.",
    ),
    trigger: "Needing to stay connected with colleagues in Asia and Africa.",
    tools: ["social media"],
    language: "en",
    startingPoints: ["collaborating-across-boundaries"],
  },

  // 3. Making use of knowledge in the organisation
  {
    slug: "government-organisation-bundling-gaming-expertise",
    title: "A government organisation sets out to bundle its expertise on gaming",
    organisation: "Government organisation",
    organisationType: "government",
    summary:
      "A government organisation wanted to bundle its expertise in the field of gaming, an example of " +
      "making use of the knowledge in an organisation.",
    body: body(
      "This government organisation wanted to bundle its expertise in the field of gaming. The starting " +
        "point was knowledge: bringing expertise together so that the organisation can make better use " +
        "of it.",
      "It belongs to the third starting point, **making use of knowledge in the organisation**. The " +
        "authors note that this starting point may overlap with the first, improving the work practice, " +
        "but they find it distinct enough to name separately.",
    ),
    trigger: "Wanting to bundle the organisation's expertise in the field of gaming.",
    tools: [],
    language: "en",
    startingPoints: ["using-knowledge"],
  },
  {
    slug: "hospital-enterprise-social-network-knowledge-sharing",
    title: "A hospital uses an enterprise social network to encourage knowledge sharing",
    organisation: "Hospital",
    organisationType: "healthcare",
    summary:
      "A hospital works with an enterprise social network to encourage its staff to share their knowledge.",
    body: body(
      "In this hospital, an enterprise social network is used to encourage staff to share their " +
        "knowledge with each other.",
      "An enterprise social network is a social platform for an organisation's own people. Here it " +
        "serves a clear purpose: helping knowledge that sits with individual staff members reach their " +
        "colleagues.",
      "It is an example of the third starting point, **making use of knowledge in the organisation**.",
    ),
    trigger: "Wanting to encourage staff to share their knowledge.",
    tools: ["enterprise social network"],
    language: "en",
    startingPoints: ["using-knowledge"],
  },
  {
    slug: "kpn-challenges-on-policy-questions",
    title: "KPN organises challenges so employees can think along on policy questions",
    organisation: "KPN",
    organisationType: "company",
    summary: "KPN organises “challenges” that let employees think along on important policy questions.",
    body: body(
      "KPN organises “challenges”: occasions for employees to think along on important policy " +
        "questions.",
      "The challenges draw on the knowledge and ideas of the company's own employees, and involve them " +
        "in questions that matter for the organisation.",
      "This puts KPN under the third starting point, **making use of knowledge in the organisation**.",
    ),
    trigger: "Wanting employees to think along on important policy questions.",
    tools: [],
    language: "en",
    startingPoints: ["using-knowledge"],
  },

  // 4. Learning from and with the outside world
  {
    slug: "algemene-rekenkamer-blog-making-work-visible",
    title: "The Algemene Rekenkamer starts a blog to make its work visible to citizens",
    organisation: "Algemene Rekenkamer (Netherlands Court of Audit)",
    organisationType: "government",
    summary:
      "The Algemene Rekenkamer, the Netherlands Court of Audit, started a blog to make its work more " +
      "visible to citizens.",
    body: body(
      "The Algemene Rekenkamer, the Netherlands Court of Audit, started a blog. The aim: to make its " +
        "work more visible to citizens.",
      "With a blog, an organisation turns outward: it shows its work to people outside the " +
        "organisation, in this case citizens.",
      "It is an example of the fourth starting point, **learning from and with the outside world**.",
    ),
    trigger: "Wanting to make its work more visible to citizens.",
    tools: ["blog"],
    language: "en",
    startingPoints: ["learning-with-outside-world"],
  },
  {
    slug: "andere-handen-community-movement-in-care",
    title: "Care professionals join the Andere Handen Community to contribute to a movement in care",
    organisation: "Andere Handen Community",
    organisationType: "network",
    summary:
      "The Andere Handen Community is open to care professionals who want to contribute to a movement " +
      "in care; the authors call it a fine example of learning with the outside world.",
    body: body(
      "The Andere Handen Community is a community that care professionals can join when they want to " +
        "contribute to a movement in care.",
      "Such a community reaches beyond the walls of a single organisation. It fits the open " +
        "“networks of practice” the authors describe under this starting point.",
      "The authors call it a fine example of the fourth starting point, **learning from and with the " +
        "outside world**.",
    ),
    trigger: "Care professionals wanting to contribute to a movement in care.",
    tools: [],
    language: "en",
    startingPoints: ["learning-with-outside-world"],
  },
];
