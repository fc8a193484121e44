import { ImageResponse } from "next/og";
import { startingPointColor } from "@/lib/starting-points/color";
import { clampText } from "./text";

/*
 * The share image (Open Graph / Twitter card) for stories and starting points: a band in the
 * starting point colours, the site name, a title and the starting points as coloured tags.
 * Drawn by Satori: flexbox only, and every element with more than one child needs
 * display:flex. Only the font bundled with next/og is used (one weight, no network).
 */

export const SHARE_IMAGE_WIDTH = 1200;
export const SHARE_IMAGE_HEIGHT = 630;

const INK = "#1c1917"; // stone-900
const MUTED = "#57534e"; // stone-600
const PAPER = "#fafaf9"; // stone-50
const BRAND_COLORS = [1, 2, 3, 4].map(startingPointColor);

export type ShareCardTag = { name: string; position: number };
export type ShareCardLine = { text: string; color?: string };

export type ShareCard = {
  siteName: string;
  /** Small line above the title: the organisation, or "Starting point 2". */
  eyebrow?: ShareCardLine;
  /** The title; more than one line for an intersection ("A", "+ B"), each in its own colour. */
  title: ShareCardLine[];
  subtitle?: string;
  /** Colours of the band along the top, in order. */
  colors: string[];
  tags?: ShareCardTag[];
};

/** Longer titles get a smaller type size; clamped so three lines always fit. */
function titleStyle(length: number): { fontSize: number; max: number } {
  if (length <= 32) return { fontSize: 76, max: 32 };
  if (length <= 60) return { fontSize: 64, max: 60 };
  return { fontSize: 54, max: 105 };
}

export function ShareCardImage({ card }: { card: ShareCard }) {
  const tags = (card.tags ?? []).slice(0, 4);
  // Up to two tags share one row; three or four take two rows, in smaller type, and leave the
  // subtitle one line.
  const manyTags = tags.length > 2;
  const subtitleMax = manyTags ? 64 : 110;
  const titleLength = card.title.reduce((sum, line) => sum + Array.from(line.text).length, 0);
  const { fontSize, max } = titleStyle(card.title.length > 1 ? Math.max(titleLength, 40) : titleLength);
  const perLine = Math.max(Math.floor(max / card.title.length), 16);
  const bands = card.colors.length > 0 ? card.colors : BRAND_COLORS;

  return (
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        width: "100%",
        height: "100%",
        background: PAPER,
        color: INK,
      }}
    >
      <div style={{ display: "flex", width: "100%", height: 18 }}>
        {bands.map((color, index) => (
          <div key={index} style={{ display: "flex", flex: 1, height: "100%", background: color }} />
        ))}
      </div>
      <div style={{ display: "flex", flexDirection: "column", flex: 1, padding: "44px 72px 52px 72px" }}>
        <div style={{ display: "flex", alignItems: "center", fontSize: 28, color: MUTED }}>
          <div style={{ display: "flex", flexWrap: "wrap", width: 30, height: 30, marginRight: 14 }}>
            {BRAND_COLORS.map((color) => (
              <div
                key={color}
                style={{
                  display: "flex",
                  width: 13,
                  height: 13,
                  margin: 1,
                  borderRadius: 3,
                  background: color,
                }}
              />
            ))}
          </div>
          <div style={{ display: "flex" }}>{clampText(card.siteName, 40)}</div>
        </div>

        <div
          style={{
            display: "flex",
            flexDirection: "column",
            flex: 1,
            justifyContent: "center",
            overflow: "hidden",
          }}
        >
          {card.eyebrow ? (
            <div
              style={{ display: "flex", fontSize: 32, color: card.eyebrow.color ?? MUTED, marginBottom: 18 }}
            >
              {clampText(card.eyebrow.text, 56)}
            </div>
          ) : null}
          {card.title.map((line, index) => (
            <div
              key={index}
              style={{
                display: "flex",
                fontSize,
                lineHeight: 1.12,
                letterSpacing: -1,
                color: line.color ?? INK,
              }}
            >
              {clampText(line.text, perLine)}
            </div>
          ))}
          {card.subtitle ? (
            <div style={{ display: "flex", fontSize: 30, lineHeight: 1.3, color: MUTED, marginTop: 22 }}>
              {clampText(card.subtitle, subtitleMax)}
            </div>
          ) : null}
        </div>

        {tags.length > 0 ? (
          <div style={{ display: "flex", flexWrap: "wrap", gap: 12, marginTop: 20 }}>
            {tags.map((tag) => (
              <div
                key={`${tag.position}-${tag.name}`}
                style={{
                  display: "flex",
                  alignItems: "center",
                  fontSize: manyTags ? 20 : 24,
                  padding: manyTags ? "6px 16px 6px 12px" : "8px 18px 8px 14px",
                  borderRadius: 999,
                  border: `2px solid ${startingPointColor(tag.position)}`,
                  color: startingPointColor(tag.position),
                  background: "#ffffff",
                }}
              >
                <div
                  style={{
                    display: "flex",
                    width: 16,
                    height: 16,
                    borderRadius: 8,
                    marginRight: 10,
                    background: startingPointColor(tag.position),
                  }}
                />
                <div style={{ display: "flex" }}>{clampText(tag.name, 44)}</div>
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The PNG for a card. Not cached for long: titles change, stories can be unpublished, and
 * starting point names follow the reader's language.
 */
export function shareCardResponse(card: ShareCard): ImageResponse {
  return new ImageResponse(<ShareCardImage card={card} />, {
    width: SHARE_IMAGE_WIDTH,
    height: SHARE_IMAGE_HEIGHT,
    headers: { "cache-control": "public, max-age=600", vary: "Accept-Language, Cookie" },
  });
}
