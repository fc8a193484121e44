// Node-only start-up work lives in db/startup.ts; this branch keeps it out of the edge build.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareDatabaseAtStartup } = await import("./db/startup");
    await prepareDatabaseAtStartup();
  }
}
