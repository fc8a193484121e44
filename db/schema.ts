import { relations, sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { LANGUAGES, ORGANISATION_TYPES } from "../lib/constants/vocabulary";

/*
 * Every table, its relations and its inferred types, in that order per table.
 * Auth.js tables follow the shape @auth/drizzle-adapter expects; `users` is extended
 * with what the community needs (handle, password hash, role).
 */

export const roleEnum = pgEnum("role", ["member", "moderator", "admin"]);
// How a member wants notifications by mail: each at once, one digest a day, or not at all.
export const emailFrequencyEnum = pgEnum("email_frequency", ["immediate", "daily", "none"]);
// pending: waits for a moderator's approval; hidden: taken off the site by moderators or reports.
export const storyStatusEnum = pgEnum("story_status", ["draft", "pending", "published", "hidden"]);
export const languageEnum = pgEnum("language", LANGUAGES);
export const organisationTypeEnum = pgEnum("organisation_type", ORGANISATION_TYPES);

const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

// ---------------------------------------------------------------------------- users

export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name").notNull(),
    // Always stored trimmed and lower-cased; the unique index on lower(email) guards the rest.
    email: text("email").notNull(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    handle: text("handle").notNull().unique(),
    // Null for accounts that cannot sign in with a password (the seeded Editors account).
    passwordHash: text("password_hash"),
    role: roleEnum("role").notNull().default("member"),
    // Copied into the session token at sign-in; bumping it ends every session of the member.
    sessionVersion: integer("session_version").notNull().default(0),
    // Suspended until this moment, or for good; a suspended member cannot sign in.
    suspendedUntil: timestamp("suspended_until", { withTimezone: true, mode: "date" }),
    suspendedForGood: boolean("suspended_for_good").notNull().default(false),
    suspensionReason: text("suspension_reason").notNull().default(""),
    // The public profile, next to the name and handle.
    organisation: text("organisation").notNull().default(""),
    bio: text("bio").notNull().default(""),
    website: text("website").notNull().default(""),
    // The language mails to this member are written in: the UI language they last chose.
    locale: text("locale").notNull().default("en"),
    emailFrequency: emailFrequencyEnum("email_frequency").notNull().default("immediate"),
    // The last daily digest, so the next one starts where it left off.
    digestSentAt: timestamp("digest_sent_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

export const usersRelations = relations(users, ({ many }) => ({
  stories: many(stories),
  comments: many(comments),
  accounts: many(accounts),
}));

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof roleEnum.enumValues)[number];
export type EmailFrequency = (typeof emailFrequencyEnum.enumValues)[number];

// ---------------------------------------------------------------------------- Auth.js

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index("accounts_user_idx").on(t.userId),
  ],
);

export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export type Account = typeof accounts.$inferSelect;

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export type Session = typeof sessions.$inferSelect;

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export type VerificationToken = typeof verificationTokens.$inferSelect;

// ---------------------------------------------------------------------------- starting points

export const startingPoints = pgTable("starting_points", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  position: integer("position").notNull(),
  nameEn: text("name_en").notNull(),
  nameNl: text("name_nl").notNull(),
  // One line for cards; the description for the model page.
  taglineEn: text("tagline_en").notNull(),
  taglineNl: text("tagline_nl").notNull(),
  descriptionEn: text("description_en").notNull(),
  descriptionNl: text("description_nl").notNull(),
  createdAt: timestamps.createdAt,
});

export const startingPointsRelations = relations(startingPoints, ({ many }) => ({
  stories: many(storyStartingPoints),
}));

export type StartingPoint = typeof startingPoints.$inferSelect;
export type NewStartingPoint = typeof startingPoints.$inferInsert;

// ---------------------------------------------------------------------------- stories

