"use client";

/*
 * Last resort when the root layout itself fails (for example the database is unreachable
 * while rendering the header). No providers are available here, so the text is static and
 * in both languages. The digest is the reference the server logged the error under.
 */
export default function GlobalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body
        style={{
          fontFamily: "system-ui, sans-serif",
          maxWidth: "40rem",
          margin: "4rem auto",
          padding: "0 1rem",
        }}
      >
        <h1>Something went wrong</h1>
        <p>We could not show this page. Please try again in a moment.</p>
        <p lang="nl">Er ging iets mis. Probeer het over een moment opnieuw.</p>
        <button type="button" onClick={reset}>
          Try again / Opnieuw proberen
        </button>
        {error.digest ? (
          <p style={{ marginTop: "2rem", fontSize: "0.875rem", color: "#57534e" }}>
            Reference: {error.digest}
            <br />
            <span lang="nl">Referentie: {error.digest}</span>
          </p>
        ) : null}
      </body>
    </html>
  );
}
