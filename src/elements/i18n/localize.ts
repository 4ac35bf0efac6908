// Every string a person reads comes from a dictionary. Each element keeps its own (`strings.ts`
// in its folder, made with defineStrings): English is the source, and Spanish and German must
// have every key, or the types fail. The language is the nearest `lang` above the element,
// through shadow roots (so `<convene-meeting lang="es">` picks it for everything inside), then
// the page's; a region (`es-MX`) finds its language; anything else is English.
//
// Why not @lit/localize: its locale is one per page (configureLocalization is global), and a
// kit must let two meetings on one page speak two languages, and follow a `lang` attribute that
// changes. It also wants a build step to extract and compile messages; dictionaries typed here
// catch a missing translation at compile time without one.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const LANGUAGES = ['en', 'es', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One element's strings, by language; each language has every key of the English one. */
export type Strings<K extends string> = Readonly<Record<Language, Readonly<Record<K, string>>>>;

/** An element's dictionary: the English strings, and every other language's for the same keys. */
export function defineStrings<const E extends Record<string, string>>(
  en: E,
  others: Record<Exclude<Language, 'en'>, Record<keyof E, string>>,
): Strings<keyof E & string> {
  return { en, ...others };
}

/** The supported language a `lang` value names (`es-MX` is Spanish), or undefined. */
export function matchLanguage(lang: string | null | undefined): Language | undefined {
  const primary = lang?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === primary);
}

/** The element's language: the nearest `lang` above it, through shadow roots; else English. */
export function languageOf(element: Element): Language {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang !== null && lang !== '') return matchLanguage(lang) ?? 'en';
    node = node.parentElement ?? hostOf(node);
  }
  return 'en';
}

function hostOf(node: Element): Element | null {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Fills `{name}` placeholders; a placeholder without a value stays as written. */
export function format(template: string, params?: Readonly<Record<string, string | number>>) {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * Re-renders its host when a `lang` attribute changes anywhere in the page's light DOM (a
 * <convene-meeting lang> or the page's own). One observer serves every element on the page.
 */
const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

function watchLanguages(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer) {
    observer = new MutationObserver(() => {
      for (const notify of listeners) notify();
    });
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}

/** Gives an element its strings in its language: `this.#t.t('mute')`, `t('joined', {name})`. */
export class LocalizeController<K extends string> implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #strings: Strings<K>;
  #language: Language = 'en';
  #unwatch: (() => void) | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, strings: Strings<K>) {
    this.#host = host;
    this.#strings = strings;
    host.addController(this);
  }

  /** The language strings are given in now. */
  get language(): Language {
    return this.#language;
  }

  hostConnected(): void {
    this.#language = languageOf(this.#host);
    this.#unwatch = watchLanguages(() => this.#check());
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  /** The string for `key` in the element's language, its placeholders filled from `params`. */
  t(key: K, params?: Readonly<Record<string, string | number>>): string {
    return format(this.#strings[this.#language][key], params);
  }

  #check(): void {
    const language = languageOf(this.#host);
    if (language === this.#language) return;
    this.#language = language;
    this.#host.requestUpdate();
  }
}
