import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import {
  LocalizeController,
  defineStrings,
  format,
  languageOf,
  matchLanguage,
} from '../../src/elements/i18n/localize.ts';

const STRINGS = defineStrings(
  { hello: 'Hello, {name}', leave: 'Leave' },
  {
    es: { hello: 'Hola, {name}', leave: 'Salir' },
    de: { hello: 'Hallo, {name}', leave: 'Verlassen' },
  },
);

/** Renders its strings in its language, counting renders. */
class Greeter extends LitElement {
  readonly strings = new LocalizeController(this, STRINGS);
  renders = 0;
  override render() {
    this.renders++;
    return html`${this.strings.t('hello', { name: 'Ada' })} / ${this.strings.t('leave')}`;
  }
}
customElements.define('test-greeter', Greeter);

/** Holds a greeter inside its shadow root, as <convene-meeting> holds its parts. */
class Shell extends LitElement {
  override render() {
    return html`<test-greeter></test-greeter>`;
  }
}
customElements.define('test-shell', Shell);

const text = (element: Element) => element.shadowRoot!.textContent!.trim();

describe('localize', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('matches a language by its primary subtag, else nothing', () => {
    expect(matchLanguage('es-MX')).to.equal('es');
    expect(matchLanguage('DE')).to.equal('de');
    expect(matchLanguage('de_AT')).to.equal('de');
    expect(matchLanguage('fr')).to.equal(undefined);
    expect(matchLanguage('')).to.equal(undefined);
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(format('{name} joined', { name: 'Ada' })).to.equal('Ada joined');
    expect(format('{count} of {total}', { count: 2 })).to.equal('2 of {total}');
    expect(format('{toString}', {})).to.equal('{toString}');
  });

  it('speaks the nearest lang above it, through a shadow root, and English otherwise', async () => {
    const plain = await fixture<Greeter>(html`<test-greeter></test-greeter>`);
    expect(text(plain)).to.equal('Hello, Ada / Leave');

    const shell = await fixture<Shell>(html`<test-shell lang="es-ES"></test-shell>`);
    const inner = shell.shadowRoot!.querySelector<Greeter>('test-greeter')!;
    await inner.updateComplete;
    expect(languageOf(inner)).to.equal('es');
    expect(text(inner)).to.equal('Hola, Ada / Salir');

    const french = await fixture<Greeter>(html`<div lang="fr"><test-greeter></test-greeter></div>`);
    expect(text(french.querySelector('test-greeter') ?? french)).to.equal('Hello, Ada / Leave');
  });

  it('follows a lang that changes, on its host or on the page', async () => {
    const shell = await fixture<Shell>(html`<test-shell lang="de"></test-shell>`);
    const inner = shell.shadowRoot!.querySelector<Greeter>('test-greeter')!;
    await inner.updateComplete;
    expect(text(inner)).to.equal('Hallo, Ada / Verlassen');
    shell.setAttribute('lang', 'es');
    await waitUntil(() => text(inner) === 'Hola, Ada / Salir');

    const plain = await fixture<Greeter>(html`<test-greeter></test-greeter>`);
    document.documentElement.setAttribute('lang', 'de');
    await waitUntil(() => text(plain) === 'Hallo, Ada / Verlassen');
    const renders = plain.renders;
    document.documentElement.setAttribute('lang', 'de-CH');
    await new Promise((resolve) => setTimeout(resolve));
    expect(plain.renders, 'the same language does not render again').to.equal(renders);
  });
});
