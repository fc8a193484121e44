/*
 * The ten example stories in Dutch, the language of the blog post they come from. As in
 * seed-data.ts, only what the post says: its own words where it has them ("slimmer en sneller
 * werken", "een soort tweets", "verbinding te houden met medewerkers in Azië en Afrika"), and
 * no facts about the organisations beyond them. Pure data, no imports but the types.
 */
import { BOOK_TITLE, EXAMPLE_STORIES } from "./seed-data";

export type SeedTranslation = { title: string; summary: string; body: string; trigger: string };

/** The closing line of every example, in Dutch. */
export const BOOK_NOTE_NL = `_Een voorbeeld uit het boek ‘${BOOK_TITLE}’._`;

const body = (...paragraphs: string[]): string => [...paragraphs, BOOK_NOTE_NL].join("\n\n");

export const EXAMPLE_TRANSLATIONS_NL: Record<(typeof EXAMPLE_STORIES)[number]["slug"], SeedTranslation> = {
  "ambulance-service-internal-communication": {
    title: "Een ambulancedienst zoekt tools die de interne communicatie verbeteren",
    summary:
      "Bij de ambulancedienst was men op zoek naar tools die de interne communicatie zouden verbeteren: " +
      "met sociale technologie in zee om slimmer en sneller te werken.",
    body: body(
      "Voor deze ambulancedienst lag de aanleiding om met sociale technologie aan de slag te gaan dichtbij: " +
        "de eigen interne communicatie. Men was op zoek naar tools die die communicatie zouden verbeteren.",
      "Het boek noemt het als voorbeeld van het eerste vertrekpunt, **verbeteren van de werkpraktijk**. " +
        "Het gaat niet om technologie als doel, maar om slimmer en sneller werken in het dagelijkse werk. " +
        "De beschrijving van dit verhaal noemt de behoefte, niet de tools zelf.",
      "Een vraag om mee te nemen: waar loopt de interne communicatie in jouw organisatie vast?",
    ),
    trigger: "Op zoek naar tools die de interne communicatie zouden verbeteren.",
  },
  "police-tweet-like-improvement-ideas": {
    title: "De politie haalt verbeterideeën op bij medewerkers via een soort tweets",
    summary:
      "De politie zette technologie in als middel om reflectie in het werk te ondersteunen en verbeterideeën " +
      "op te halen bij medewerkers, die een paar weken lang suggesties konden doorgeven in een soort tweets.",
    body: body(
      "Bij de politie hebben ze technologie ingezet als middel om reflectie in het werk te ondersteunen en " +
        "verbeterideeën op te halen bij medewerkers.",
      "Middels een soort tweets konden medewerkers gedurende een paar weken suggesties doorgeven van " +
        "werkzaamheden die sneller en slimmer zouden kunnen. Wie het werk elke dag doet, werd gevraagd te " +
        "zeggen waar het beter kan, in een vorm die maar een paar woorden vraagt.",
      "Daarmee is het een voorbeeld van het eerste vertrekpunt, **verbeteren van de werkpraktijk**: " +
        "slimmer en sneller werken, met ideeën van de werkvloer zelf.",
    ),
    trigger:
      "Reflectie in het werk willen ondersteunen en verbeterideeën ophalen bij medewerkers over werkzaamheden " +
      "die sneller en slimmer zouden kunnen.",
  },
  "network-toolset-for-team-hackathon": {
    title: "Een netwerk stelt een toolset samen om op afstand een teamhackathon voor te bereiden",
    summary:
      "Om de teamhackathon voor te bereiden stelde een netwerk waar de auteurs zelf deel van uitmaakten een " +
      "toolset samen die behulpzaam zou zijn om op afstand samen te werken.",
    body: body(
      "Dit verhaal komt van dichtbij: de auteurs maakten zelf deel uit van dit netwerk. Om de teamhackathon " +
        "voor te bereiden hebben ze als netwerk een toolset samengesteld die behulpzaam zou zijn om op " +
        "afstand samen te werken.",
      "De behoefte was praktisch. Samen iets voorbereiden zonder op dezelfde plek te zijn vraagt om een " +
        "gedeelde manier van werken, en de toolset moest precies dat ondersteunen.",
      "Het past bij het eerste vertrekpunt, **verbeteren van de werkpraktijk**: de technologie werd gekozen " +
        "om het werk zelf slimmer en sneller te laten gaan.",
    ),
    trigger: "Samen een teamhackathon voorbereiden terwijl we op afstand werkten.",
  },
  "university-supervising-students-at-a-distance": {
    title: "Een universiteit zet sociale technologie in bij de begeleiding van studenten op afstand",
    summary:
      "Een universiteit zet sociale technologie in bij de begeleiding van studenten op afstand, een voorbeeld " +
      "van samenwerken over grenzen heen.",
    body: body(
      "Bij deze universiteit speelt sociale technologie een rol in de begeleiding van studenten op afstand. " +
        "Als student en begeleider niet op dezelfde plek zijn, helpt de technologie de begeleiding door te laten gaan.",
      "Het is een voorbeeld van het tweede vertrekpunt, **samenwerken over grenzen heen**. Volgens de " +
        "auteurs kan dit vertrekpunt ingegeven zijn door kostenbesparing, de geografische structuur van de " +
        "organisatie of het nieuwe werken. De beschrijving van dit verhaal zegt niet wat voor de universiteit " +
        "het zwaarst woog.",
    ),
    trigger: "De noodzaak om studenten op afstand te begeleiden.",
  },
  "perspectivity-network-connecting-across-continents": {
    title: "Het Perspectivity Netwerk houdt verbinding met medewerkers in Azië en Afrika",
    summary:
      "Het Perspectivity Netwerk heeft sociale media echt nodig om verbinding te houden met medewerkers in Azië en Afrika.",
    body: body(
      "Het Perspectivity Netwerk heeft medewerkers in Azië en Afrika. Om verbinding met hen te houden zijn " +
        "sociale media geen leuke extra: het netwerk heeft ze echt nodig.",
      "De grens die hier overgestoken wordt is de geografie. Met medewerkers verspreid over continenten " +
        "helpen sociale media het netwerk om over die afstanden contact te houden.",
      "Het is een duidelijk voorbeeld van het tweede vertrekpunt, **samenwerken over grenzen heen**, waarin " +
        "de geografische structuur van een organisatie of netwerk een van de drijfveren is.",
    ),
    trigger: "Verbinding moeten houden met medewerkers in Azië en Afrika.",
  },
  "government-organisation-bundling-gaming-expertise": {
    title: "Een overheidsorganisatie wil haar expertise op het terrein van gaming bundelen",
    summary:
      "Een overheidsorganisatie wilde expertise op het terrein van gaming bundelen, een voorbeeld van kennis " +
      "benutten in de organisatie.",
    body: body(
      "Deze overheidsorganisatie wilde expertise op het terrein van gaming bundelen. Het vertrekpunt was " +
        "kennis: expertise bij elkaar brengen, zodat de organisatie er beter gebruik van kan maken.",
      "Het hoort bij het derde vertrekpunt, **kennis benutten in de organisatie**. De auteurs merken op dat " +
        "er wellicht overlap zit tussen dit vertrekpunt en het eerste, verbeteren van de werkpraktijk, maar " +
        "vinden ze onderscheidend genoeg om ze apart te noemen.",
    ),
    trigger: "Expertise op het terrein van gaming willen bundelen.",
  },
  "hospital-enterprise-social-network-knowledge-sharing": {
    title: "Een ziekenhuis stimuleert kennisdelen met een enterprise social network",
    summary:
      "Een ziekenhuis werkt met een enterprise social network om medewerkers te stimuleren hun kennis te delen.",
    body: body(
      "In dit ziekenhuis wordt een enterprise social network gebruikt om medewerkers te stimuleren hun " +
        "kennis met elkaar te delen.",
      "Een enterprise social network is een sociaal platform voor de eigen mensen van een organisatie. Hier " +
        "heeft het een duidelijk doel: kennis die bij individuele medewerkers zit, bij hun collega's laten komen.",
      "Het is een voorbeeld van het derde vertrekpunt, **kennis benutten in de organisatie**.",
    ),
    trigger: "Medewerkers willen stimuleren hun kennis te delen.",
  },
  "kpn-challenges-on-policy-questions": {
    title: "KPN organiseert challenges om medewerkers mee te laten denken over beleidsvraagstukken",
    summary:
      "KPN organiseert ‘challenges’ om medewerkers mee te laten denken bij belangrijke beleidsvraagstukken.",
    body: body(
      "KPN organiseert ‘challenges’: gelegenheden voor medewerkers om mee te denken bij belangrijke " +
        "beleidsvraagstukken.",
      "De challenges maken gebruik van de kennis en ideeën van de eigen medewerkers, en betrekken hen bij " +
        "vragen die voor de organisatie belangrijk zijn.",
      "Daarmee valt KPN onder het derde vertrekpunt, **kennis benutten in de organisatie**.",
    ),
    trigger: "Medewerkers mee willen laten denken bij belangrijke beleidsvraagstukken.",
  },
  "algemene-rekenkamer-blog-making-work-visible": {
    title: "De Algemene Rekenkamer start een blog om haar werk zichtbaarder te maken voor burgers",
    summary:
      "De Algemene Rekenkamer is een blog gestart om haar werk zichtbaarder te maken voor ons burgers.",
    body: body(
      "De Algemene Rekenkamer is een blog gestart. Het doel: hun werk zichtbaarder maken voor ons burgers.",
      "Met een blog richt een organisatie zich naar buiten: ze laat haar werk zien aan mensen buiten de " +
        "organisatie, in dit geval burgers.",
      "Het is een voorbeeld van het vierde vertrekpunt, **leren van en met de buitenwereld**.",
    ),
    trigger: "Het werk zichtbaarder willen maken voor burgers.",
  },
  "andere-handen-community-movement-in-care": {
    title:
      "Zorgprofessionals sluiten aan bij de Andere Handen Community om bij te dragen aan een beweging in de zorg",
    summary:
      "Bij de Andere Handen Community kunnen zorgprofessionals aansluiten die willen bijdragen aan een beweging " +
      "in de zorg; de auteurs noemen het een mooi voorbeeld van leren met de buitenwereld.",
    body: body(
      "De Andere Handen Community is een community waar zorgprofessionals bij kunnen aansluiten die willen " +
        "bijdragen aan een beweging in de zorg.",
      "Zo'n community reikt verder dan de muren van één organisatie. Ze past bij de open ‘networks of " +
        "practice’ die de auteurs onder dit vertrekpunt beschrijven.",
      "De auteurs noemen het een mooi voorbeeld van het vierde vertrekpunt, **leren van en met de buitenwereld**.",
    ),
    trigger: "Zorgprofessionals die willen bijdragen aan een beweging in de zorg.",
  },
};