export const stories = pgTable(
  "stories",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    // Fixed at creation so links keep working when the title is edited.
    slug: text("slug").notNull().unique(),
    // Nullable so a deleted account can leave its stories behind as "former member".
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    organisation: text("organisation").notNull(),
    organisationType: organisationTypeEnum("organisation_type").notNull(),
    summary: text("summary").notNull().default(""),
    body: text("body").notNull(),
    trigger: text("trigger").notNull().default(""),
    tools: text("tools")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    language: languageEnum("language").notNull(),
    status: storyStatusEnum("status").notNull().default("draft"),
    isExample: boolean("is_example").notNull().default(false),
    // Bumped on every edit; later edits compare it for optimistic concurrency.
    version: integer("version").notNull().default(1),
    // Counter kept on the row, changed in the same transaction as the comment.
    commentCount: integer("comment_count").notNull().default(0),
    // Readers who recognise at least one starting point in the story; kept like commentCount.
    recognitionCount: integer("recognition_count").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }),
    // Why moderators hid the story or sent it back, shown to its author.
    moderationReason: text("moderation_reason").notNull().default(""),
    // The author switched comments off; existing comments stay readable.
    commentsClosed: boolean("comments_closed").notNull().default(false),
    // A moderator locked the thread; existing comments stay readable.
    lockedAt: timestamp("locked_at", { withTimezone: true, mode: "date" }),
    // Members who marked the story useful; kept like commentCount.
    usefulCount: integer("useful_count").notNull().default(0),
    // The last saved edit of the published story (shown as "edited"); null if never edited.
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
    // Each story is indexed in its own language so stemming fits the text.
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL => sql`
        setweight(to_tsvector(CASE WHEN ${stories.language} = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce(${stories.title}, '')), 'A') ||
        setweight(to_tsvector(CASE WHEN ${stories.language} = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce(${stories.organisation}, '') || ' ' || coalesce(${stories.summary}, '')), 'B') ||
        setweight(to_tsvector(CASE WHEN ${stories.language} = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce(${stories.body}, '')), 'C')`,
    ),
  },
  (t) => [
    index("stories_published_idx")
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published'`),
    index("stories_author_idx").on(t.authorId, t.createdAt.desc()),
    index("stories_search_idx").using("gin", t.searchVector),
    index("stories_tools_idx").using("gin", t.tools),
    // One index per sort order of /stories, so every keyset page is an index range.
    index("stories_discussed_idx")
      .on(t.commentCount.desc(), t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published'`),
    index("stories_recognised_idx")
      .on(t.recognitionCount.desc(), t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published'`),
  ],
);

export const storiesRelations = relations(stories, ({ one, many }) => ({
  author: one(users, { fields: [stories.authorId], references: [users.id] }),
  startingPoints: many(storyStartingPoints),
  comments: many(comments),
}));

export type Story = typeof stories.$inferSelect;
export type NewStory = typeof stories.$inferInsert;
export type StoryStatus = (typeof storyStatusEnum.enumValues)[number];
export type Language = (typeof languageEnum.enumValues)[number];
export type OrganisationType = (typeof organisationTypeEnum.enumValues)[number];

export const storyStartingPoints = pgTable(
  "story_starting_points",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    // A starting point with stories cannot be removed by accident.
    startingPointId: integer("starting_point_id")
      .notNull()
      .references(() => startingPoints.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.startingPointId] }),
    index("story_starting_points_sp_idx").on(t.startingPointId, t.storyId),
  ],
);

export const storyStartingPointsRelations = relations(storyStartingPoints, ({ one }) => ({
  story: one(stories, { fields: [storyStartingPoints.storyId], references: [stories.id] }),
  startingPoint: one(startingPoints, {
    fields: [storyStartingPoints.startingPointId],
    references: [startingPoints.id],
  }),
}));

export type StoryStartingPoint = typeof storyStartingPoints.$inferSelect;

// ---------------------------------------------------------------------------- comments

