// Keeping the focused field in sight above a sticky save bar, and taking the user to the fields that need fixing.
/** Room left between a field (with its message) and the bar or the top of the window. */
const MARGIN = 12;

/** The save bars on the page that stay at the bottom of the window while their form scrolls. */
const stickyBars = new Set<HTMLElement>();
let watching = false;
let resizes: ResizeObserver | null = null;

/** How many fields have a message: the leaves of react-hook-form's error tree. */
export function countFieldErrors(errors: unknown): number {
  const count = (node: unknown): number => {
    if (!node || typeof node !== "object") return 0;
    if ("message" in node && typeof node.message === "string" && node.message) return 1;
    if ("type" in node && "ref" in node) return 0;
    return Object.entries(node).reduce((sum, [key, child]) => (key === "ref" ? sum : sum + count(child)), 0);
  };
  return count(errors);
}

/** The fields of `form` marked invalid, in the page's order, that can take focus. */
export function invalidFields(form: HTMLElement): HTMLElement[] {
  return [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"]')].filter(
    (element) => !element.matches(":disabled") && element.getClientRects().length > 0,
  );
}

/** Focus the first invalid field of `form` and scroll it, with its message, clear of the save bar. False: none. */
export function focusFirstInvalid(form: HTMLElement): boolean {
  const first = invalidFields(form)[0];
  if (!first) return false;
  first.focus({ preventScroll: true });
  reveal(first);
  return true;
}

/** Scroll so that `element` and the hint or message it points at are in the window and not under a sticky bar. */
export function reveal(element: HTMLElement) {
  const described = (element.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .map((id) => (id ? document.getElementById(id) : null))
    .filter((node): node is HTMLElement => !!node && node.getClientRects().length > 0);
  const boxes = [element, ...described].map((node) => node.getBoundingClientRect());
  const top = Math.min(...boxes.map((box) => box.top));
  const bottom = Math.max(...boxes.map((box) => box.bottom));
  const limit = visibleBottom(element);
  if (bottom > limit - MARGIN) {
    // Never push the field's top out of the window to show a long message.
    window.scrollBy({ top: Math.min(bottom - limit + MARGIN, top - MARGIN), behavior: "instant" });
  } else if (top < MARGIN) {
    window.scrollBy({ top: top - MARGIN, behavior: "instant" });
  }
}

/** The lowest point of the window a field can use: the top of a sticky bar that covers the window's bottom. */
function visibleBottom(element: HTMLElement): number {
  let bottom = window.innerHeight;
  for (const bar of stickyBars) {
    if (bar.contains(element)) continue;
    const box = bar.getBoundingClientRect();
    // Only a bar that is where it sticks (at the window's bottom) covers fields; one in the flow sits below its form.
    if (box.height > 0 && box.bottom >= window.innerHeight - 1 && box.top < bottom) bottom = box.top;
  }
  return bottom;
}

/**
 * Register a sticky save bar: the page keeps scroll padding the height of the tallest one (the browser's own
 * scrolling on focus honours it), and a field that gets focus under it is scrolled up above it.
 */
export function watchStickyBar(bar: HTMLElement): () => void {
  stickyBars.add(bar);
  if (!watching) {
    watching = true;
    document.addEventListener("focusin", onFocusIn);
    resizes = new ResizeObserver(updateScrollPadding);
  }
  resizes?.observe(bar);
  updateScrollPadding();
  return () => {
    stickyBars.delete(bar);
    resizes?.unobserve(bar);
    updateScrollPadding();
    if (stickyBars.size === 0 && watching) {
      watching = false;
      document.removeEventListener("focusin", onFocusIn);
      resizes?.disconnect();
      resizes = null;
    }
  };
}

function updateScrollPadding() {
  const height = Math.max(0, ...[...stickyBars].map((bar) => bar.getBoundingClientRect().height));
  document.documentElement.style.scrollPaddingBottom = height > 0 ? `${Math.ceil(height + MARGIN)}px` : "";
}

function onFocusIn(event: FocusEvent) {
  const target = event.target;
  if (!(target instanceof HTMLElement) || target === document.body) return;
  // After the browser's own scroll into view, which happens once focus has moved.
  requestAnimationFrame(() => {
    if (document.activeElement !== target) return;
    const box = target.getBoundingClientRect();
    if (box.bottom > visibleBottom(target) || box.top < 0) reveal(target);
  });
}
