import { expect, fixture, html } from '@open-wc/testing';
import { Hand, Mic, PhoneOff } from 'lucide';
import { icon } from '../../src/styles/icons.ts';

describe('icon', () => {
  it('draws a lucide icon as a 1em, current-colour SVG hidden from screen readers', async () => {
    const holder = await fixture<HTMLElement>(
      html`<span>${icon(Mic)}${icon(Hand)}${icon(PhoneOff)}</span>`,
    );
    const svgs = holder.querySelectorAll('svg');
    expect(svgs).to.have.length(3);
    const mic = svgs[0]!;
    expect(mic.getAttribute('aria-hidden')).to.equal('true');
    expect(mic.getAttribute('stroke')).to.equal('currentColor');
    expect(mic.getAttribute('width')).to.equal('1em');
    // Every shape of the icon, with its geometry: Mic is two paths and a rounded rect.
    expect([...mic.children].map((shape) => shape.tagName)).to.deep.equal(['path', 'path', 'rect']);
    expect(mic.querySelector('rect')!.getAttribute('rx')).to.equal('3');
    expect(mic.querySelector('path')!.getAttribute('d')).to.equal('M12 19v3');
    expect(mic.getBBox().height).to.be.greaterThan(0);
  });
});
