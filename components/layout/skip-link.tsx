// The first Tab stop of every page: jumps past the top bar to the page's <main id="main">.
export const MAIN_ID = "main";

export function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow-md ring-1 ring-indigo-600 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
    >
      Skip to content
    </a>
  );
}
