import type { NextRequest } from "next/server";
import { env, isProduction, type Env } from "@/lib/env";
import { log } from "@/lib/log";

type OriginSettings = Pick<Env, "SITE_URL" | "PORT" | "HOSTNAME">;

// Addresses that mean "every interface": a server started on them has no name of its own.
const ANY_INTERFACE = new Set(["0.0.0.0", "::", "[::]"]);

/** `host:port` as it appears in a Host header (IPv6 in brackets), lower case. */
function hostWithPort(host: string, port: number): string {
  const name = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `${name}:${port}`.toLowerCase();
}

/** The hosts this server answers as, without SITE_URL: the one it was started on, and the loopback names. */
function ownHosts(settings: OriginSettings): string[] {
  const hosts = ["localhost", "127.0.0.1", "::1"];
  if (settings.HOSTNAME && !ANY_INTERFACE.has(settings.HOSTNAME)) hosts.unshift(settings.HOSTNAME);
  return hosts.map((host) => hostWithPort(host, settings.PORT));
}

let warnedAboutHost = false;

/**
 * The origin every absolute link is built on: links in mail (password reset, sign-in and
 * confirmation links, notifications), feeds, oEmbed, share metadata, canonical URLs and the
 * sitemap (decision 032).
 *
 * - SITE_URL when set; a server with DATABASE_URL does not start without it (lib/env.ts).
 * - Embedded, without SITE_URL: the Host header only when it names this server itself (the
 *   HOSTNAME it was started on, or localhost / 127.0.0.1 / [::1], with its PORT), else
 *   http://localhost:<PORT>. Never X-Forwarded-Host or X-Forwarded-Proto: anyone can send those,
 *   and a "forgot password" request naming evil.example would otherwise mail the member a working
 *   reset link to evil.example.
 */
export function publicOrigin(headers: Headers, settings: OriginSettings = env()): string {
  if (settings.SITE_URL) return settings.SITE_URL;
  const own = ownHosts(settings);
  const host = headers.get("host")?.trim().toLowerCase();
  if (host && own.includes(host)) return `http://${host}`;
  if (host && isProduction() && !warnedAboutHost) {
    warnedAboutHost = true;
    log.warn(
      "SITE_URL is not set: links in mail and feeds use this server's own address, not the host the request named; set SITE_URL to the address people use",
      {
        requestHost: host.slice(0, 100),
        origin: `http://${own[0]}`,
      },
    );
  }
  return `http://${own[0]}`;
}

/**
 * Auth.js's route handlers build their redirects from `request.url`, which Next (with our
 * server's fixed hostname, scripts/server.ts) gives as http://localhost:<port>: a sign-in link
 * would then land on localhost. The request is handed on with the public origin instead, as
 * next-auth itself does when AUTH_URL is set (then this leaves it to next-auth). A plain Request:
 * a NextRequest would turn 127.0.0.1 back into localhost.
 */
export async function onPublicOrigin(
  request: NextRequest,
  settings: OriginSettings & Pick<Env, "AUTH_URL" | "NEXTAUTH_URL"> = env(),
): Promise<NextRequest> {
  if (settings.AUTH_URL || settings.NEXTAUTH_URL) return request;
  const origin = publicOrigin(request.headers, settings);
  const current = new URL(request.url);
  if (new URL(origin).origin === current.origin) return request;
  const url = new URL(`${current.pathname}${current.search}`, origin);
  const body =
    request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  // Auth.js only reads what a standard Request has.
  return new Request(url, { method: request.method, headers: request.headers, body }) as NextRequest;
}
