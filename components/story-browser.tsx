"use client";

import { useRouter } from "next/navigation";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useOptimistic,
  useRef,
  useTransition,
  type MouseEvent,
  type ReactNode,
} from "react";
import { announce } from "./action-feedback";

type Browser = {
  /** The query string on screen: the one asked for while it loads, then the loaded one. */
  shown: string;
  pending: boolean;
  navigate: (query: string) => void;
};

const BrowserContext = createContext<Browser | null>(null);

/**
 * Lets /stories update its results in place as filters change. Every state is still a plain
 * URL (pushed to history, so Back works), and without JavaScript the same form and links do a
 * full page load instead.
 */
export function StoryBrowser({ current, children }: { current: string; children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(current);
  const navigate = useCallback(
    (query: string) =>
      startTransition(() => {
        setShown(query);
        router.push(query ? `/stories?${query}` : "/stories", { scroll: false });
      }),
    [router, setShown],
  );
  return <BrowserContext.Provider value={{ shown, pending, navigate }}>{children}</BrowserContext.Provider>;
}

export function useStoryBrowser(): Browser {
  const browser = useContext(BrowserContext);
  if (!browser) throw new Error("useStoryBrowser needs a <StoryBrowser> around it");
  return browser;
}

/**
 * The results, marked busy while new ones load. Once they are in, the status region says the
 * count (the element marked `data-result-count`), also when it did not change, as after a sort.
 */
export function StoryResults({
  label,
  updating,
  children,
}: {
  label: string;
  updating: string;
  children: ReactNode;
}) {
  const { pending } = useStoryBrowser();
  const section = useRef<HTMLElement>(null);
  const wasPending = useRef(false);
  useEffect(() => {
    if (wasPending.current && !pending) {
      const count = section.current?.querySelector("[data-result-count]")?.textContent;
      if (count) announce(count);
    }
    wasPending.current = pending;
  }, [pending]);
  return (
    <section
      ref={section}
      aria-label={label}
      aria-busy={pending}
      className={`space-y-4 transition-opacity ${pending ? "opacity-60" : ""}`}
    >
      <p role="status" className="sr-only">
        {pending ? updating : ""}
      </p>
      {children}
    </section>
  );
}

/** A link to another state of /stories that, with JavaScript, updates the results in place. */
export function StoriesLink({
  query,
  className,
  children,
  ...rest
}: {
  query: string;
  className?: string;
  children: ReactNode;
  "aria-label"?: string;
}) {
  const { navigate } = useStoryBrowser();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    // New tab, new window, download: leave those to the browser.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(query);
  };
  return (
    <a href={query ? `/stories?${query}` : "/stories"} onClick={onClick} className={className} {...rest}>
      {children}
    </a>
  );
}