export const comments = pgTable(
  "comments",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    // Replies are one level deep: a reply's thread is its top-level comment ...
    parentId: text("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    // ... and replyToId is the comment it answers (the top-level one or another reply), quoted.
    replyToId: text("reply_to_id").references((): AnyPgColumn => comments.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    usefulCount: integer("useful_count").notNull().default(0),
    ...timestamps,
    // Soft delete: the thread keeps its shape and the count stays honest.
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    // Hidden by moderators (or by reports, pending review), with the reason its author sees.
    hiddenAt: timestamp("hidden_at", { withTimezone: true, mode: "date" }),
    hiddenReason: text("hidden_reason").notNull().default(""),
  },
  (t) => [
    index("comments_story_idx").on(t.storyId, t.createdAt, t.id),
    index("comments_parent_idx").on(t.parentId, t.createdAt, t.id),
    index("comments_author_idx").on(t.authorId, t.createdAt.desc()),
    // A story's thread starts in listing order: a page of them reads just that page, however
    // many replies the story has.
    index("comments_thread_starts_idx")
      .on(t.storyId, t.createdAt, t.id)
      .where(sql`${t.parentId} IS NULL`),
  ],
);

export const commentsRelations = relations(comments, ({ one, many }) => ({
  story: one(stories, { fields: [comments.storyId], references: [stories.id] }),
  author: one(users, { fields: [comments.authorId], references: [users.id] }),
  parent: one(comments, { fields: [comments.parentId], references: [comments.id], relationName: "thread" }),
  replies: many(comments, { relationName: "thread" }),
}));

export type Comment = typeof comments.$inferSelect;
export type NewComment = typeof comments.$inferInsert;

// ---------------------------------------------------------------------------- the model, tested by readers

/** A reader recognises a starting point in someone else's story: one mark per reader, story and starting point. */
export const storyRecognitions = pgTable(
  "story_recognitions",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startingPointId: integer("starting_point_id")
      .notNull()
      .references(() => startingPoints.id, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.userId, t.startingPointId] }),
    index("story_recognitions_story_sp_idx").on(t.storyId, t.startingPointId),
    index("story_recognitions_sp_idx").on(t.startingPointId),
  ],
);

export const storyRecognitionsRelations = relations(storyRecognitions, ({ one }) => ({
  story: one(stories, { fields: [storyRecognitions.storyId], references: [stories.id] }),
  user: one(users, { fields: [storyRecognitions.userId], references: [users.id] }),
  startingPoint: one(startingPoints, {
    fields: [storyRecognitions.startingPointId],
    references: [startingPoints.id],
  }),
}));

export type StoryRecognition = typeof storyRecognitions.$inferSelect;

