import { z } from "zod";
import { storyListQuery } from "./schemas";

type JsonSchema = Record<string, unknown>;

/** A standalone JSON Schema as an OpenAPI component: the document itself sets dialect and ids. */
function component(schema: JsonSchema): JsonSchema {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({
  description,
  content: { "application/json": { schema: ref(id) } },
});
const errors = {
  "400": json("Error", "A parameter is invalid: `error.parameter` says which, `error.message` why."),
  "404": json("Error", "Not found."),
  "429": {
    ...json(
      "Error",
      "Too many requests from this address (`error.code` is `too_many_requests`): wait the seconds in `Retry-After`.",
    ),
    headers: {
      "Retry-After": {
        description: "Seconds until the limit resets.",
        schema: { type: "integer", minimum: 1 },
      },
    },
  },
};

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the endpoints validate with, so
 * the documentation cannot drift from what the API sends.
 */
export function openApiDocument(origin: string): JsonSchema {
  // Importing ./schemas registered every resource (by its meta id) in zod's global registry.
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  const query = z.toJSONSchema(storyListQuery, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, JsonSchema>;
  };
  const parameters = Object.entries(query.properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    description: typeof schema.description === "string" ? schema.description : undefined,
    schema: component(schema),
    ...(["sp", "lang", "type"].includes(name) ? { style: "form", explode: true } : {}),
  }));

  return {
    openapi: "3.1.0",
    info: {
      title: "Vertrekpunt read API",
      version: "1.0.0",
      description:
        "Published practice stories and the starting points of the model. Read-only, no authentication, CORS open for GET.",
    },
    servers: [{ url: `${origin}/api/v1` }],
    paths: {
      "/stories": {
        get: {
          operationId: "listStories",
          summary: "Published stories, newest first, with the same filters and search as /stories",
          parameters,
          responses: {
            "200": json("StoryList", "One page of stories."),
            "304": { description: "Not modified (If-None-Match)." },
            "400": errors["400"],
            "429": errors["429"],
          },
        },
      },
      "/stories/{slug}": {
        get: {
          operationId: "getStory",
          summary: "One published story",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": json("Story", "The story."),
            "304": { description: "Not modified (If-None-Match)." },
            "404": errors["404"],
            "429": errors["429"],
          },
        },
      },
      "/stories/{slug}/related": {
        get: {
          operationId: "listRelatedStories",
          summary:
            "Up to five published stories related to one published story, alike in text and starting points, in either language",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": json("RelatedStoryList", "The related stories, most related first."),
            "304": { description: "Not modified (If-None-Match)." },
            "404": errors["404"],
            "429": errors["429"],
          },
        },
      },
      "/starting-points": {
        get: {
          operationId: "listStartingPoints",
          summary: "The starting points of the model, in both languages, with their story counts",
          responses: {
            "200": json("StartingPointList", "All starting points."),
            "304": { description: "Not modified (If-None-Match)." },
            "429": errors["429"],
          },
        },
      },
    },
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([id, schema]) => [id, component(schema as JsonSchema)]),
      ),
    },
  };
}
