import { expect, test } from "./fixtures";

test.describe("read API", () => {
  test("answers over HTTP with CORS and ETags, and explains bad parameters", async ({ request }) => {
    const response = await request.get("/api/v1/stories?sp=using-knowledge&limit=2", {
      headers: { Origin: "https://elsewhere.example" },
    });
    expect(response.status()).toBe(200);
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    const body = await response.json();
    expect(body.data).toHaveLength(2);
    expect(body.next).toEqual(expect.any(String));
    const etag = response.headers()["etag"];
    expect(
      (
        await request.get("/api/v1/stories?sp=using-knowledge&limit=2", {
          headers: { "If-None-Match": etag },
        })
      ).status(),
    ).toBe(304);

    const preflight = await request.fetch("/api/v1/stories", { method: "OPTIONS" });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()["access-control-allow-methods"]).toContain("GET");

    const bad = await request.get("/api/v1/stories?limit=1000");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "bad_request", parameter: "limit" });
    expect((await request.get("/api/v1/stories/no-such-story")).status()).toBe(404);

    const doc = await (await request.get("/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
  });

  test("the reference page renders the OpenAPI document", async ({ page }) => {
    await page.goto("/api");
    await expect(page.getByRole("heading", { name: /Vertrekpunt read API/ })).toBeVisible();
    await expect(page.getByText("/stories/{slug}", { exact: true })).toBeVisible();
    await expect(page.getByText("/starting-points", { exact: true })).toBeVisible();
  });
});