/** "I recognise this in my organisation", with an optional note on what the trigger was. One per member and starting point. */
export const organisationRecognitions = pgTable(
  "organisation_recognitions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    startingPointId: integer("starting_point_id")
      .notNull()
      .references(() => startingPoints.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    note: text("note").notNull().default(""),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organisation_recognitions_sp_user_idx").on(t.startingPointId, t.userId),
    index("organisation_recognitions_sp_created_idx").on(t.startingPointId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const organisationRecognitionsRelations = relations(organisationRecognitions, ({ one }) => ({
  startingPoint: one(startingPoints, {
    fields: [organisationRecognitions.startingPointId],
    references: [startingPoints.id],
  }),
  user: one(users, { fields: [organisationRecognitions.userId], references: [users.id] }),
}));

export type OrganisationRecognition = typeof organisationRecognitions.$inferSelect;

/**
 * What the story form suggested when a story was first published, and what its author ticked:
 * the evidence for "authors agreed with the suggestion" (decision 026). One row per story.
 */
export const storySuggestions = pgTable("story_suggestions", {
  storyId: text("story_id")
    .primaryKey()
    .references(() => stories.id, { onDelete: "cascade" }),
  // Slugs, most confident first; empty when the text suggested nothing.
  suggested: text("suggested").array().notNull(),
  chosen: text("chosen").array().notNull(),
  createdAt: timestamps.createdAt,
});

export type StorySuggestionRecord = typeof storySuggestions.$inferSelect;

export const proposalStatusEnum = pgEnum("proposal_status", ["open", "accepted", "merged", "declined"]);

/** A member's proposal for another starting point, decided by a moderator. */
export const proposals = pgTable(
  "starting_point_proposals",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    proposerId: text("proposer_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    explanation: text("explanation").notNull(),
    status: proposalStatusEnum("status").notNull().default("open"),
    // Counters kept on the row, changed in the same transaction as the vote or comment.
    supportCount: integer("support_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    decisionReason: text("decision_reason").notNull().default(""),
    decidedById: text("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
    // Set when accepted (the new starting point) or merged (the existing one it joined).
    resultingStartingPointId: integer("resulting_starting_point_id").references(() => startingPoints.id, {
      onDelete: "set null",
    }),
    ...timestamps,
  },
  (t) => [index("proposals_status_created_idx").on(t.status, t.createdAt.desc())],
);

export const proposalsRelations = relations(proposals, ({ one, many }) => ({
  proposer: one(users, { fields: [proposals.proposerId], references: [users.id] }),
  supports: many(proposalSupports),
  stories: many(proposalStories),
  comments: many(proposalComments),
}));

export type Proposal = typeof proposals.$inferSelect;
export type ProposalStatus = (typeof proposalStatusEnum.enumValues)[number];

export const proposalSupports = pgTable(
  "proposal_supports",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

export const proposalSupportsRelations = relations(proposalSupports, ({ one }) => ({
  proposal: one(proposals, { fields: [proposalSupports.proposalId], references: [proposals.id] }),
  user: one(users, { fields: [proposalSupports.userId], references: [users.id] }),
}));

/** Stories the proposer says show the proposed starting point. */
export const proposalStories = pgTable(
  "proposal_stories",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.storyId] })],
);

export const proposalStoriesRelations = relations(proposalStories, ({ one }) => ({
  proposal: one(proposals, { fields: [proposalStories.proposalId], references: [proposals.id] }),
  story: one(stories, { fields: [proposalStories.storyId], references: [stories.id] }),
}));

export const proposalComments = pgTable(
  "proposal_comments",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    ...timestamps,
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("proposal_comments_proposal_idx").on(t.proposalId, t.createdAt, t.id)],
);

export const proposalCommentsRelations = relations(proposalComments, ({ one }) => ({
  proposal: one(proposals, { fields: [proposalComments.proposalId], references: [proposals.id] }),
  author: one(users, { fields: [proposalComments.authorId], references: [users.id] }),
}));

export type ProposalComment = typeof proposalComments.$inferSelect;

// ---------------------------------------------------------------------------- moderation

export const reportTargetEnum = pgEnum("report_target", ["story", "comment", "member"]);
export const reportReasonEnum = pgEnum("report_reason", [
  "spam",
  "offensive",
  "off_topic",
  "personal_data",
  "other",
]);

/** A member's report of a story, comment or profile; open until a moderator resolves it. */
export const reports = pgTable(
  "reports",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    targetType: reportTargetEnum("target_type").notNull(),
    // The story, comment or user id; not a foreign key, since it points at one of three tables.
    targetId: text("target_id").notNull(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: reportReasonEnum("reason").notNull(),
    note: text("note").notNull().default(""),
    createdAt: timestamps.createdAt,
    resolvedAt: timestamp("resolved_at", { withTimezone: true, mode: "date" }),
    resolvedById: text("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    // One open report per member and target: reporting twice does not count twice.
    uniqueIndex("reports_open_once_idx")
      .on(t.targetType, t.targetId, t.reporterId)
      .where(sql`${t.resolvedAt} IS NULL`),
    index("reports_open_idx")
      .on(t.createdAt)
      .where(sql`${t.resolvedAt} IS NULL`),
    index("reports_target_idx").on(t.targetType, t.targetId),
  ],
);

export const reportsRelations = relations(reports, ({ one }) => ({
  reporter: one(users, { fields: [reports.reporterId], references: [users.id] }),
}));

export type Report = typeof reports.$inferSelect;
export type ReportTarget = (typeof reportTargetEnum.enumValues)[number];
export type ReportReason = (typeof reportReasonEnum.enumValues)[number];

export const moderationActionEnum = pgEnum("moderation_action", [
  "dismiss",
  "hide",
  "restore",
  "delete",
  "warn",
  "suspend",
  "unsuspend",
  "approve",
  "reject",
  "auto_hide",
  "set_role",
  "set_setting",
  // Moderators acting on others' content outside the queue.
  "edit",
  "decide_proposal",
  // A thread locked or unlocked for comments.
  "lock",
  "unlock",
]);

/**
 * The audit trail: every moderator and admin action, with the state before and after. Rows are
 * only ever added. The public moderation log is a view of some of them, without reporters.
 */
export const moderationActions = pgTable(
  "moderation_actions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    // Null for the system (reports reaching the threshold) or the command line.
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: moderationActionEnum("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    // Whose content or account it was, for their history and their notices.
    targetUserId: text("target_user_id").references(() => users.id, { onDelete: "set null" }),
    // A short description of the content at the time (title, excerpt, handle).
    targetLabel: text("target_label").notNull().default(""),
    reason: text("reason").notNull().default(""),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("moderation_actions_created_idx").on(t.createdAt.desc(), t.id.desc()),
    index("moderation_actions_target_user_idx").on(t.targetUserId, t.createdAt.desc()),
  ],
);

export const moderationActionsRelations = relations(moderationActions, ({ one }) => ({
  actor: one(users, { fields: [moderationActions.actorId], references: [users.id] }),
}));

export type ModerationAction = typeof moderationActions.$inferSelect;
export type ModerationActionKind = (typeof moderationActionEnum.enumValues)[number];

/** Messages to one member (moderation notices now; more kinds later), read or not. */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    data: jsonb("data")
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamps.createdAt,
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    // Set when the notification went out by mail, at once or in a digest; never mailed twice.
    emailedAt: timestamp("emailed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt.desc()),
    index("notifications_unmailed_idx")
      .on(t.userId, t.createdAt)
      .where(sql`${t.emailedAt} IS NULL`),
  ],
);

export const notificationsRelations = relations(notifications, ({ one }) => ({
  user: one(users, { fields: [notifications.userId], references: [users.id] }),
}));

export type Notification = typeof notifications.$inferSelect;

/** Site-wide settings the admins change at run time, one JSON value per key. */
export const siteSettings = pgTable("site_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamps.updatedAt,
  updatedById: text("updated_by_id").references(() => users.id, { onDelete: "set null" }),
});

