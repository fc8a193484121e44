import { describe, expect, it } from "vitest";
import { summariseAutocannon } from "./load";

describe("summariseAutocannon", () => {
  it("counts every kind of failure and divides completed requests by the run's length", () => {
    const result = summariseAutocannon({
      duration: 20.05,
      errors: 2,
      timeouts: 1,
      non2xx: 3,
      requests: { total: 4010 },
      latency: { p50: 12, p99: 80 },
    });
    expect(result.requestsPerSecond).toBeCloseTo(200, 0);
    expect(result).toMatchObject({ p50: 12, p99: 80, errors: 6, requests: 4010 });
  });

  it("reports no throughput for an empty run", () => {
    const result = summariseAutocannon({
      duration: 0,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      requests: { total: 0 },
      latency: { p50: 0, p99: 0 },
    });
    expect(result.requestsPerSecond).toBe(0);
  });
});
