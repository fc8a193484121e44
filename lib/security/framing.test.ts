import { describe, expect, it } from "vitest";
import { embedFrameAncestors, frameAncestorsFor, isFrameablePath } from "./framing";
import { securityHeaders } from "./headers";

const NONCE = "AAAAAAAAAAAAAAAAAAAAAA==";

describe("frameAncestorsFor", () => {
  it("lets other sites frame the embeds only", () => {
    expect(frameAncestorsFor("/embed/model", undefined)).toBe("*");
    expect(frameAncestorsFor("/embed/stories/a-story", "")).toBe("*");
    for (const path of [
      "/",
      "/stories/a-story",
      "/starting-points",
      "/embed",
      "/embedded/model",
      "/oembed",
      "/api/v1/stories",
    ]) {
      expect(isFrameablePath(path)).toBe(false);
      expect(frameAncestorsFor(path, "*")).toBe("'none'");
    }
  });

  it("takes the configured origins, and refuses frames rather than widen on a typo", () => {
    expect(embedFrameAncestors("https://blog.example.org, https://*.intranet.example:8443 'self'")).toBe(
      "https://blog.example.org https://*.intranet.example:8443 'self'",
    );
    expect(embedFrameAncestors("https://ok.example javascript:alert(1)")).toBe("'none'");
    expect(embedFrameAncestors("https://ok.example https://x.example/path")).toBe("'none'");
    expect(embedFrameAncestors("not-an-origin; script-src *")).toBe("'none'");
  });
});

describe("securityHeaders with frame-ancestors", () => {
  it("drops X-Frame-Options only where frames are allowed", () => {
    const embed = securityHeaders({ nonce: NONCE, nodeEnv: "production", https: false, frameAncestors: "*" });
    expect(embed["Content-Security-Policy"]).toContain("frame-ancestors *");
    expect(embed["Content-Security-Policy"]).toContain(`'nonce-${NONCE}'`);
    expect(embed).not.toHaveProperty("X-Frame-Options");

    const page = securityHeaders({ nonce: NONCE, nodeEnv: "production", https: false });
    expect(page["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(page["X-Frame-Options"]).toBe("DENY");
  });
});