export type SiteSetting = typeof siteSettings.$inferSelect;

// ---------------------------------------------------------------------------- rate limits

/**
 * Fixed-window counters, shared by every app process through the database: one row per key
 * (what is limited and for whom) and window start.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limits_window_idx").on(t.windowStart)],
);

/** Failed sign-ins per account or address; each one after the first few adds to the wait. */
export const signInFailures = pgTable("sign_in_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true, mode: "date" }).notNull(),
});

// ---------------------------------------------------------------------------- reliability

/**
 * One row per form render whose submission created something: a second submission with the
 * same key (double click, a retry after a timeout) gets the first one's result instead of a
 * duplicate. The row is written in the same transaction as what it created.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    scope: text("scope").notNull(),
    result: jsonb("result").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;

// ---------------------------------------------------------------------------- page cache

/**
 * When each cache tag was last invalidated (milliseconds since the epoch). Every app server
 * keeps its cached reads in memory; this table is how an invalidation on one server reaches
 * the others (lib/cache/handler.ts), and how scripts that write outside a server (import,
 * seed) invalidate what the servers hold.
 */
export const cacheTags = pgTable(
  "cache_tags",
  {
    tag: text("tag").primaryKey(),
    expiredAt: bigint("expired_at", { mode: "number" }).notNull(),
  },
  (t) => [index("cache_tags_expired_idx").on(t.expiredAt)],
);

// ---------------------------------------------------------------------------- mail

export const mailStatusEnum = pgEnum("mail_status", ["pending", "sent", "failed"]);

/**
 * Outgoing mail, written in the transaction of whatever caused it and sent by a worker in
 * the app process. Any number of app processes may work the queue: a worker claims a row with
 * FOR UPDATE SKIP LOCKED, so each mail is sent by one of them.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    // Null for mail to an address that has no account (a change of address being confirmed).
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    headers: jsonb("headers")
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    // What the mail is about, when at most one mail may exist for it (a notification id).
    dedupeKey: text("dedupe_key").unique(),
    status: mailStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamps.createdAt,
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export type Mail = typeof mailOutbox.$inferSelect;
export type NewMail = typeof mailOutbox.$inferInsert;

/** Password reset links: only a hash of the token is stored; a token works once, for an hour. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);

export type PasswordResetToken = typeof passwordResetTokens.$inferSelect;

// ---------------------------------------------------------------------------- conversation

/** "Useful" on a story: one per member, toggled. */
export const storyUseful = pgTable(
  "story_useful",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.storyId, t.userId] }), index("story_useful_user_idx").on(t.userId)],
);

