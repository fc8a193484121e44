export default function Page() {
  return (
    <main>
      <h1>A bare page</h1>
      <p>No client components of its own: what it loads is what Next and React need.</p>
    </main>
  );
}