/** "Useful" on a comment: one per member, toggled. */
export const commentUseful = pgTable(
  "comment_useful",
  {
    commentId: text("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("comment_useful_user_idx").on(t.userId)],
);

export type StoryUseful = typeof storyUseful.$inferSelect;
export type CommentUseful = typeof commentUseful.$inferSelect;

// ---------------------------------------------------------------------------- revisions

/**
 * The previous version of a published story, kept on every saved edit (and on a restore,
 * which is itself an edit). The current text lives on the story; revision N is the text as it
 * was at story version N.
 */
export const storyRevisions = pgTable(
  "story_revisions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    organisation: text("organisation").notNull(),
    organisationType: organisationTypeEnum("organisation_type").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    trigger: text("trigger").notNull(),
    tools: text("tools").array().notNull(),
    language: languageEnum("language").notNull(),
    startingPoints: text("starting_points").array().notNull(),
    // Who saved this version (the author or a moderator); null once their account is gone.
    savedById: text("saved_by_id").references(() => users.id, { onDelete: "set null" }),
    // When this version was saved (it stopped being current at the next revision's save).
    savedAt: timestamp("saved_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("story_revisions_story_version_idx").on(t.storyId, t.version)],
);

export const storyRevisionsRelations = relations(storyRevisions, ({ one }) => ({
  story: one(stories, { fields: [storyRevisions.storyId], references: [stories.id] }),
  savedBy: one(users, { fields: [storyRevisions.savedById], references: [users.id] }),
}));

export type StoryRevision = typeof storyRevisions.$inferSelect;

// ---------------------------------------------------------------------------- translations

/**
 * A story in the other language, written by its author (decision 030): one per story and
 * language, never in the story's own language (lib/stories/translations.ts checks). Searched
 * with its own language's stemming, like the story.
 */
export const storyTranslations = pgTable(
  "story_translations",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    language: languageEnum("language").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    body: text("body").notNull(),
    trigger: text("trigger").notNull().default(""),
    // Bumped on every save; a save from an older version is refused, as for stories.
    version: integer("version").notNull().default(1),
    ...timestamps,
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL => sql`
        setweight(to_tsvector(CASE WHEN ${storyTranslations.language} = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce(${storyTranslations.title}, '')), 'A') ||
        setweight(to_tsvector(CASE WHEN ${storyTranslations.language} = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce(${storyTranslations.summary}, '')), 'B') ||
        setweight(to_tsvector(CASE WHEN ${storyTranslations.language} = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce(${storyTranslations.body}, '')), 'C')`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.language] }),
    index("story_translations_search_idx").using("gin", t.searchVector),
  ],
);

export const storyTranslationsRelations = relations(storyTranslations, ({ one }) => ({
  story: one(stories, { fields: [storyTranslations.storyId], references: [stories.id] }),
}));

export type StoryTranslation = typeof storyTranslations.$inferSelect;

/** Every saved version of a translation, with who saved it: the translation's history. */
export const storyTranslationRevisions = pgTable(
  "story_translation_revisions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    language: languageEnum("language").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    trigger: text("trigger").notNull(),
    savedById: text("saved_by_id").references(() => users.id, { onDelete: "set null" }),
    savedAt: timestamp("saved_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [uniqueIndex("story_translation_revisions_version_idx").on(t.storyId, t.language, t.version)],
);

export const storyTranslationRevisionsRelations = relations(storyTranslationRevisions, ({ one }) => ({
  story: one(stories, { fields: [storyTranslationRevisions.storyId], references: [stories.id] }),
  savedBy: one(users, { fields: [storyTranslationRevisions.savedById], references: [users.id] }),
}));

export type StoryTranslationRevision = typeof storyTranslationRevisions.$inferSelect;

// ---------------------------------------------------------------------------- follows

export const startingPointFollows = pgTable(
  "starting_point_follows",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startingPointId: integer("starting_point_id")
      .notNull()
      .references(() => startingPoints.id, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.startingPointId] }),
    index("starting_point_follows_sp_idx").on(t.startingPointId),
  ],
);

export const storyFollows = pgTable(
  "story_follows",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.userId, t.storyId] }), index("story_follows_story_idx").on(t.storyId)],
);

export type StartingPointFollow = typeof startingPointFollows.$inferSelect;
export type StoryFollow = typeof storyFollows.$inferSelect;

// ---------------------------------------------------------------------------- account mail tokens

export const emailTokenPurposeEnum = pgEnum("email_token_purpose", ["verify_email", "change_email"]);

/**
 * Links that confirm an address: the address given at sign-up, or a new address for an
 * existing account. Only the token's hash is stored; each works once and expires.
 */
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurposeEnum("purpose").notNull(),
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("email_tokens_user_idx").on(t.userId)],
);

export type EmailToken = typeof emailTokens.$inferSelect;
